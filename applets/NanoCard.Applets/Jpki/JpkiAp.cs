using NanoCard.Applets.Shared;
using NanoCard.Hal.Crypto;
using NanoCard.Os;
using NanoCard.Os.Credentials;
using NanoCard.Os.Files;
using NanoCard.Os.Keys;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Jpki
{
    /// <summary>
    /// 公的個人認証AP (JPKI), AID D392F000260100000001 (docs/apdu-spec.md §8, §13); its files are
    /// in <see cref="JpkiDescription"/>. Signing with either user key is COMPUTE DIGITAL SIGNATURE
    /// <c>80 2A 00 80</c> after SELECT EF of the key, or P2 = 97/9A (the key's SFI).
    /// </summary>
    /// <remarks>
    /// INS table. Inherited ISO/IEC 7816-4 file and PIN commands (CLA 00): A4 SELECT EF, B0 READ
    /// BINARY, B2 READ RECORD, D6 UPDATE BINARY, 20 VERIFY, 24 CHANGE REFERENCE DATA. Its own: CLA
    /// 80 2A COMPUTE DIGITAL SIGNATURE; gen2: 00 2C RESET RETRY COUNTER (with the PUK), 00 88
    /// INTERNAL AUTHENTICATE (the AP authentication key). Personalization (CLA 80, §10): 46, D6,
    /// E2, 0E, 24, D4 RESIZE, and on gen2 3C SWITCH KEY SET. Anything else 6D00.
    /// </remarks>
    public sealed class JpkiAp : MynaApplet
    {
        public static readonly byte[] Aid = { 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01 };

        /// <summary>Names the AP's objects in the store.</summary>
        public const ushort DfId = 0x0010;

        public const short SignCertificate = 0x0001;
        public const short SignCaCertificate = 0x0002;
        public const short TokenInfo = 0x0006;
        public const short CertificateAvailability = 0x0008;
        public const short AuthCertificate = 0x000A;
        public const short AuthCaCertificate = 0x000B;
        public const short AuthKey = 0x0017;
        public const short AuthPin = 0x0018;
        public const short SignKey = 0x001A;
        public const short SignPassword = 0x001B;

        /// <summary>The token info is a 160-byte PKCS#11 CK_TOKEN_INFO.</summary>
        public const short TokenInfoSize = 160;

        // gen2 (docs/apdu-spec.md §13): EC twins of the RSA entries at FID + 0x20, the PUK, and the AP's own authentication key.
        public const short EcSignCertificate = 0x0021;
        public const short EcSignCaCertificate = 0x0022;
        public const short EcAuthCertificate = 0x002A;
        public const short EcAuthCaCertificate = 0x002B;
        public const short EcAuthKey = 0x0037;
        public const short EcSignKey = 0x003A;
        public const short Puk = 0x001E;
        public const short ApAuthCertificate = 0x0045;
        public const short ApAuthKey = 0x0047;

        /// <summary>SWITCH KEY SET P1 that opens the standby key set.</summary>
        private const byte RenewalBegin = 0x01;

        /// <param name="credentials">gen2: the card's shared credentials; null on gen1.</param>
        public JpkiAp(CardStore store, CardState card, ICrypto crypto, byte profile, DedicatedFile credentials)
            : base(store, card, JpkiDescription.Describe(profile), crypto, credentials, profile)
        {
        }

        protected override ushort ProcessProprietary(Apdu apdu)
        {
            switch (apdu.Ins)
            {
                case MynaIns.ComputeSignature:
                    return ComputeSignature(apdu);
                case MynaIns.GenerateKeyPair:
                case MynaIns.WriteBinary:
                case MynaIns.AppendRecord:
                case MynaIns.Erase:
                case MynaIns.PutCredential:
                case MynaIns.Resize:
                    return Personalize(apdu);
                case MynaIns.SwitchKeySet:
                    return IsGen2 ? SwitchKeySet(apdu) : Sw.InsNotSupported;
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

        /// <summary>
        /// <c>80 2A 00 P2</c> with a user key (RSA, or ECDSA on gen2); the gen2 AP authentication
        /// key answers INTERNAL AUTHENTICATE only, so it signs for one purpose (6985 here).
        /// </summary>
        private ushort ComputeSignature(Apdu apdu)
        {
            ushort sw;
            PrivateKey key = KeyCommands.Find(Df, apdu.P2, out sw);
            if (key == null)
            {
                return sw;
            }
            return key.Fid == ApAuthKey ? Sw.ConditionsNotSatisfied : KeyCommands.Sign(apdu, key);
        }

        /// <summary>
        /// SWITCH KEY SET (renewal, docs/apdu-spec.md §13.4). Opening the standby set needs the
        /// holder's consent as well as the issuer's session: the signing password verified in this
        /// selection (6982 otherwise), so not even the issuer renews a card without its holder.
        /// </summary>
        private ushort SwitchKeySet(Apdu apdu)
        {
            OwnerPin password = Df.FindByFid(SignPassword) as OwnerPin;
            if (apdu.P1 == RenewalBegin && (password == null || !password.IsValidated))
            {
                return Sw.SecurityStatusNotSatisfied;
            }
            return Personalize(apdu);
        }

    }
}
