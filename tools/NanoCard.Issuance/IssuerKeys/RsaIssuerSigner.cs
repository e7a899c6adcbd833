using System.Security.Cryptography;

namespace NanoCard.Issuance;

/// <summary>The gen1 issuer: RSA-2048, PKCS#1 v1.5 with SHA-256 (<see cref="IssuerSignature"/>).</summary>
public sealed class RsaIssuerSigner(RSA key) : IssuerSigner
{
    public override byte[] Sign(byte[] data) => IssuerSignature.Sign(key, data);

    public override byte[] SignDigests(params byte[][] segments) => IssuerSignature.SignDigests(key, segments);

    public override byte[] PublicKeyFields() => IssuerSignature.PublicKeyFields(key.ExportParameters(false));

    public override byte[] PublicValue() => key.ExportParameters(false).Modulus!;
}
