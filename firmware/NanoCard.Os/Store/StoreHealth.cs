namespace NanoCard.Os.Store
{
    /// <summary>
    /// What the power-up checks found (docs/eeprom-layout.md, "Recovery"). Anything but
    /// <see cref="Ok"/> makes the card answer 6581 to every command except GET DATA of the
    /// diagnostic object: it never serves data it cannot vouch for.
    /// </summary>
    public static class StoreHealth
    {
        public const byte Ok = 0x00;
        /// <summary>The header's magic or CRC is wrong on a card that holds data.</summary>
        public const byte HeaderCorrupt = 0x01;
        /// <summary>The header is sound but describes another layout version, size or region sizes.</summary>
        public const byte LayoutMismatch = 0x02;
        /// <summary>A committed journal passed its CRC but names a write outside the journaled regions.</summary>
        public const byte JournalCorrupt = 0x03;
        /// <summary>A directory entry fails its CRC, overlaps another object or leaves the data area.</summary>
        public const byte DirectoryCorrupt = 0x04;
        /// <summary>No counter snapshot passes its CRC, or one holds a value above its counter's limit.</summary>
        public const byte CountersCorrupt = 0x05;
    }
}
