namespace NanoCard.Os.Credentials
{
    /// <summary>
    /// A try counter held in RAM: right for tests and the runtime on its own, lost at power-off.
    /// The card store provides the durable, tear-safe one.
    /// </summary>
    public sealed class RamTryCounter : ITryCounter
    {
        private byte remaining;

        public RamTryCounter(byte tryLimit)
        {
            if (tryLimit < 1 || tryLimit > 15)
            {
                throw new System.ArgumentOutOfRangeException("tryLimit");
            }
            TryLimit = tryLimit;
            remaining = tryLimit;
        }

        public byte TryLimit { get; }

        public byte TriesRemaining { get { return remaining; } }

        public void Decrement()
        {
            if (remaining > 0)
            {
                remaining--;
            }
        }

        public void Reset()
        {
            remaining = TryLimit;
        }
    }
}
