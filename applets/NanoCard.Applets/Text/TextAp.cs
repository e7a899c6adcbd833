using NanoCard.Applets.CardManager;
using NanoCard.Applets.Shared;
using NanoCard.Hal.Crypto;
using NanoCard.Os;
using NanoCard.Os.Credentials;
using NanoCard.Os.Files;
using NanoCard.Os.Keys;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Text
{
    /// <summary>
    /// 券面事項入力補助AP (text AP), AID D3921000310001010408 (mynacard-interface.md §3.3): the
    /// individual number, the four attributes, their integrity record and the AP's certificate
    /// and keys. The PIN or 照合番号A opens the number; the PIN or 照合番号B opens the attributes;
    /// any of the three opens the integrity record and the AP's public keys. The AP's own key
    /// signs with <c>80 2A 00 00</c> without any credential (it proves the AP is present).
    /// </summary>
    public sealed class TextAp : MynaApplet
    {
        public static readonly byte[] Aid = { 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08 };

        public const short MyNumber = 0x0001;
        public const short Attributes = 0x0002;
        public const short Integrity = 0x0003;
        public const short Certificate = 0x0004;
        public const short BasicInfo = 0x0005;
        public const short SessionKeyPublic = 0x0006;
        public const short SignedPublicKey = 0x0007;
        public const short Pin = 0x0011;
        public const short ApKey = 0x0013;
        public const short CodeA = 0x0014;
        public const short CodeB = 0x0015;

        /// <summary>EF 0001: <c>FF 10 0C</c> + 12 digits + <c>FF FF</c> (§3.3).</summary>
        public const short MyNumberSize = 17;
        /// <summary>EF 0002: room for a long name and address in UTF-8.</summary>
        public const short AttributesSize = 600;
        public const short IntegritySize = 336;
        public const short CertificateSize = 568;
        /// <summary>MYNA-GO reads exactly 256 bytes of EF 0005 (§3.3).</summary>
        public const short BasicInfoSize = 256;
        public const short SessionKeySize = 300;
        public const short SignedPublicKeySize = 544;

        /// <summary>照合番号A is the 12-digit individual number (§4.7).</summary>
        public static readonly PinFormat CodeAFormat = new PinFormat(12, 12, PinFormat.Digits);
        /// <summary>照合番号B: birth date YYMMDD (Japanese era) + expiry year + security code, 14 digits (§4.7).</summary>
        public static readonly PinFormat CodeBFormat = new PinFormat(14, 14, PinFormat.Digits);

        private const byte Filler = 0xFF;
        private readonly RsaPrivateKey apKey;

        /// <param name="credentials">gen2: the shared card PIN stands at 0011; null on gen1.</param>
        public TextAp(CardStore store, CardState card, ICrypto crypto, CardCredentials credentials)
            : base(store, card, 0x0020, 12)
        {
            OwnerPin pin = FourDigitPin(credentials, Pin);
            OwnerPin a = Df.CreatePin(CodeA, (byte)CodeA, CodeAFormat);
            OwnerPin b = Df.CreatePin(CodeB, (byte)CodeB, CodeBFormat);
            AccessRule pinOrA = AccessRule.AnyOf(new OwnerPin[] { pin, a });
            AccessRule pinOrB = AccessRule.AnyOf(new OwnerPin[] { pin, b });
            AccessRule any = AccessRule.AnyOf(new OwnerPin[] { pin, a, b });
            Df.CreateTransparentEf(MyNumber, (byte)MyNumber, MyNumberSize, Filler, pinOrA, AccessRule.Never);
            Df.CreateTransparentEf(Attributes, (byte)Attributes, AttributesSize, Filler, pinOrB, AccessRule.Never);
            Df.CreateTransparentEf(Integrity, (byte)Integrity, IntegritySize, Filler, any, AccessRule.Never);
            Df.CreateTransparentEf(Certificate, (byte)Certificate, CertificateSize, Filler, AccessRule.Always, AccessRule.Never);
            Df.CreateTransparentEf(BasicInfo, (byte)BasicInfo, BasicInfoSize, Filler, AccessRule.Always, AccessRule.Never);
            Df.CreateTransparentEf(SessionKeyPublic, (byte)SessionKeyPublic, SessionKeySize, Filler, any, AccessRule.Never);
            Df.CreateTransparentEf(SignedPublicKey, (byte)SignedPublicKey, SignedPublicKeySize, Filler, any, AccessRule.Never);
            apKey = Df.CreateRsaKey(ApKey, (byte)ApKey, crypto, AccessRule.Always);
        }

        /// <summary>COMPUTE DIGITAL SIGNATURE with P2 00: the AP's own key, no credential (§3.3).</summary>
        public override ushort Process(Apdu apdu)
        {
            if (apdu.Cla == ClassByte.Proprietary && apdu.Ins == MynaIns.ComputeSignature)
            {
                return apdu.P2 == 0 ? KeyCommands.Sign(apdu, apKey) : Sw.IncorrectP1P2;
            }
            return base.Process(apdu);
        }
    }
}
