namespace NanoCard.Applets.Shared
{
    /// <summary>
    /// The proprietary instructions (CLA 80) of the My Number card's APs
    /// (docs/references.md §3.1–§3.2) and NanoCard's personalization
    /// instructions (docs/apdu-spec.md §10), which borrow the ISO/IEC 7816-4 INS of the matching
    /// operation under CLA 80 so that they can never be confused with the interface's commands.
    /// </summary>
    public static class MynaIns
    {
        /// <summary>COMPUTE DIGITAL SIGNATURE <c>80 2A 00 P2 Lc data 00</c>.</summary>
        public const byte ComputeSignature = 0x2A;
        /// <summary>CHANGE KEY <c>80 32 00 80 Lc new</c> (the 住基 AP; NanoCard's common AP has no PIN to change).</summary>
        public const byte ChangeKey = 0x32;

        /// <summary>Personalization: ERASE the current EF back to its filler (ISO ERASE BINARY's INS).</summary>
        public const byte Erase = 0x0E;
        /// <summary>Personalization: set a PIN's value and try limit (CHANGE REFERENCE DATA's INS).</summary>
        public const byte PutCredential = 0x24;
        /// <summary>Personalization: GENERATE ASYMMETRIC KEY PAIR (ISO/IEC 7816-8 §5.1's INS).</summary>
        public const byte GenerateKeyPair = 0x46;
        /// <summary>Personalization: write an EF whatever its update rule (UPDATE BINARY's INS).</summary>
        public const byte WriteBinary = 0xD6;
        /// <summary>Personalization: APPEND RECORD to a record EF.</summary>
        public const byte AppendRecord = 0xE2;
        /// <summary>Personalization: RESIZE the current transparent EF (ISO/IEC 7816-9 RESIZE FILE's INS).</summary>
        public const byte Resize = 0xD4;
        /// <summary>Personalization, gen2 renewal: open, commit or cancel the standby key set (P1 01/02/00).</summary>
        public const byte SwitchKeySet = 0x3C;

        /// <summary>Card manager: PUT KEY (GlobalPlatform's INS) for the issuer key.</summary>
        public const byte PutKey = 0xD8;
        /// <summary>Card manager: SET STATUS (GlobalPlatform's INS) to move the life cycle.</summary>
        public const byte SetStatus = 0xF0;
    }
}
