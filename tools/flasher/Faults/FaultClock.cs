namespace NanoCard.Flasher.Faults;

/// <summary>Blocking waits on a <see cref="TimeProvider"/>, so tests see the delays asked for without waiting for them.</summary>
public static class FaultClock
{
    /// <summary>Waits <paramref name="delay"/>, or less when cancelled.</summary>
    public static void Sleep(this TimeProvider time, TimeSpan delay, CancellationToken cancel = default)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }
        try
        {
            Task.Delay(delay, time, cancel).Wait(CancellationToken.None);
        }
        catch (AggregateException) when (cancel.IsCancellationRequested)
        {
            // Stopping the tool ends the wait.
        }
    }
}
