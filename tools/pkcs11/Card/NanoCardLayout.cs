namespace NanoCard.Pkcs11.Card;

/// <summary>Which of a card's two credentials a token stands for (docs/pkcs11.md, "Slots and tokens").</summary>
public enum TokenKind
{
    /// <summary>JPKI user authentication: the authentication PIN (gen1) or the card PIN (gen2).</summary>
    Authentication = 0,

    /// <summary>JPKI digital signature: the signing password.</summary>
    Signature = 1,
}

/// <summary>How the card signs with a key (docs/apdu-spec.md §9, §13.4).</summary>
public enum KeyUse
{
    /// <summary>COMPUTE DIGITAL SIGNATURE `80 2A`: RSA takes a DigestInfo, ECDSA a hash of the curve's length.</summary>
    ComputeSignature,

    /// <summary>INTERNAL AUTHENTICATE `00 88`: the card hashes the challenge itself; no PIN.</summary>
    InternalAuthenticate,
}

/// <summary>A key the card signs with, where its certificate is, and which token shows it.</summary>
public sealed record KeySpec(
    byte Id, string Label, string JapaneseLabel, TokenKind Token, bool IsEc,
    byte[] Aid, ushort CertificateFid, bool CertificateNeedsLogin, ushort KeyFid, byte KeyP2, KeyUse Use)
{
    public bool NeedsLogin => Use == KeyUse.ComputeSignature;
}

/// <summary>A CA certificate the card holds (no key).</summary>
public sealed record CaSpec(byte Id, string Label, string JapaneseLabel, TokenKind Token, ushort CertificateFid);

/// <summary>
/// The card's APs, files, PINs and keys as docs/apdu-spec.md documents them (§8 gen1, §13 gen2).
/// Certificates and keys keep OpenSC's JPKI IDs (01 authentication, 02 signing); the EC and
/// authentication keys follow, and a CA certificate takes its subject key's ID with bit 8 set.
/// </summary>
public static class NanoCardLayout
{
    public static readonly byte[] JpkiAid = Convert.FromHexString("D392F000260100000001");
    public static readonly byte[] CommonAid = Convert.FromHexString("D3921000310001010100");

    public const ushort TokenInfoFid = 0x0006;
    public const ushort EcAuthKeyFid = 0x0037;

    /// <summary>VERIFY P2 of the authentication PIN / card PIN (0018), the signing password (001B), the PUK (001E).</summary>
    public const byte AuthPinP2 = 0x98;
    public const byte SignPasswordP2 = 0x9B;
    public const byte PukP2 = 0x9E;

    private static readonly KeySpec RsaAuth = new(0x01, "User Authentication Key (RSA)", "利用者証明用鍵 (RSA)", TokenKind.Authentication, false, JpkiAid, 0x000A, false, 0x0017, 0x97, KeyUse.ComputeSignature);
    private static readonly KeySpec RsaSign = new(0x02, "Digital Signature Key (RSA)", "署名用鍵 (RSA)", TokenKind.Signature, false, JpkiAid, 0x0001, true, 0x001A, 0x9A, KeyUse.ComputeSignature);
    private static readonly KeySpec EcAuth = new(0x03, "User Authentication Key (ECDSA)", "利用者証明用鍵 (ECDSA)", TokenKind.Authentication, true, JpkiAid, 0x002A, false, 0x0037, 0x9C, KeyUse.ComputeSignature);
    private static readonly KeySpec EcSign = new(0x04, "Digital Signature Key (ECDSA)", "署名用鍵 (ECDSA)", TokenKind.Signature, true, JpkiAid, 0x0021, true, 0x003A, 0x9D, KeyUse.ComputeSignature);
    private static readonly KeySpec CardAuth = new(0x05, "Card Authentication Key (ECDSA)", "カード認証鍵 (ECDSA)", TokenKind.Authentication, true, CommonAid, 0x0002, false, 0x0003, 0x83, KeyUse.InternalAuthenticate);
    private static readonly KeySpec ApAuth = new(0x06, "JPKI AP Authentication Key (ECDSA)", "公的個人認証AP認証鍵 (ECDSA)", TokenKind.Authentication, true, JpkiAid, 0x0045, false, 0x0047, 0x87, KeyUse.InternalAuthenticate);

    private static readonly CaSpec RsaAuthCa = new(0x81, "User Authentication CA Certificate (RSA)", "利用者証明用CA証明書 (RSA)", TokenKind.Authentication, 0x000B);
    private static readonly CaSpec RsaSignCa = new(0x82, "Digital Signature CA Certificate (RSA)", "署名用CA証明書 (RSA)", TokenKind.Signature, 0x0002);
    private static readonly CaSpec EcAuthCa = new(0x83, "User Authentication CA Certificate (ECDSA)", "利用者証明用CA証明書 (ECDSA)", TokenKind.Authentication, 0x002B);
    private static readonly CaSpec EcSignCa = new(0x84, "Digital Signature CA Certificate (ECDSA)", "署名用CA証明書 (ECDSA)", TokenKind.Signature, 0x0022);

    /// <summary>
    /// gen1's common-AP key 0019 is left out: its public half is nowhere on the card (no
    /// certificate, §8.3), so no relying party could check what it signs.
    /// </summary>
    public static IReadOnlyList<KeySpec> Keys(bool gen2) => gen2 ? [RsaAuth, EcAuth, CardAuth, ApAuth, RsaSign, EcSign] : [RsaAuth, RsaSign];

    public static IReadOnlyList<CaSpec> CaCertificates(bool gen2) => gen2 ? [RsaAuthCa, EcAuthCa, RsaSignCa, EcSignCa] : [RsaAuthCa, RsaSignCa];
}
