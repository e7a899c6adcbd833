namespace NanoCard.Os
{
    /// <summary>
    /// The four command-response pairs of ISO/IEC 7816-3 §12.1.3 (and 7816-4 §5.2), named for what
    /// they carry, so that a check reads <c>apdu.Case != ApduCase.CommandData</c> rather than a bare 3.
    /// </summary>
    public static class ApduCase
    {
        /// <summary>Case 1: header only, no command data, no Le.</summary>
        public const byte NoData = 1;

        /// <summary>Case 2: no command data, Le (the card answers data).</summary>
        public const byte ResponseData = 2;

        /// <summary>Case 3: command data, no Le.</summary>
        public const byte CommandData = 3;

        /// <summary>Case 4: command data and Le.</summary>
        public const byte CommandAndResponseData = 4;

        /// <summary>True for the cases that carry command data (3 and 4).</summary>
        public static bool HasCommandData(byte apduCase)
        {
            return apduCase == CommandData || apduCase == CommandAndResponseData;
        }
    }
}
