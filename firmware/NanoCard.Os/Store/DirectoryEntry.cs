namespace NanoCard.Os.Store
{
    /// <summary>
    /// One object directory entry: which object (id and kind), where it lies and how big it is,
    /// sealed by a CRC. Entries are written only through the journal; an erased entry (all FF) is free.
    /// </summary>
    public static class DirectoryEntry
    {
        public const int OffsetId = 0;
        public const int OffsetKind = 4;
        public const int OffsetRfu = 5;
        public const int OffsetSize = 6;
        public const int OffsetAddress = 8;
        public const int OffsetCrc = 12;
        public const int Length = 16;

        public static void Encode(uint id, byte kind, int size, int address, byte[] buffer, int offset)
        {
            BigEndian.SetUInt32(buffer, offset + OffsetId, id);
            buffer[offset + OffsetKind] = kind;
            buffer[offset + OffsetRfu] = 0;
            BigEndian.SetUInt16(buffer, offset + OffsetSize, size);
            BigEndian.SetUInt32(buffer, offset + OffsetAddress, (uint)address);
            BigEndian.SealCrc(buffer, offset, OffsetCrc);
        }

        public static bool IsFree(byte[] buffer, int offset)
        {
            for (int i = 0; i < Length; i++)
            {
                if (buffer[offset + i] != 0xFF)
                {
                    return false;
                }
            }
            return true;
        }

        public static bool IsSound(byte[] buffer, int offset)
        {
            return BigEndian.CrcMatches(buffer, offset, OffsetCrc);
        }
    }
}
