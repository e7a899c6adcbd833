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

        // gen2 EF sizes, fitted to what the test CA issues so the card keeps 40 % of its EEPROM free
        // (next-gen-card.md point 10; docs/eeprom-layout.md, "gen2"). Certificates without the
        // subjectAltName have a fixed-size subject; the signing ones carry the person's attributes,
        // up to 200-byte names and 300-byte addresses (docs/persona.md).

        /// <summary>RSA authentication certificate (about 870 bytes).</summary>
        public const short Gen2RsaAuthCapacity = 1024;
        /// <summary>A test CA certificate: RSA about 900 bytes, EC about 580.</summary>
        public const short Gen2RsaCaCapacity = 1024;
        public const short Gen2EcCaCapacity = 640;
        /// <summary>EC certificates without attributes (authentication, AP and card authentication: about 520–570 bytes).</summary>
        public const short Gen2EcCertificateCapacity = 640;
        /// <summary>EC signing certificate with the attributes: about 790 bytes, up to about 1 650 with the longest ones.</summary>
        public const short Gen2EcSignCapacity = 1792;

        private readonly IMessageDigest sha256;
        private readonly IMessageDigest sha384;

        /// <summary>Today's JPKI AP (gen1).</summary>
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

        /// <summary>
        /// The gen2 JPKI AP: the RSA entries at today's FIDs and their EC twins, all four key pairs
        /// and their certificates renewable as one set; the shared card PIN at 0018, which a
        /// verified signing password stands in for; the PUK at 001E; the AP authentication key.
        /// </summary>
        public JpkiAp(CardStore store, CardState card, ICrypto crypto, CardCredentials credentials)
            : base(store, card, 0x0010, 30)
        {
            AnswersResetRetryCounter = true;
            sha256 = crypto.CreateDigest(HashAlgorithm.Sha256);
            sha384 = crypto.CreateDigest(HashAlgorithm.Sha384);
            Df.MakeRenewable();
            OwnerPin pin = Df.AddPin(credentials.CardPin, AuthPin, (byte)AuthPin);
            OwnerPin password = Df.CreatePin(SignPassword, (byte)SignPassword, PasswordFormat);
            password.ResettingCode = credentials.Puk;
            Df.AddPin(credentials.Puk, Puk, (byte)Puk);
            AccessRule withPassword = AccessRule.AnyOf(new OwnerPin[] { password });
            AccessRule withPinOrPassword = AccessRule.AnyOf(new OwnerPin[] { pin, password });
            Df.CreateTransparentEf(SignCaCertificate, (byte)SignCaCertificate, Gen2RsaCaCapacity, Filler, AccessRule.Always, AccessRule.Never);
            Df.CreateTransparentEf(TokenInfo, (byte)TokenInfo, TokenInfoSize, Filler, AccessRule.Always, AccessRule.Never);
            Df.CreateTransparentEf(CertificateAvailability, (byte)CertificateAvailability, 3, 0x00, AccessRule.Always, AccessRule.Never);
            Df.CreateTransparentEf(AuthCaCertificate, (byte)AuthCaCertificate, Gen2RsaCaCapacity, Filler, AccessRule.Always, AccessRule.Never);
            Df.CreateTransparentEf(EcSignCaCertificate, 0x04, Gen2EcCaCapacity, Filler, AccessRule.Always, AccessRule.Never);
            Df.CreateTransparentEf(EcAuthCaCertificate, 0x0D, Gen2EcCaCapacity, Filler, AccessRule.Always, AccessRule.Never);
            Df.CreateRenewableTransparentEf(SignCertificate, (byte)SignCertificate, CertificateCapacity, Filler, withPassword, AccessRule.Never);
            Df.CreateRenewableTransparentEf(AuthCertificate, (byte)AuthCertificate, Gen2RsaAuthCapacity, Filler, AccessRule.Always, AccessRule.Never);
            Df.CreateRenewableTransparentEf(EcSignCertificate, 0x03, Gen2EcSignCapacity, Filler, withPassword, AccessRule.Never);
            Df.CreateRenewableTransparentEf(EcAuthCertificate, 0x0C, Gen2EcCertificateCapacity, Filler, AccessRule.Always, AccessRule.Never);
            Df.CreateRenewableRsaKey(AuthKey, (byte)AuthKey, crypto, withPinOrPassword);
            Df.CreateRenewableRsaKey(SignKey, (byte)SignKey, crypto, withPassword);
            Df.CreateRenewableEcKey(EcAuthKey, 0x1C, crypto, withPinOrPassword);
            Df.CreateRenewableEcKey(EcSignKey, 0x1D, crypto, withPassword);
            Df.CreateTransparentEf(ApAuthCertificate, 0x05, Gen2EcCertificateCapacity, Filler, AccessRule.Always, AccessRule.Never);
            Df.CreateEcKey(ApAuthKey, 0x07, crypto, AccessRule.Always);
        }

        public override ushort Process(Apdu apdu)
        {
            if (apdu.Cla == ClassByte.Proprietary && apdu.Ins == MynaIns.ComputeSignature)
            {
                ushort sw;
                PrivateKey key = KeyCommands.Find(Df, apdu.P2, out sw);
                if (key == null)
                {
                    return sw;
                }
                // gen2: the AP authentication key answers INTERNAL AUTHENTICATE only, so it signs for one purpose.
                return key.Fid == ApAuthKey ? Sw.ConditionsNotSatisfied : KeyCommands.Sign(apdu, key);
            }
            if (sha256 != null && apdu.Ins == Iso7816.InsInternalAuthenticate && ClassByte.IsInterindustry(apdu.Cla))
            {
                // gen2 JPKI AP authentication: only the AP authentication key answers, without a PIN.
                ushort sw;
                PrivateKey key = KeyCommands.Find(Df, apdu.P2, out sw);
                if (key == null)
                {
                    return sw;
                }
                return key.Fid == ApAuthKey ? KeyCommands.InternalAuthenticate(apdu, key, sha256, sha384) : Sw.ConditionsNotSatisfied;
            }
            return base.Process(apdu);
        }
    }
}
