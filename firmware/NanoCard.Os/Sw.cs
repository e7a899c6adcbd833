namespace NanoCard.Os
{
    /// <summary>
    /// Status words the OS answers with (ISO/IEC 7816-4:2020 §5.6, tables 5–6; the subset the
    /// My Number card uses is listed in docs/references.md §3.1).
    /// Status words are <c>ushort</c> so the constants read exactly as the spec prints them.
    /// </summary>
    public static class Sw
    {
        public const ushort NoError = 0x9000;

        /// <summary>SW1 of "61xx: xx more bytes available with GET RESPONSE" (7816-4 §5.3.4).</summary>
        public const byte BytesRemaining = 0x61;
        /// <summary>SW1 of "63Cx: verification failed, x tries left" (7816-4 §11.5.6).</summary>
        public const ushort VerificationFailed = 0x63C0;
        /// <summary>SW1 of "6Cxx: wrong Le, xx is the exact length" (7816-4 §5.6).</summary>
        public const byte WrongLeExact = 0x6C;

        /// <summary>"More data available" (GlobalPlatform Card Specification v2.3.1 §11.4.3): GET STATUS has more entries; ask again with P2 03.</summary>
        public const ushort MoreDataAvailable = 0x6310;

        /// <summary>The store failed its power-up checks (docs/eeprom-layout.md, "Integrity"): the card serves no data.</summary>
        public const ushort MemoryFailure = 0x6581;
        public const ushort WrongLength = 0x6700;
        public const ushort LogicalChannelNotSupported = 0x6881;
        public const ushort SecureMessagingNotSupported = 0x6882;
        public const ushort LastCommandOfChainExpected = 0x6883;
        public const ushort CommandIncompatibleWithFile = 0x6981;
        public const ushort SecurityStatusNotSatisfied = 0x6982;
        public const ushort AuthenticationMethodBlocked = 0x6984;
        public const ushort ConditionsNotSatisfied = 0x6985;
        public const ushort CommandNotAllowedNoCurrentEf = 0x6986;
        public const ushort AppletSelectFailed = 0x6999;
        public const ushort WrongData = 0x6A80;
        public const ushort FileNotFound = 0x6A82;
        public const ushort RecordNotFound = 0x6A83;
        /// <summary>Also a transaction that does not fit the journal: it is aborted, nothing changes.</summary>
        public const ushort NotEnoughMemoryInFile = 0x6A84;
        public const ushort IncorrectP1P2 = 0x6A86;
        public const ushort ReferencedDataNotFound = 0x6A88;
        /// <summary>"Data object already exists" (7816-4 §5.6): INSTALL of an AID or DF id the card already has.</summary>
        public const ushort DataObjectAlreadyExists = 0x6A89;
        public const ushort WrongP1P2OffsetOutsideEf = 0x6B00;
        public const ushort InsNotSupported = 0x6D00;
        public const ushort ClaNotSupported = 0x6E00;
        /// <summary>No precise diagnosis. NanoCard answers it only when code threw unexpectedly: a bug.</summary>
        public const ushort Unknown = 0x6F00;

        /// <summary>63Cx with x = tries left (0–15).</summary>
        public static ushort TriesLeft(int tries)
        {
            return (ushort)(VerificationFailed | (tries & 0x0F));
        }

        /// <summary>6Cxx: the command needs exactly <paramref name="exactLength"/> bytes of Le (00 = 256).</summary>
        public static ushort WrongLe(int exactLength)
        {
            return (ushort)((WrongLeExact << 8) | (exactLength & 0xFF));
        }

        /// <summary>61xx: xx = bytes still available, 00 when 256 or more.</summary>
        public static ushort MoreData(int remaining)
        {
            return (ushort)((BytesRemaining << 8) | (remaining > 0xFF ? 0 : remaining));
        }

        /// <summary>True when response data may accompany <paramref name="sw"/>: normal (90, 61) and warning (62, 63) processing (7816-4 §5.6).</summary>
        public static bool MayCarryData(ushort sw)
        {
            int sw1 = sw >> 8;
            return sw1 == 0x90 || sw1 == 0x61 || sw1 == 0x62 || sw1 == 0x63;
        }
    }
}
