namespace NanoCard.Os.Store
{
    /// <summary>
    /// A fixed-size byte array in the store (an EF body, a PIN value, a key): Java Card's persistent
    /// byte[]. Writes are atomic and join the open transaction; reads see the open transaction's writes.
    /// </summary>
    public sealed class PersistentBytes
    {
        private readonly CardStore store;
        private readonly int address;
        /// <summary>Changes only by <see cref="CardStore.Resize"/> (RESIZE at personalization).</summary>
        private short size;

        internal PersistentBytes(CardStore store, int address, short size)
        {
            this.store = store;
            this.address = address;
            this.size = size;
        }

        public short Size { get { return size; } }

        /// <summary>Where the object lies in the memory (for the layout map and tests).</summary>
        public int Address { get { return address; } }

        public void Read(short offset, byte[] dest, short destOffset, short length)
        {
            CheckRange(offset, length);
            store.Read(address + offset, dest, destOffset, length);
        }

        public void Write(short offset, byte[] source, short sourceOffset, short length)
        {
            CheckRange(offset, length);
            store.Write(address + offset, source, sourceOffset, length);
        }

        /// <summary>One byte, through the store's own one-byte buffer (an EF's filler check keeps no buffer of its own).</summary>
        public byte ReadByte(short offset)
        {
            CheckRange(offset, 1);
            return store.ReadByte(address + offset);
        }

        /// <summary>Sets every byte to <paramref name="value"/> (see <see cref="CardStore.Fill"/> for atomicity).</summary>
        public void Fill(byte value)
        {
            store.Fill(address, size, value);
        }

        /// <summary>The object gets <paramref name="size"/> bytes in place (<see cref="CardStore.Resize"/>); false when it cannot grow there.</summary>
        public bool Resize(short newSize, byte filler)
        {
            return store.Resize(this, newSize, filler);
        }

        /// <summary>The store changed the object's size (<see cref="CardStore.Resize"/>).</summary>
        internal void Resized(short newSize)
        {
            size = newSize;
        }

        /// <summary>An applet bug must not reach its neighbour's bytes.</summary>
        private void CheckRange(short offset, short length)
        {
            if (offset < 0 || length < 0 || offset > size - length)
            {
                throw new System.ArgumentOutOfRangeException("offset");
            }
        }
    }
}
