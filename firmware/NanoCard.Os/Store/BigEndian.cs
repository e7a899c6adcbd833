namespace NanoCard.Os.Store
{
    /// <summary>
    /// Big-endian fields of the store's records (the same byte order as the APDUs) that
    /// <see cref="Util"/> has no helper for; 16-bit reads use <see cref="Util.GetUShort"/>.
    /// </summary>
    public static class BigEndian
    {
        public static uint GetUInt32(byte[] buffer, int offset)
        {
            return ((uint)buffer[offset] << 24) | ((uint)buffer[offset + 1] << 16) | ((uint)buffer[offset + 2] << 8) | buffer[offset + 3];
        }

        public static void SetUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }

        public static void SetUInt16(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)(value >> 8);
            buffer[offset + 1] = (byte)value;
        }

        /// <summary>Stores the CRC of <c>buffer[offset..offset+length)</c> right after it.</summary>
        public static void SealCrc(byte[] buffer, int offset, int length)
        {
            SetUInt32(buffer, offset + length, Crc32.Compute(buffer, offset, length));
        }

        /// <summary>True when the four bytes after <c>buffer[offset..offset+length)</c> are its CRC.</summary>
        public static bool CrcMatches(byte[] buffer, int offset, int length)
        {
            return GetUInt32(buffer, offset + length) == Crc32.Compute(buffer, offset, length);
        }
    }
}
