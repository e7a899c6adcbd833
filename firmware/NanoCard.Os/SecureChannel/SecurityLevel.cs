namespace NanoCard.Os.SecureChannel
{
    /// <summary>
    /// Security level bits (GlobalPlatform Card Specification v2.3 §10.6 and Amendment D §5.1):
    /// P1 of EXTERNAL AUTHENTICATE and the value <see cref="ISecureChannel.SecurityLevel"/> reports.
    /// </summary>
    public static class SecurityLevel
    {
        public const byte None = 0x00;
        public const byte CMac = 0x01;
        public const byte CDecryption = 0x02;
        public const byte RMac = 0x10;
        public const byte REncryption = 0x20;
        /// <summary>Set by the card once EXTERNAL AUTHENTICATE succeeded (never sent by the host).</summary>
        public const byte Authenticated = 0x80;

        /// <summary>
        /// The levels Amendment D §5.1 allows: C-MAC alone or with C-DECRYPTION, each with or without
        /// R-MAC, and everything with R-ENCRYPTION. R-ENCRYPTION needs R-MAC and C-DECRYPTION; C-DECRYPTION needs C-MAC.
        /// </summary>
        public static bool IsValidRequest(byte level)
        {
            return level == 0x01 || level == 0x03 || level == 0x11 || level == 0x13 || level == 0x33;
        }
    }
}
