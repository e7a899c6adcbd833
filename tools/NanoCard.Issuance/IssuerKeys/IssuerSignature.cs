using System.Security.Cryptography;
using NanoCard.Hal.Crypto;
using NanoCard.Hal.Host.Crypto;

namespace NanoCard.Issuance;

/// <summary>
/// How the issuer signs AP data (docs/references.md §4.3–§4.5): RSA-2048 PKCS#1 v1.5 over a
/// SHA-256 DigestInfo, and the public key written as <c>90 e</c> ‖ <c>91 82 0100 n</c> (§4.4).
/// </summary>
public static class IssuerSignature
{
    /// <summary>DER DigestInfo header for SHA-256 with a 32-byte digest (RFC 8017 §9.2, note 1).</summary>
    private static readonly byte[] Sha256Prefix = Convert.FromHexString("3031300D060960864801650304020105000420");

    /// <summary>Signature of SHA-256(<paramref name="data"/>), PKCS#1 v1.5.</summary>
    public static byte[] Sign(RSA key, byte[] data) => key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public static bool Verify(RSA key, byte[] data, byte[] signature)
        => key.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>A SHA-256 DigestInfo over <paramref name="data"/> (what a client passes to COMPUTE DIGITAL SIGNATURE).</summary>
    public static byte[] DigestInfo(byte[] data) => [.. Sha256Prefix, .. SHA256.HashData(data)];

    /// <summary>
    /// The card face's signature (§4.3): PKCS#1 v1.5 type-1 padding of a SHA-256 DigestInfo whose
    /// octet string holds the concatenated SHA-256 digests of the segments. .NET signs only
    /// standard hash lengths, so the block goes through the HAL's RSA, which pads any block.
    /// </summary>
    public static byte[] SignDigests(RSA key, params byte[][] segments)
    {
        RSAParameters p = key.ExportParameters(true);
        var crypto = new HostCrypto();
        RsaKey slot = crypto.CreateRsaKey();
        crypto.ImportRsaKey(slot, p.P!, 0, p.Q!, 0, (int)new System.Numerics.BigInteger(p.Exponent, isUnsigned: true, isBigEndian: true));
        byte[] block = DigestsInfo(segments);
        byte[] signature = new byte[RsaKey.ModulusLength];
        crypto.SignRsaPkcs1(slot, block, 0, (short)block.Length, signature, 0);
        slot.Clear();
        return signature;
    }

    public static bool VerifyDigests(RSAParameters publicKey, byte[] signature, params byte[][] segments)
    {
        byte[] block = DigestsInfo(segments);
        int e = (int)new System.Numerics.BigInteger(publicKey.Exponent, isUnsigned: true, isBigEndian: true);
        return new HostCrypto().VerifyRsaPkcs1(publicKey.Modulus!, 0, e, block, 0, (short)block.Length, signature, 0, (short)signature.Length);
    }

    /// <summary><c>90 03 e</c> ‖ <c>91 82 0100 n</c>.</summary>
    public static byte[] PublicKeyFields(RSAParameters key)
        => Tlv.Concat(Tlv.Build(0x90, key.Exponent!), Tlv.Build(0x91, key.Modulus!, longForm: true));

    /// <summary><c>30 L { 30 0D (sha256, NULL) 04 L digests }</c>: the DigestInfo shape around several digests.</summary>
    private static byte[] DigestsInfo(byte[][] segments)
    {
        byte[] digests = [.. segments.SelectMany(SHA256.HashData)];
        return Tlv.Build(0x30, Tlv.Concat(Sha256Prefix[2..17], Tlv.Build(0x04, digests)));
    }
}
