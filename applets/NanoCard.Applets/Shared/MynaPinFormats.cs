using NanoCard.Os.Credentials;

namespace NanoCard.Applets.Shared
{
    /// <summary>
    /// The value rules of the card's PINs and codes, shared by the APs that hold them
    /// (docs/apdu-spec.md §8–§9 and §13; docs/references.md §3.2–§3.4 and §4.7).
    /// </summary>
    public static class MynaPinFormats
    {
        /// <summary>Every 4-digit PIN (JPKI authentication, text AP, 住基, the gen2 card PIN): ASCII digits.</summary>
        public static readonly PinFormat FourDigits = new PinFormat(4, 4, PinFormat.Digits);

        /// <summary>The JPKI signing password: 6–16 of A–Z and 0–9.</summary>
        public static readonly PinFormat SigningPassword = new PinFormat(6, 16, PinFormat.UpperAlphanumeric);

        /// <summary>照合番号A is the 12-digit individual number.</summary>
        public static readonly PinFormat CodeA = new PinFormat(12, 12, PinFormat.Digits);

        /// <summary>照合番号B: birth date YYMMDD (Japanese era) + expiry year + security code, 14 digits.</summary>
        public static readonly PinFormat CodeB = new PinFormat(14, 14, PinFormat.Digits);

        /// <summary>The visual AP's birth-date key: YYMMDD with the Japanese-era year, 6 digits.</summary>
        public static readonly PinFormat BirthDate = new PinFormat(6, 6, PinFormat.Digits);

        /// <summary>The gen2 PUK: 8 ASCII digits, as the PUKs of the countries the task force material cites.</summary>
        public static readonly PinFormat Puk = new PinFormat(8, 8, PinFormat.Digits);
    }
}
