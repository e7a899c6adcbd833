namespace NanoCard.Os.Store
{
    /// <summary>
    /// The header record at address 0: magic, layout version, life-cycle state and the parameters
    /// the image was formatted with, sealed by a CRC. It is written last when the card is formatted
    /// and later only through the journal, so it is never left torn.
    /// </summary>
    public static class StoreHeader
    {
        /// <summary>"NCST": NanoCard store.</summary>
        public const uint Magic = 0x4E435354;
        /// <summary>Bumped whenever a record format or the region order changes.</summary>
        public const int LayoutVersion = 2;

        public const int OffsetMagic = 0;
        public const int OffsetVersion = 4;
        public const int OffsetLifeCycle = 6;
        public const int OffsetRfu = 7;
        public const int OffsetSize = 8;
        public const int OffsetPageSize = 12;
        public const int OffsetDirectoryEntries = 14;
        public const int OffsetJournalSize = 16;
        public const int OffsetCounterSlots = 20;
        public const int OffsetCounterCapacity = 22;
        public const int OffsetCrc = 24;
        public const int Length = 28;

        /// <summary>Writes the header for <paramref name="layout"/> into <c>buffer[offset..offset+Length)</c>.</summary>
        public static void Encode(StoreLayout layout, byte lifeCycle, byte[] buffer, int offset)
        {
            BigEndian.SetUInt32(buffer, offset + OffsetMagic, Magic);
            BigEndian.SetUInt16(buffer, offset + OffsetVersion, LayoutVersion);
            buffer[offset + OffsetLifeCycle] = lifeCycle;
            buffer[offset + OffsetRfu] = 0;
            BigEndian.SetUInt32(buffer, offset + OffsetSize, (uint)layout.Size);
            BigEndian.SetUInt16(buffer, offset + OffsetPageSize, layout.PageSize);
            BigEndian.SetUInt16(buffer, offset + OffsetDirectoryEntries, layout.DirectoryEntries);
            BigEndian.SetUInt32(buffer, offset + OffsetJournalSize, (uint)layout.JournalSize);
            BigEndian.SetUInt16(buffer, offset + OffsetCounterSlots, layout.CounterSlots);
            BigEndian.SetUInt16(buffer, offset + OffsetCounterCapacity, layout.CounterCapacity);
            BigEndian.SealCrc(buffer, offset, OffsetCrc);
        }

        /// <summary>True when the bytes carry the magic and a matching CRC.</summary>
        public static bool IsSound(byte[] buffer, int offset)
        {
            return BigEndian.GetUInt32(buffer, offset + OffsetMagic) == Magic && BigEndian.CrcMatches(buffer, offset, OffsetCrc);
        }

        /// <summary>True when a sound header describes exactly <paramref name="layout"/> in this layout version.</summary>
        public static bool Describes(StoreLayout layout, byte[] buffer, int offset)
        {
            return Util.GetUShort(buffer, offset + OffsetVersion) == LayoutVersion
                && BigEndian.GetUInt32(buffer, offset + OffsetSize) == (uint)layout.Size
                && Util.GetUShort(buffer, offset + OffsetPageSize) == layout.PageSize
                && Util.GetUShort(buffer, offset + OffsetDirectoryEntries) == layout.DirectoryEntries
                && BigEndian.GetUInt32(buffer, offset + OffsetJournalSize) == (uint)layout.JournalSize
                && Util.GetUShort(buffer, offset + OffsetCounterSlots) == layout.CounterSlots
                && Util.GetUShort(buffer, offset + OffsetCounterCapacity) == layout.CounterCapacity;
        }
    }
}
