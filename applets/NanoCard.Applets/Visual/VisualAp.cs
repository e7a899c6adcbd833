using NanoCard.Applets.CardManager;
using NanoCard.Applets.Shared;
using NanoCard.Os.Credentials;
using NanoCard.Os.Files;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Visual
{
    /// <summary>
    /// 券面事項確認AP (visual AP), AID D3921000310001010402 (mynacard-interface.md §3.4): the age
    /// record (birth-date key), the card face and the AP's basic info and certificate (照合番号A
    /// or B), and the rendered individual number (照合番号A only).
    /// </summary>
    public sealed class VisualAp : MynaApplet
    {
        public static readonly byte[] Aid = { 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02 };

        public const short AgeRecord = 0x0001;
        public const short CardFace = 0x0002;
        public const short BasicInfo = 0x0003;
        public const short Certificate = 0x0004;
        public const short MyNumberImage = 0x0005;
        /// <summary>gen2: the face photo as a colour JPEG, 540×420 like the IC passport's (next-gen-card.md, point 9).</summary>
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

        /// <summary>The birth-date key: YYMMDD with the Japanese-era year, 6 digits (§3.4, EF 0011).</summary>
        public static readonly PinFormat BirthDateFormat = new PinFormat(6, 6, PinFormat.Digits);

        private const byte Filler = 0xFF;

        /// <param name="colourPhoto">gen2: the AP also holds the colour face photo (EF 0007).</param>
        public VisualAp(CardStore store, CardState card, bool colourPhoto)
            : base(store, card, 0x0030, 10)
        {
            OwnerPin birth = Df.CreatePin(BirthDateKey, (byte)BirthDateKey, BirthDateFormat);
            OwnerPin b = Df.CreatePin(CodeB, (byte)CodeB, Text.TextAp.CodeBFormat);
            OwnerPin a = Df.CreatePin(CodeA, (byte)CodeA, Text.TextAp.CodeAFormat);
            AccessRule aOrB = AccessRule.AnyOf(new OwnerPin[] { a, b });
            Df.CreateTransparentEf(AgeRecord, (byte)AgeRecord, AgeRecordSize, Filler, AccessRule.AnyOf(new OwnerPin[] { birth }), AccessRule.Never);
            Df.CreateTransparentEf(CardFace, (byte)CardFace, CardFaceSize, Filler, aOrB, AccessRule.Never);
            Df.CreateTransparentEf(BasicInfo, (byte)BasicInfo, BasicInfoSize, Filler, AccessRule.Always, AccessRule.Never);
            Df.CreateTransparentEf(Certificate, (byte)Certificate, CertificateSize, Filler, AccessRule.Always, AccessRule.Never);
            Df.CreateTransparentEf(MyNumberImage, (byte)MyNumberImage, MyNumberImageSize, Filler, AccessRule.AnyOf(new OwnerPin[] { a }), AccessRule.Never);
            if (colourPhoto)
            {
                Df.CreateTransparentEf(ColourPhoto, (byte)ColourPhoto, ColourPhotoSize, Filler, aOrB, AccessRule.Never);
            }
        }
    }
}
