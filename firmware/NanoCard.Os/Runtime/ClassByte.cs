namespace NanoCard.Os.Runtime
{
    /// <summary>
    /// Decodes the class byte (ISO/IEC 7816-4:2020 §5.4.1, tables 3–4). Proprietary classes
    /// 80–FE use the interindustry bit coding for chaining, secure messaging and channel, as
    /// GlobalPlatform does (80–BF like 00–1F, C0–FE like 40–7F); JPKI's "80 2A" is one of them.
    /// </summary>
    public static class ClassByte
    {
        /// <summary>The proprietary class the My Number card's own commands use (<c>80 2A</c>, <c>80 32</c>).</summary>
        public const byte Proprietary = 0x80;

        /// <summary>True for classes no command may use: 20–3F (reserved for future use) and FF (PPS, 7816-3).</summary>
        public static bool IsInvalid(byte cla)
        {
            return (cla >= 0x20 && cla <= 0x3F) || cla == 0xFF;
        }

        /// <summary>True for the interindustry classes 00–1F and 40–7F (ISO commands); false for proprietary ones.</summary>
        public static bool IsInterindustry(byte cla)
        {
            return (cla & 0x80) == 0;
        }

        /// <summary>True when bit 5 (0x10) says more commands of this chain follow (§5.3.3).</summary>
        public static bool IsChaining(byte cla)
        {
            return (cla & 0x10) != 0;
        }

        /// <summary>Logical channel number 0–19.</summary>
        public static int Channel(byte cla)
        {
            return UsesFurtherCoding(cla) ? 4 + (cla & 0x0F) : cla & 0x03;
        }

        /// <summary>True when the class announces secure messaging (bits 4–3, or bit 6 in the further coding).</summary>
        public static bool HasSecureMessaging(byte cla)
        {
            return UsesFurtherCoding(cla) ? (cla & 0x20) != 0 : (cla & 0x0C) != 0;
        }

        /// <summary>The class with the chaining bit cleared: every command of a chain must agree on it.</summary>
        public static byte WithoutChaining(byte cla)
        {
            return (byte)(cla & 0xEF);
        }

        private static bool UsesFurtherCoding(byte cla)
        {
            return (cla & 0x40) != 0;
        }
    }
}
