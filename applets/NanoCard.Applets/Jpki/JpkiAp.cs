using NanoCard.Applets.CardManager;
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
    /// 公的個人認証AP (JPKI), AID D392F000260100000001 (mynacard-interface.md §3.2): four
    /// certificates, the token info, the certificate availability bytes, the authentication key
    /// with its 4-digit PIN and the signing key with its password. Signing with either key is
    /// COMPUTE DIGITAL SIGNATURE <c>80 2A 00 80</c> after SELECT EF of the key, or P2 = 97/9A.
    /// </summary>
    public sealed class JpkiAp : MynaApplet
    {
        public static readonly byte[] Aid = { 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01 };

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

        /// <summary>Room for a DER RSA-2048 certificate with JPKI's extensions (real ones are about 1.3–1.8 KB).</summary>
        public const short CertificateCapacity = 2048;
        /// <summary>The token info is a 160-byte PKCS#11 CK_TOKEN_INFO (§4.8).</summary>
        public const short TokenInfoSize = 160;

        /// <summary>The signing password: 6–16 of A–Z and 0–9 (§3.2, EF 001B).</summary>
        public static readonly PinFormat PasswordFormat = new PinFormat(6, 16, PinFormat.UpperAlphanumeric);

        private const byte Filler = 0xFF;

        public JpkiAp(CardStore store, CardState card, ICrypto crypto)
            : base(store, card, 0x0010, 12)
        {
            OwnerPin pin = Df.CreatePin(AuthPin, (byte)AuthPin, FourDigits);
            OwnerPin password = Df.CreatePin(SignPassword, (byte)SignPassword, PasswordFormat);
            AccessRule withPassword = AccessRule.AnyOf(new OwnerPin[] { password });
            Df.CreateTransparentEf(SignCertificate, (byte)SignCertificate, CertificateCapacity, Filler, withPassword, AccessRule.Never);
            Df.CreateTransparentEf(SignCaCertificate, (byte)SignCaCertificate, CertificateCapacity, Filler, AccessRule.Always, AccessRule.Never);
            Df.CreateTransparentEf(TokenInfo, (byte)TokenInfo, TokenInfoSize, Filler, AccessRule.Always, AccessRule.Never);
            Df.CreateTransparentEf(CertificateAvailability, (byte)CertificateAvailability, 3, 0x00, AccessRule.Always, AccessRule.Never);
            Df.CreateTransparentEf(AuthCertificate, (byte)AuthCertificate, CertificateCapacity, Filler, AccessRule.Always, AccessRule.Never);
            Df.CreateTransparentEf(AuthCaCertificate, (byte)AuthCaCertificate, CertificateCapacity, Filler, AccessRule.Always, AccessRule.Never);
            Df.CreateRsaKey(AuthKey, (byte)AuthKey, crypto, AccessRule.AnyOf(new OwnerPin[] { pin }));
            Df.CreateRsaKey(SignKey, (byte)SignKey, crypto, withPassword);
        }

        public override ushort Process(Apdu apdu)
        {
            if (apdu.Cla == ClassByte.Proprietary && apdu.Ins == MynaIns.ComputeSignature)
            {
                ushort sw;
                RsaPrivateKey key = KeyCommands.Find(Df, apdu.P2, out sw);
                return key == null ? sw : KeyCommands.Sign(apdu, key);
            }
            return base.Process(apdu);
        }
    }
}
