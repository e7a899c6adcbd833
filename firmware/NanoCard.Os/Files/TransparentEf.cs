namespace NanoCard.Os.Files
{
    /// <summary>A transparent EF (ISO/IEC 7816-4:2020 §7.3.1): a fixed-size byte string read and written by offset.</summary>
    public sealed class TransparentEf : FileEntry
    {
        private readonly byte[] body;

        /// <summary>An EF of <paramref name="size"/> bytes, every byte set to <paramref name="filler"/> until personalized.</summary>
        public TransparentEf(short fid, byte sfi, short size, byte filler, AccessRule read, AccessRule update)
            : base(fid, sfi)
        {
            if (size < 1)
            {
                throw new System.ArgumentOutOfRangeException("size");
            }
            body = new byte[size];
            Util.ArrayFill(body, 0, size, filler);
            ReadAccess = read;
            UpdateAccess = update;
        }

        public short Size { get { return (short)body.Length; } }

        public AccessRule ReadAccess { get; }

        public AccessRule UpdateAccess { get; }

        /// <summary>Copies <c>length</c> bytes from the EF at <paramref name="offset"/>; the caller has checked the range.</summary>
        public void Read(short offset, byte[] dest, short destOffset, short length)
        {
            Util.ArrayCopy(body, offset, dest, destOffset, length);
        }

        /// <summary>Writes into the EF at <paramref name="offset"/>; the caller has checked the range.</summary>
        public void Write(short offset, byte[] source, short sourceOffset, short length)
        {
            Util.ArrayCopy(source, sourceOffset, body, offset, length);
        }
    }
}
