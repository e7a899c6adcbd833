using NanoCard.Os.Credentials;

namespace NanoCard.Os.Store
{
    /// <summary>
    /// A try counter in the counter area: <see cref="Decrement"/> returns only once the new value is
    /// durable, and <see cref="Set"/> writes only when the value changes (a correct PIN on a full
    /// counter costs no write).
    /// </summary>
    public sealed class PersistentTryCounter : ITryCounter
    {
        private readonly CounterArea area;
        private readonly int index;
        private readonly byte limit;

        internal PersistentTryCounter(CounterArea area, int index, byte limit)
        {
            this.area = area;
            this.index = index;
            this.limit = limit;
        }

        public byte TriesRemaining { get { return area.Get(index); } }

        public void Decrement()
        {
            byte remaining = area.Get(index);
            if (remaining > 0)
            {
                area.Set(index, (byte)(remaining - 1));
            }
        }

        public void Set(byte tries)
        {
            if (tries > limit)
            {
                throw new System.ArgumentOutOfRangeException("tries");
            }
            if (area.Get(index) != tries)
            {
                area.Set(index, tries);
            }
        }
    }
}
