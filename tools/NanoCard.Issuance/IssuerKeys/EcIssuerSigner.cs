using System.Security.Cryptography;

namespace NanoCard.Issuance;

/// <summary>
/// The gen2 issuer: ECDSA with the curve's paired hash (P-256/SHA-256, P-384/SHA-384), signatures
/// as r ‖ s (IEEE P1363), the same form the card's own ECDSA keys return. The card face signs the
/// concatenated SHA-256 digests of its segments as one message (docs/apdu-spec.md §13).
/// </summary>
public sealed class EcIssuerSigner(ECDsa key) : IssuerSigner
{
    public override byte[] Sign(byte[] data) => key.SignData(data, Hash(key), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public override byte[] SignDigests(params byte[][] segments) => Sign(Digests(segments));

    public override byte[] PublicKeyFields()
    {
        ECParameters p = key.ExportParameters(false);
        return Tlv.Concat(Tlv.Build(0x06, EcPublicKeys.CurveOid(p.Curve)), Tlv.Build(0x86, EcPublicKeys.Point(p)));
    }

    public override byte[] PublicValue() => EcPublicKeys.Point(key.ExportParameters(false));

    /// <summary>Verifies r ‖ s over <paramref name="data"/> with a public key.</summary>
    public static bool Verify(ECDsa publicKey, byte[] data, byte[] signature)
        => publicKey.VerifyData(data, signature, Hash(publicKey), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <summary>Verifies the card face's signature over the digests of <paramref name="segments"/>.</summary>
    public static bool VerifyDigests(ECDsa publicKey, byte[] signature, params byte[][] segments)
        => Verify(publicKey, Digests(segments), signature);

    private static HashAlgorithmName Hash(ECDsa key) => key.KeySize > 256 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;
}
