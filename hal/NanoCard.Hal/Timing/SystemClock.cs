namespace NanoCard.Hal.Timing
{
    /// <summary>
    /// The platform's clock. nanoFramework.CoreLibrary 1.17.11 has no Environment.TickCount64 and no
    /// Stopwatch, so elapsed time comes from <c>DateTime.UtcNow</c> (the ESP32's RTC, counting since
    /// boot until SNTP sets it). A step of that clock lengthens or shortens the one wait it falls in;
    /// the waits restart when it steps backwards (Pn532.WaitReady), so none hangs.
    /// </summary>
    public sealed class SystemClock : IClock
    {
        /// <summary>DateTime ticks (100 ns) per millisecond.</summary>
        private const long TicksPerMillisecond = 10000;

        public long Milliseconds { get { return System.DateTime.UtcNow.Ticks / TicksPerMillisecond; } }

        public void Sleep(int milliseconds)
        {
            System.Threading.Thread.Sleep(milliseconds);
        }
    }
}
