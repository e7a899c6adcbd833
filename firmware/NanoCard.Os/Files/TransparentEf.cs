using NanoCard.Os.Store;

namespace NanoCard.Os.Files
{
    /// <summary>A transparent EF (ISO/IEC 7816-4:2020 §7.3.1): a fixed-size byte string in the store, read and written by offset.</summary>
    public sealed class TransparentEf : FileEntry
    {
        /// <summary>
        /// The EF's body is the store's bytes at <see cref="address"/>: the EF keeps the handle's
        /// fields rather than a <see cref="PersistentBytes"/> object, one object less per EF on the
        /// device's heap (docs/performance.md, "Managed heap").
        /// </summary>
        private readonly CardStore store;
        private readonly int address;
        /// <summary>Changes only by <see cref="Resize"/> (RESIZE at personalization).</summary>
        private short size;

        /// <summary>
        /// The filler (low byte) and the size the AP's description gives (above it; 0 for an EF whose
        /// size is fixed, a renewable one), in one field: nanoCLR spends a 12-byte block on every
        /// field of every EF (docs/performance.md, "Managed heap").
        /// </summary>
        private readonly int fillerAndDescribedSize;

        /// <param name="body">The EF's bytes in the store; the EF keeps their place, not the handle.</param>
        /// <param name="filler">The value of every byte not written since the EF was made or erased (FF on the My Number card).</param>
        /// <param name="describedSize">The size the description gives, the most RESIZE may give it; 0 when it may not be resized.</param>
        public TransparentEf(short fid, byte sfi, PersistentBytes body, byte filler, AccessRule read, AccessRule update, short describedSize)
            : base(fid, sfi)
        {
            store = body.Store;
            address = body.Address;
            size = body.Size;
            fillerAndDescribedSize = filler | (describedSize << 8);
            ReadAccess = read;
            UpdateAccess = update;
        }

        public short Size { get { return size; } }

        /// <summary>The size the AP's description gives (0: not resizable).</summary>
        public short DescribedSize { get { return (short)(fillerAndDescribedSize >> 8); } }

        private byte Filler { get { return (byte)fillerAndDescribedSize; } }

        public AccessRule ReadAccess { get; }

        public AccessRule UpdateAccess { get; }

        /// <summary>Copies <c>length</c> bytes from the EF at <paramref name="offset"/>; the caller has checked the range.</summary>
        public void Read(short offset, byte[] dest, short destOffset, short length)
        {
            PersistentBytes.Read(store, address, size, offset, dest, destOffset, length);
        }

        /// <summary>
        /// True when the first byte is not the filler: the EF's content was written from its start.
        /// The renewable EFs hold DER certificates, which start with 30, never the filler FF.
        /// </summary>
        public override bool HasContent
        {
            get
            {
                return store.ReadByte(address) != Filler;
            }
        }

        /// <summary>Factory reset: every byte back to the filler.</summary>
        public override void Erase()
        {
            store.Fill(address, size, Filler);
        }

        /// <summary>
        /// RESIZE at personalization: the EF gets <paramref name="size"/> bytes (1 to its described
        /// size) in place; bytes it grows into read as the filler. False when it cannot grow there
        /// (another object follows), with nothing changed (<see cref="CardStore.Resize"/>).
        /// </summary>
        public bool Resize(short size)
        {
            if (!store.Resize(address, this.size, size, Filler))
            {
                return false;
            }
            this.size = size;
            return true;
        }

        /// <summary>Writes into the EF at <paramref name="offset"/>, atomically; the caller has checked the range.</summary>
        public void Write(short offset, byte[] source, short sourceOffset, short length)
        {
            PersistentBytes.Write(store, address, size, offset, source, sourceOffset, length);
        }
    }
}
