using System.Security.Cryptography;
using System.Text;

namespace NanoCard.Issuance;

/// <summary>
/// The card-verifiable certificate of EF 0004 in the text and visual APs (mynacard-interface.md
/// §4.5): <c>7F21 82 0233 { 5F4E 82 0129 body, 5F37 82 0100 signature }</c>, body = issuer key ID
/// (16) ‖ subject key ID (16) ‖ RSA key (<c>90</c>/<c>91</c>), signed PKCS#1 v1.5 SHA-256 by the issuer.
/// </summary>
public static class CvCertificate
{
    /// <summary>Key IDs follow the real card's shape (<c>"5000033" 08 05 "001" 00 00 00 00</c>) under a 6 prefix, as the JPKI test hierarchy's.</summary>
    public static byte[] KeyId(string seven) => [.. Encoding.ASCII.GetBytes(seven), 0x08, 0x05, .. "001"u8, 0, 0, 0, 0];

    public static readonly byte[] IssuerKeyId = KeyId("6000001");
    public static readonly byte[] TextApKeyId = KeyId("6000033");
    public static readonly byte[] VisualApKeyId = KeyId("6000023");

    public static byte[] Build(byte[] subjectKeyId, RSAParameters subjectKey, RSA issuerKey)
    {
        byte[] body = Tlv.Concat(IssuerKeyId, subjectKeyId, IssuerSignature.PublicKeyFields(subjectKey));
        return Tlv.Build(0x7F21, true,
            Tlv.Build(0x5F4E, body, longForm: true),
            Tlv.Build(0x5F37, IssuerSignature.Sign(issuerKey, body), longForm: true));
    }
}
