namespace NanoCard.Hal.Crypto
{
    /// <summary>
    /// The NIST curves the card uses (FIPS 186-4 §D.1.2.3, §D.1.2.4). Each is paired with the hash
    /// of its size: RFC 6979 nonces for P-256 use HMAC-SHA-256, for P-384 HMAC-SHA-384.
    /// </summary>
    public static class EcCurve
    {
        public const byte P256 = 1;
        public const byte P384 = 2;

        /// <summary>Field (and order) length in bytes: 32 or 48; 0 for an unknown identifier.</summary>
        public static short FieldLengthOf(byte curve)
        {
            return curve == P256 ? (short)32 : curve == P384 ? (short)48 : (short)0;
        }

        /// <summary>The hash paired with the curve.</summary>
        public static byte HashOf(byte curve)
        {
            return curve == P384 ? HashAlgorithm.Sha384 : HashAlgorithm.Sha256;
        }
    }
}
