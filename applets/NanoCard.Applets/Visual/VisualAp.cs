using NanoCard.Applets.Shared;
using NanoCard.Hal.Crypto;
using NanoCard.Os;
using NanoCard.Os.Files;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Visual
{
    /// <summary>
    /// 券面事項確認AP (visual AP), AID D3921000310001010402 (docs/apdu-spec.md §9): files and codes
    /// only, in <see cref="VisualDescription"/>.
    /// </summary>
    /// <remarks>
    /// INS table. Inherited ISO/IEC 7816-4 file and PIN commands (CLA 00): A4 SELECT EF, B0 READ
    /// BINARY, B2 READ RECORD, D6 UPDATE BINARY, 20 VERIFY, 24 CHANGE REFERENCE DATA.
    /// Personalization (CLA 80, §10): 46, D6, E2, 0E, 24, D4. Anything else 6D00.
    /// </remarks>
    public sealed class VisualAp : MynaApplet
    {
        public static readonly byte[] Aid = { 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02 };

        /// <summary>Names the AP's objects in the store.</summary>
        public const ushort DfId = 0x0030;

        public const short AgeRecord = 0x0001;
        public const short CardFace = 0x0002;
        public const short BasicInfo = 0x0003;
        public const short Certificate = 0x0004;
        public const short MyNumberImage = 0x0005;
        /// <summary>gen2: the face photo as a colour JPEG, 540×420 like the IC passport's (docs/references.md §8, point 9).</summary>
        public const short ColourPhoto = 0x0007;
        public const short BirthDateKey = 0x0011;
        public const short CodeB = 0x0012;
        public const short CodeA = 0x0013;

        public const short AgeRecordSize = 560;
        /// <summary>The card face: offsets, birth date, sex, key, two 1-bit PNGs, a greyscale JPEG 2000 photo, signature, expiry, one more PNG.</summary>
        public const short CardFaceSize = 12288;
        public const short BasicInfoSize = 512;
        public const short CertificateSize = 568;
        public const short MyNumberImageSize = 2048;
        /// <summary>The passport's limit for the photo: 24 kB.</summary>
        public const short ColourPhotoSize = 24 * 1024;

        public VisualAp(CardStore store, CardState card, ICrypto crypto, byte profile)
            : base(store, card, VisualDescription.Describe(profile), crypto, null, profile)
        {
        }

        protected override ushort ProcessProprietary(Apdu apdu)
        {
            switch (apdu.Ins)
            {
                case MynaIns.GenerateKeyPair:
                case MynaIns.WriteBinary:
                case MynaIns.AppendRecord:
                case MynaIns.Erase:
                case MynaIns.PutCredential:
                case MynaIns.Resize:
                    return Personalize(apdu);
                default:
                    return FileCommands.UnderProprietaryClass(apdu.Ins);
            }
        }

        protected override ushort ProcessInterindustry(Apdu apdu)
        {
            switch (apdu.Ins)
            {
                case Iso7816.InsSelect:
                case Iso7816.InsReadBinary:
                case Iso7816.InsReadRecord:
                case Iso7816.InsUpdateBinary:
                case Iso7816.InsVerify:
                case Iso7816.InsChangeReferenceData:
                    return FileCommands.Process(Df, apdu);
                default:
                    return Sw.InsNotSupported;
            }
        }
    }
}
