namespace NanoCard.Os.Runtime
{
    /// <summary>
    /// The historical bytes a card announces (in its ATR, or in the ATS the PN532 builds): category
    /// indicator 80, then the card capabilities in compact-TLV, tag 7 length 3 (ISO/IEC 7816-4, "card
    /// capabilities"): the selection methods (C6) and data coding (01) of the desktop card, and in the
    /// third byte command chaining, plus extended Lc/Le only when the card configuration takes
    /// them, so a reader never sends the board an extended APDU it would answer 6700.
    /// </summary>
    public static class HistoricalBytes
    {
        private const byte CategoryCompactTlv = 0x80;
        private const byte CardCapabilitiesTag = 0x73;
        private const byte SelectionMethods = 0xC6;
        private const byte DataCoding = 0x01;
        private const byte CommandChaining = 0x80;
        private const byte ExtendedLength = 0x40;

        public static byte[] For(CardConfig config)
        {
            byte third = CommandChaining;
            if (config.ExtendedLength)
            {
                third |= ExtendedLength;
            }
            return new byte[] { CategoryCompactTlv, CardCapabilitiesTag, SelectionMethods, DataCoding, third };
        }
    }
}
