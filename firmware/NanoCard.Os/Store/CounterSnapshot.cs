namespace NanoCard.Os.Store
{
    /// <summary>
    /// One copy of every try counter, written whole to the next counter slot at each change (the
    /// slot is sequence mod slots). The snapshot with the highest sequence and a good CRC is the
    /// truth, so tearing the slot being written falls back to the copy before the change: a torn
    /// write never gives a try back, and no other counter is touched.
    /// </summary>
    public static class CounterSnapshot
    {
        /// <summary>"TC".</summary>
        public const int Magic = 0x5443;
        /// <summary>Value byte of an index no counter uses yet.</summary>
        public const byte Unused = 0xFF;

        public const int OffsetMagic = 0;
        public const int OffsetCapacity = 2;
        public const int OffsetSequence = 4;
        public const int OffsetValues = 8;
        public const int HeaderLength = 8;

        /// <summary>Offset of the CRC: right after the values.</summary>
        public static int CrcOffset(int capacity)
        {
            return OffsetValues + capacity;
        }
    }
}
