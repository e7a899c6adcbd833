using NanoCard.Applets.Shared;
using NanoCard.Hal.Crypto;
using NanoCard.Os;
using NanoCard.Os.Files;
using NanoCard.Os.Keys;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Applets.CommonCard
{
    /// <summary>
    /// 共通カードAP (common AP), AID D3921000310001010100 (docs/apdu-spec.md §12); its file and
    /// keys are in <see cref="CommonDescription"/>. INTERNAL AUTHENTICATE proves the card without
    /// any credential: RSA key 0019, and on gen2 the card authentication EC key 0003.
    /// </summary>
    /// <remarks>
    /// INS table. Inherited ISO/IEC 7816-4 file and PIN commands (CLA 00): A4 SELECT EF, B0 READ
    /// BINARY, B2 READ RECORD, D6 UPDATE BINARY, 20 VERIFY, 24 CHANGE REFERENCE DATA. Its own: 00
    /// 88 INTERNAL AUTHENTICATE. Personalization (CLA 80, §10): 46, D6, E2, 0E, 24, D4. Anything else 6D00.
    /// </remarks>
    public sealed class CommonAp : MynaApplet
    {
        public static readonly byte[] Aid = { 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x01, 0x00 };

        /// <summary>Names the AP's objects in the store.</summary>
        public const ushort DfId = 0x0050;

        public const short CardInfo = 0x0001;
        public const short AuthenticationKey = 0x0019;
        public const short CardAuthCertificate = 0x0002;
        public const short CardAuthKey = 0x0003;

        /// <summary>Bytes the card-info record shares with its overhead (one 30-byte record in use).</summary>
        public const short CardInfoCapacity = 64;

        public CommonAp(CardStore store, CardState card, ICrypto crypto, byte profile)
            : base(store, card, CommonDescription.Describe(profile), crypto, null, profile)
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
                case Iso7816.InsInternalAuthenticate:
                    return InternalAuthenticate(apdu);
                default:
                    return Sw.InsNotSupported;
            }
        }

        private ushort InternalAuthenticate(Apdu apdu)
        {
            ushort sw;
            PrivateKey key = KeyCommands.Find(Df, apdu.P2, out sw);
            return key == null ? sw : KeyCommands.InternalAuthenticate(apdu, key);
        }
    }
}
