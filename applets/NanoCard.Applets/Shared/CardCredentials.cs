using NanoCard.Os.Credentials;
using NanoCard.Os.Files;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Shared
{
    /// <summary>
    /// The gen2 card's credentials that belong to no single AP (next-gen-card.md, points 4 and 5):
    /// one 4-digit card PIN with one try counter, which JPKI, the text AP and 住基 each show under
    /// their own gen1 FID, and the 8-digit PUK (try limit 3–10, set at issuance) that unblocks it
    /// and the signing password. Their store objects are named under DF id 0001, which no AP uses.
    /// </summary>
    public sealed class CardCredentials
    {
        /// <summary>8 ASCII digits, as the PUKs of the countries the material cites.</summary>
        public static readonly PinFormat PukFormat = new PinFormat(8, 8, PinFormat.Digits);

        public const byte PukMinTries = 3;
        public const byte PukMaxTries = 10;

        private const ushort DfId = 0x0001;
        private const short CardPinObject = 0x0001;
        private const short PukObject = 0x0002;

        public CardCredentials(CardStore store)
        {
            DedicatedFile owner = new DedicatedFile(store, DfId, 2);
            Puk = owner.CreatePin(PukObject, FileEntry.NoSfi, PukFormat);
            Puk.LimitTries(PukMinTries, PukMaxTries);
            CardPin = owner.CreatePin(CardPinObject, FileEntry.NoSfi, MynaApplet.FourDigits);
            CardPin.ResettingCode = Puk;
        }

        /// <summary>The card PIN; APs add it under their own FID with <see cref="DedicatedFile.AddPin"/>.</summary>
        public OwnerPin CardPin { get; }

        public OwnerPin Puk { get; }
    }
}
