using NanoCard.Hal.Crypto;
using NanoCard.Os.Credentials;
using NanoCard.Os.Description;
using NanoCard.Os.Files;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Shared
{
    /// <summary>
    /// The gen2 card's credentials that belong to no single AP (docs/apdu-spec.md §13): one 4-digit
    /// card PIN with one try counter, which JPKI, the text AP and 住基 each show under their own
    /// gen1 FID, and the 8-digit PUK (try limit 3–10, set at issuance) that unblocks it and the
    /// signing password. They live in a DF of their own, 0001, which no AID selects; the APs name
    /// them in their descriptions with <see cref="EntryDescription.SharedPin"/>.
    /// </summary>
    public static class CardCredentials
    {
        public const ushort DfId = 0x0001;

        /// <summary>The card PIN's FID among the shared credentials.</summary>
        public const short CardPin = 0x0001;

        /// <summary>The PUK's FID among the shared credentials.</summary>
        public const short Puk = 0x0002;

        public const byte PukMinTries = 3;
        public const byte PukMaxTries = 10;

        /// <summary>The shared credentials' DF: the PUK first, then the card PIN it unblocks (the order fixes their place in the store).</summary>
        public static ApDescription Describe()
        {
            return new ApDescription(null, DfId, "card credentials (gen2)", "カード共通の暗証番号", new EntryDescription[]
            {
                EntryDescription.Pin(Puk, FileEntry.NoSfi, MynaPinFormats.Puk, "PUK").Tries(PukMinTries, PukMaxTries),
                EntryDescription.Pin(CardPin, FileEntry.NoSfi, MynaPinFormats.FourDigits, "card PIN").ResetBy(Puk),
            });
        }

        /// <summary>
        /// An AP's 4-digit PIN at <paramref name="fid"/>: its own on gen1, the shared card PIN on
        /// gen2 (one value and one try counter for JPKI, the text AP and 住基).
        /// </summary>
        public static EntryDescription FourDigitPin(byte profile, short fid, byte sfi, string name)
        {
            return profile == CardProfile.Gen2
                ? EntryDescription.SharedPin(fid, sfi, CardPin, name)
                : EntryDescription.Pin(fid, sfi, MynaPinFormats.FourDigits, name);
        }

        /// <summary>Makes the shared credentials' DF in <paramref name="store"/>.</summary>
        public static DedicatedFile Build(CardStore store, ICrypto crypto)
        {
            return DfBuilder.Build(store, Describe(), crypto, null);
        }
    }
}
