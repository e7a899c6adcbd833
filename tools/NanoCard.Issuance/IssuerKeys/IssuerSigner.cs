using System.Security.Cryptography;

namespace NanoCard.Issuance;

/// <summary>
/// The issuer's key as the text and visual AP data use it (docs/references.md §4.3–§4.5):
/// signatures over AP data, the card face's signature over several digests, and the public key
/// fields written next to them. gen1 signs with RSA-2048 (<see cref="RsaIssuerSigner"/>), gen2 with
/// ECDSA (<see cref="EcIssuerSigner"/>, docs/references.md §8, point 1).
/// </summary>
public abstract class IssuerSigner
{
    /// <summary>The signature of <paramref name="data"/>.</summary>
    public abstract byte[] Sign(byte[] data);

    /// <summary>The signature over the SHA-256 digests of <paramref name="segments"/> (the card face, §4.3).</summary>
    public abstract byte[] SignDigests(params byte[][] segments);

    /// <summary>The public key as AP files carry it: RSA <c>90 e 91 n</c>, EC <c>06 OID 86 point</c>.</summary>
    public abstract byte[] PublicKeyFields();

    /// <summary>The key's bulk public value (RSA modulus, EC point), for the visual AP's DF35.</summary>
    public abstract byte[] PublicValue();

    /// <summary>The concatenated SHA-256 digests of the segments.</summary>
    protected static byte[] Digests(byte[][] segments) => [.. segments.SelectMany(SHA256.HashData)];
}
