namespace NanoCard.Os.Store
{
    /// <summary>
    /// The commit point of a transaction: one small record naming the journal it seals (where it
    /// starts, how long it is, its CRC) under a sequence number, sealed by its own CRC. Records go
    /// to the two commit slots in turn (slot = sequence mod 2), so tearing one leaves the other.
    /// </summary>
    public static class CommitRecord
    {
        /// <summary>"CR".</summary>
        public const int Magic = 0x4352;

        public const int OffsetMagic = 0;
        public const int OffsetRfu = 2;
        public const int OffsetSequence = 4;
        public const int OffsetJournalOffset = 8;
        public const int OffsetJournalLength = 12;
        public const int OffsetJournalCrc = 16;
        public const int OffsetCrc = 20;
        public const int Length = 24;

        public static void Encode(uint sequence, int journalOffset, int journalLength, uint journalCrc, byte[] buffer, int offset)
        {
            BigEndian.SetUInt16(buffer, offset + OffsetMagic, Magic);
            BigEndian.SetUInt16(buffer, offset + OffsetRfu, 0);
            BigEndian.SetUInt32(buffer, offset + OffsetSequence, sequence);
            BigEndian.SetUInt32(buffer, offset + OffsetJournalOffset, (uint)journalOffset);
            BigEndian.SetUInt32(buffer, offset + OffsetJournalLength, (uint)journalLength);
            BigEndian.SetUInt32(buffer, offset + OffsetJournalCrc, journalCrc);
            BigEndian.SealCrc(buffer, offset, OffsetCrc);
        }

        public static bool IsSound(byte[] buffer, int offset)
        {
            return Util.GetUShort(buffer, offset + OffsetMagic) == Magic && BigEndian.CrcMatches(buffer, offset, OffsetCrc);
        }
    }
}
