namespace NanoCard.Hal.Crypto
{
    /// <summary>Hash algorithm identifiers used across <see cref="ICrypto"/>.</summary>
    public static class HashAlgorithm
    {
        public const byte Sha256 = 1;
        public const byte Sha384 = 2;

        /// <summary>Digest length in bytes: 32 or 48; 0 for an unknown identifier.</summary>
        public static short LengthOf(byte algorithm)
        {
            return algorithm == Sha256 ? (short)32 : algorithm == Sha384 ? (short)48 : (short)0;
        }
    }
}
