using System.Security.Cryptography;
using System.Text;

namespace NanoCard.Issuance;

/// <summary>
/// The card-verifiable certificate of EF 0004 in the text and visual APs (docs/references.md
/// §4.5): <c>7F21 82 0233 { 5F4E 82 0129 body, 5F37 82 0100 signature }</c>, body = issuer key ID
/// (16) ‖ subject key ID (16) ‖ key fields (RSA <c>90</c>/<c>91</c>), signed by the issuer (gen1:
/// PKCS#1 v1.5 SHA-256; gen2: ECDSA r ‖ s, and the lengths follow the content).
/// </summary>
public static class CvCertificate
{
    /// <summary>Key IDs follow the real card's shape (<c>"5000033" 08 05 "001" 00 00 00 00</c>) under a 6 prefix, as the JPKI test hierarchy's.</summary>
    public static byte[] KeyId(string seven) => [.. Encoding.ASCII.GetBytes(seven), 0x08, 0x05, .. "001"u8, 0, 0, 0, 0];

    public static readonly byte[] IssuerKeyId = KeyId("6000001");
    public static readonly byte[] TextApKeyId = KeyId("6000033");
    public static readonly byte[] VisualApKeyId = KeyId("6000023");

    /// <param name="subjectKeyFields">The subject key as AP files carry it (<see cref="IssuerSigner.PublicKeyFields"/>).</param>
    public static byte[] Build(byte[] subjectKeyId, byte[] subjectKeyFields, IssuerSigner issuer)
    {
        byte[] body = Tlv.Concat(IssuerKeyId, subjectKeyId, subjectKeyFields);
        return Tlv.Build(0x7F21, true,
            Tlv.Build(0x5F4E, body, longForm: true),
            Tlv.Build(0x5F37, issuer.Sign(body), longForm: true));
    }
}
