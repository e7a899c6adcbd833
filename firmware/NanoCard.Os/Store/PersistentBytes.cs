namespace NanoCard.Os.Store
{
    /// <summary>
    /// A fixed-size byte array in the store (an EF body, a PIN value, a key): Java Card's persistent
    /// byte[]. Writes are atomic and join the open transaction; reads see the open transaction's writes.
    /// An object the card keeps many of (an EF, a PIN, a key) may take the handle's store, address and
    /// size into its own fields and drop the handle: a handle costs the device's heap an object of its
    /// own (docs/performance.md, "Managed heap").
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

        /// <summary>The store the object is in, for an owner that keeps the address itself.</summary>
        internal CardStore Store { get { return store; } }

        public void Read(short offset, byte[] dest, short destOffset, short length)
        {
            Read(store, address, size, offset, dest, destOffset, length);
        }

        public void Write(short offset, byte[] source, short sourceOffset, short length)
        {
            Write(store, address, size, offset, source, sourceOffset, length);
        }

        /// <summary><see cref="Read(short, byte[], short, short)"/> for an owner that keeps the object's store, address and size itself.</summary>
        internal static void Read(CardStore store, int address, short size, short offset, byte[] dest, short destOffset, short length)
        {
            CheckRange(size, offset, length);
            store.Read(address + offset, dest, destOffset, length);
        }

        /// <summary><see cref="Write(short, byte[], short, short)"/> for an owner that keeps the object's store, address and size itself.</summary>
        internal static void Write(CardStore store, int address, short size, short offset, byte[] source, short sourceOffset, short length)
        {
            CheckRange(size, offset, length);
            store.Write(address + offset, source, sourceOffset, length);
        }

        /// <summary>One byte, through the store's own one-byte buffer (an EF's filler check keeps no buffer of its own).</summary>
        public byte ReadByte(short offset)
        {
            CheckRange(size, offset, 1);
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
            if (!store.Resize(address, size, newSize, filler))
            {
                return false;
            }
            size = newSize;
            return true;
        }

        /// <summary>An applet bug must not reach its neighbour's bytes: throws unless <c>[offset, offset + length)</c> lies in an object of <paramref name="size"/> bytes.</summary>
        private static void CheckRange(short size, short offset, short length)
        {
            if (offset < 0 || length < 0 || offset > size - length)
            {
                throw new System.ArgumentOutOfRangeException("offset");
            }
        }
    }
}
