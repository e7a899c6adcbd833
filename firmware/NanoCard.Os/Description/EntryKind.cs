namespace NanoCard.Os.Description
{
    /// <summary>What an <see cref="EntryDescription"/> makes in its DF.</summary>
    public static class EntryKind
    {
        /// <summary>A transparent EF (ISO/IEC 7816-4 §7.3.1): bytes read and written by offset.</summary>
        public const byte TransparentEf = 1;

        /// <summary>A record EF with variable-length records (§7.3.2), appended at personalization.</summary>
        public const byte RecordEf = 2;

        /// <summary>A PIN or password of the DF's own, with its own value and try counter.</summary>
        public const byte Pin = 3;

        /// <summary>A PIN of the card's shared credentials shown under this DF's FID (gen2 card PIN, PUK).</summary>
        public const byte SharedPin = 4;

        /// <summary>An RSA-2048 private key, generated on the card.</summary>
        public const byte RsaKey = 5;

        /// <summary>An ECDSA private key (P-256 or P-384, chosen when generated).</summary>
        public const byte EcKey = 6;
    }
}
