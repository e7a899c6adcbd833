namespace NanoCard.Os.Files
{
    /// <summary>
    /// Anything in a DF that a FID or SFI names (ISO/IEC 7816-4:2020 §7.2): transparent and record
    /// EFs, and PIN objects, which the My Number card addresses like EFs (SELECT EF 0018, then
    /// VERIFY P2 80).
    /// </summary>
    public abstract class FileEntry
    {
        /// <summary>SFIs are 1–30 (§7.2.2); 0 means the entry has none.</summary>
        public const byte NoSfi = 0;
        public const byte MaxSfi = 30;

        protected FileEntry(short fid, byte sfi)
        {
            if (sfi > MaxSfi)
            {
                throw new System.ArgumentOutOfRangeException("sfi");
            }
            // 3F00 (MF), FFFF (RFU) and 3FFF (current DF) are reserved file identifiers (§7.2.1).
            if (fid == 0x3F00 || fid == -1 || fid == 0x3FFF)
            {
                throw new System.ArgumentOutOfRangeException("fid");
            }
            Fid = fid;
            Sfi = sfi;
            KeySet = RenewalSet.NotRenewed;
        }

        public short Fid { get; }

        public byte Sfi { get; }

        /// <summary>The key set (0 or 1) of a renewable entry, or <see cref="RenewalSet.NotRenewed"/>.</summary>
        public byte KeySet { get; internal set; }

        /// <summary>True once the entry holds something: EF bytes written, records, a PIN value, a generated key.</summary>
        public abstract bool HasContent { get; }

        /// <summary>Factory reset: the entry goes back to how it was made (no content, no value, no key).</summary>
        public abstract void Erase();
    }
}
