namespace NanoCard.Os.Runtime
{
    /// <summary>
    /// The card's ATR on a contact-style link (the desktop simulator in pcscd, the board's serial
    /// cable): <c>3B 8K 80 01 hist TCK</c>, the form PC/SC readers build for contactless cards
    /// (PC/SC part 3, ISO/IEC 7816-3 §8.2): T=1 only, K historical bytes (the card manager's tag
    /// 5F52), TCK = XOR of T0 … the last historical byte. Over NFC the PN532 builds the ATS itself
    /// from the same historical bytes.
    /// </summary>
    public static class AnswerToReset
    {
        public const int MaxHistoricalBytes = 15;

        /// <summary>The ATR for <c>historical[0..length)</c> (at most 15 bytes).</summary>
        public static byte[] Build(byte[] historical, int length)
        {
            if (length < 0 || length > MaxHistoricalBytes)
            {
                throw new System.ArgumentOutOfRangeException("length");
            }
            byte[] atr = new byte[5 + length];
            atr[0] = 0x3B;
            atr[1] = (byte)(0x80 | length);
            atr[2] = 0x80;
            atr[3] = 0x01;
            System.Array.Copy(historical, 0, atr, 4, length);
            byte check = 0;
            for (int i = 1; i < atr.Length - 1; i++)
            {
                check ^= atr[i];
            }
            atr[atr.Length - 1] = check;
            return atr;
        }
    }
}
