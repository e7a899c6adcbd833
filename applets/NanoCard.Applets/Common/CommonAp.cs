using NanoCard.Applets.CardManager;
using NanoCard.Applets.Shared;
using NanoCard.Hal.Crypto;
using NanoCard.Os;
using NanoCard.Os.Files;
using NanoCard.Os.Keys;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Common
{
    /// <summary>
    /// 共通カードAP, AID D3921000310001010100 (mynacard-interface.md §3.5): the card-info record
    /// (<c>01 1C</c> + serial 15 + municipality code 5 + expiry YYYYMMDD), readable by anyone, and
    /// key 0019, which answers INTERNAL AUTHENTICATE without any credential. A gen2 card adds the
    /// card authentication certificate (EF 0002) and EC key (0003), like PIV card authentication
    /// (next-gen-card.md, point 6): readable and usable without any PIN.
    /// </summary>
    public sealed class CommonAp : MynaApplet
    {
        public static readonly byte[] Aid = { 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x01, 0x00 };

        public const short CardInfo = 0x0001;
        public const short AuthenticationKey = 0x0019;
        public const short CardAuthCertificate = 0x0002;
        public const short CardAuthKey = 0x0003;

        private readonly IMessageDigest sha256;
        private readonly IMessageDigest sha384;

        /// <param name="cardAuthentication">gen2: add the card authentication certificate and EC key.</param>
        public CommonAp(CardStore store, CardState card, ICrypto crypto, bool cardAuthentication)
            : base(store, card, 0x0050, 4)
        {
            sha256 = crypto.CreateDigest(HashAlgorithm.Sha256);
            Df.CreateRecordEf(CardInfo, (byte)CardInfo, 64, AccessRule.Always);
            Df.CreateRsaKey(AuthenticationKey, (byte)AuthenticationKey, crypto, AccessRule.Always);
            if (cardAuthentication)
            {
                sha384 = crypto.CreateDigest(HashAlgorithm.Sha384);
                Df.CreateTransparentEf(CardAuthCertificate, (byte)CardAuthCertificate, Jpki.JpkiAp.Gen2EcCertificateCapacity, 0xFF, AccessRule.Always, AccessRule.Never);
                Df.CreateEcKey(CardAuthKey, (byte)CardAuthKey, crypto, AccessRule.Always);
            }
        }

        public override ushort Process(Apdu apdu)
        {
            if (apdu.Ins == Iso7816.InsInternalAuthenticate && ClassByte.IsInterindustry(apdu.Cla))
            {
                ushort sw;
                PrivateKey key = KeyCommands.Find(Df, apdu.P2, out sw);
                return key == null ? sw : KeyCommands.InternalAuthenticate(apdu, key, sha256, sha384);
            }
            return base.Process(apdu);
        }
    }
}
