namespace NanoCard.Os
{
    /// <summary>ISO/IEC 7816-4 constants: APDU header offsets and the instructions the runtime knows.</summary>
    public static class Iso7816
    {
        public const short OffsetCla = 0;
        public const short OffsetIns = 1;
        public const short OffsetP1 = 2;
        public const short OffsetP2 = 3;
        public const short OffsetLc = 4;
        /// <summary>Command data of a short APDU (7816-4 §5.2: one Lc byte).</summary>
        public const short OffsetCdata = 5;
        /// <summary>Command data of an extended APDU or of an assembled command chain (00 + two Lc bytes).</summary>
        public const short OffsetExtCdata = 7;

        public const byte InsVerify = 0x20;
        public const byte InsChangeReferenceData = 0x24;
        /// <summary>RESET RETRY COUNTER (§11.5.10).</summary>
        public const byte InsResetRetryCounter = 0x2C;
        public const byte InsExternalAuthenticate = 0x82;
        public const byte InsGetChallenge = 0x84;
        public const byte InsInternalAuthenticate = 0x88;
        public const byte InsSelect = 0xA4;
        public const byte InsReadBinary = 0xB0;
        public const byte InsReadRecord = 0xB2;
        public const byte InsGetResponse = 0xC0;
        public const byte InsGetData = 0xCA;
        public const byte InsPutData = 0xDA;
        public const byte InsUpdateBinary = 0xD6;

        /// <summary>SELECT P1: by file identifier (MF, DF or EF), 7816-4 §11.2.2 table 63.</summary>
        public const byte SelectByFid = 0x00;
        /// <summary>SELECT P1: EF under the current DF.</summary>
        public const byte SelectEfUnderCurrentDf = 0x02;
        /// <summary>SELECT P1: by DF name (AID).</summary>
        public const byte SelectByDfName = 0x04;
        /// <summary>SELECT P2: first occurrence, return FCI.</summary>
        public const byte SelectReturnFci = 0x00;
        /// <summary>SELECT P2: first occurrence, no response data.</summary>
        public const byte SelectNoData = 0x0C;
    }
}
