namespace NanoCard.Hal.Timing
{
    /// <summary>
    /// Elapsed time and waiting, for drivers whose timeouts are promises about time, not about how
    /// many times a loop turned (a bus transfer takes time of its own). The device and the desktop
    /// use <see cref="SystemClock"/>; tests give the PN532 model's simulated clock, so a reader that
    /// pauses for seconds costs no wall-clock time.
    /// </summary>
    public interface IClock
    {
        /// <summary>Milliseconds since an arbitrary start; only differences mean anything.</summary>
        long Milliseconds { get; }

        /// <summary>Gives up the processor for about <paramref name="milliseconds"/>.</summary>
        void Sleep(int milliseconds);
    }
}
