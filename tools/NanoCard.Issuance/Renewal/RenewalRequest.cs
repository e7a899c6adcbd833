using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NanoCard.Issuance;

/// <summary>
/// What the holder consents to when a card is renewed (docs/security.md "Renewal and the holder's
/// consent"): the issuer makes this DER document, the card's current ECDSA signing key (003A, which
/// signs only after the signing password) signs its hash, and the issuer keeps both.
/// <code>
/// RenewalRequest ::= SEQUENCE {
///     purpose      UTF8String ("NanoCard renewal request"),
///     cardSerial   UTF8String,
///     replaced     SEQUENCE OF CertificateSerialNumber,  -- the certificates renewal replaces, in role order
///     nonce        OCTET STRING (SIZE (16)),             -- fresh from the issuer for each renewal
///     requestedAt  GeneralizedTime }
/// </code>
/// A fixed purpose keeps the signature from meaning anything else; the nonce keeps an old consent
/// from being played again; the serials tie it to the certificates the card holds now.
/// </summary>
public sealed class RenewalRequest
{
    public const string Purpose = "NanoCard renewal request";

    private RenewalRequest(byte[] der) => Der = der;

    public byte[] Der { get; }

    public static RenewalRequest Create(string cardSerial, IEnumerable<X509Certificate2> replaced, DateTimeOffset now)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, Purpose);
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, cardSerial);
            using (writer.PushSequence())
            {
                foreach (X509Certificate2 certificate in replaced)
                {
                    writer.WriteInteger(new BigInteger(certificate.GetSerialNumber(), isUnsigned: true));
                }
            }
            writer.WriteOctetString(RandomNumberGenerator.GetBytes(16));
            DateTimeOffset utc = now.ToUniversalTime();
            writer.WriteGeneralizedTime(utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond)), omitFractionalSeconds: true);
        }
        return new RenewalRequest(writer.Encode());
    }

    /// <summary>The hash the card signs: SHA-256 for a P-256 key, SHA-384 for P-384 (docs/apdu-spec.md §13.4).</summary>
    public byte[] Hash(ECDsa key) => key.KeySize > 256 ? SHA384.HashData(Der) : SHA256.HashData(Der);

    /// <summary>True when <paramref name="signature"/> (r ‖ s) is <paramref name="signer"/>'s key's over this request.</summary>
    public bool IsSignedBy(X509Certificate2 signer, byte[] signature)
    {
        using ECDsa? key = signer.GetECDsaPublicKey();
        return key is not null && key.VerifyHash(Hash(key), signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}
