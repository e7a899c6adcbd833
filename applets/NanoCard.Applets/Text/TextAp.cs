using NanoCard.Applets.Shared;
using NanoCard.Hal.Crypto;
using NanoCard.Os;
using NanoCard.Os.Files;
using NanoCard.Os.Keys;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Text
{
    /// <summary>
    /// 券面事項入力補助AP (text AP), AID D3921000310001010408 (docs/apdu-spec.md §9); its files are
    /// in <see cref="TextDescription"/>. The AP's own key signs with <c>80 2A 00 00</c> without any
    /// credential (it proves the AP is present); on gen2 its EC twin, the AP authentication key
    /// 0033, answers INTERNAL AUTHENTICATE, as the JPKI AP's 0047 does (docs/apdu-spec.md §13.3).
    /// </summary>
    /// <remarks>
    /// INS table. Inherited ISO/IEC 7816-4 file and PIN commands (CLA 00): A4 SELECT EF, B0 READ
    /// BINARY, B2 READ RECORD, D6 UPDATE BINARY, 20 VERIFY, 24 CHANGE REFERENCE DATA; gen2: 2C
    /// RESET RETRY COUNTER for the card PIN, 88 INTERNAL AUTHENTICATE with the AP authentication key. Its own: CLA 80 2A COMPUTE DIGITAL SIGNATURE with the
    /// AP key (P2 00). Personalization (CLA 80, §10): 46, D6, E2, 0E, 24, D4. Anything else 6D00.
    /// </remarks>
    public sealed class TextAp : MynaApplet
    {
        public static readonly byte[] Aid = { 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08 };

        /// <summary>Names the AP's objects in the store.</summary>
        public const ushort DfId = 0x0020;

        public const short MyNumber = 0x0001;
        public const short Attributes = 0x0002;
        public const short Integrity = 0x0003;
        public const short Certificate = 0x0004;
        public const short BasicInfo = 0x0005;
        public const short SessionKeyPublic = 0x0006;
        public const short SignedPublicKey = 0x0007;
        /// <summary>gen2: the AP authentication key's certificate from the card CA.</summary>
        public const short ApAuthCertificate = 0x0008;
        public const short Pin = 0x0011;
        public const short ApKey = 0x0013;
        public const short CodeA = 0x0014;
        public const short CodeB = 0x0015;
        /// <summary>gen2: the AP authentication key, ECDSA; the RSA AP key's FID + 0020, as the JPKI AP's EC keys.</summary>
        public const short ApAuthKey = 0x0033;

        /// <summary>EF 0001: <c>FF 10 0C</c> + 12 digits + <c>FF FF</c> (docs/references.md §3.3).</summary>
        public const short MyNumberSize = 17;
        /// <summary>EF 0002: room for a long name and address in UTF-8.</summary>
        public const short AttributesSize = 600;
        public const short IntegritySize = 336;
        public const short CertificateSize = 568;
        /// <summary>MYNA-GO reads exactly 256 bytes of EF 0005 (docs/references.md §3.3).</summary>
        public const short BasicInfoSize = 256;
        public const short SessionKeySize = 300;
        public const short SignedPublicKeySize = 544;

        private readonly RsaPrivateKey apKey;

        /// <param name="credentials">gen2: the card's shared credentials (the card PIN stands at 0011); null on gen1.</param>
        public TextAp(CardStore store, CardState card, ICrypto crypto, byte profile, DedicatedFile credentials)
            : base(store, card, TextDescription.Describe(profile), crypto, credentials, profile)
        {
            apKey = (RsaPrivateKey)Df.FindByFid(ApKey);
        }

        protected override ushort ProcessProprietary(Apdu apdu)
        {
            switch (apdu.Ins)
            {
                case MynaIns.ComputeSignature:
                    // P2 00: the AP's own key, no credential.
                    return apdu.P2 == 0 ? KeyCommands.Sign(apdu, apKey) : Sw.IncorrectP1P2;
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
                case Iso7816.InsResetRetryCounter:
                    return IsGen2 ? FileCommands.ResetRetryCounter(Df, apdu) : Sw.InsNotSupported;
                case Iso7816.InsInternalAuthenticate:
                    return IsGen2 ? AuthenticateAp(apdu, ApAuthKey) : Sw.InsNotSupported;
                default:
                    return Sw.InsNotSupported;
            }
        }
    }
}
