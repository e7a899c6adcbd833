using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoCard.Issuance.Revocation;

namespace NanoCard.Issuance.Ocsp;

/// <summary>
/// The OCSP responder of a CA folder (RFC 6960): each CA answers for its own certificates and signs
/// its responses itself (§4.2.2.2, the CA as responder; <see cref="CaSigner"/>), with its certificate
/// in the response so a client finds the signer. The answer comes from the folder's records, the
/// same ones the CRL is built from: good for a certificate the CA issued and did not revoke, revoked
/// with the time and the CRL reason code (for death: affiliationChanged with the NanoCard death
/// sub-reason as a single extension, the CRL entry's extension), unknown for a serial the CA never
/// issued. A nonce in the request comes back in the response (§4.4.1). A request that does not
/// parse is malformedRequest; one about a CA not in the folder, unauthorized (RFC 5019 §2.2.3); a
/// CA folder it cannot read, internalError.
/// </summary>
public static class OcspResponder
{
    /// <summary>How long a response may be used: the next response is a request away.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromHours(1);

    private const string BasicResponseOid = "1.3.6.1.5.5.7.48.1.1";

    /// <summary>OCSPResponseStatus (RFC 6960 §4.2.1).</summary>
    public enum Status
    {
        Successful = 0,
        MalformedRequest = 1,
        InternalError = 2,
        Unauthorized = 6,
    }

    /// <summary>The DER OCSPResponse to <paramref name="request"/> at <paramref name="now"/>.</summary>
    public static byte[] Respond(string caDir, ReadOnlyMemory<byte> request, DateTimeOffset now)
    {
        OcspRequest parsed;
        try
        {
            parsed = OcspRequest.Parse(request);
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException)
        {
            return Unsuccessful(Status.MalformedRequest);
        }
        byte[] basic;
        try
        {
            string? caName = FindCa(caDir, parsed.Certificates[0]);
            if (caName is null)
            {
                return Unsuccessful(Status.Unauthorized);
            }
            using X509Certificate2 ca = CaFiles.LoadSigner(caDir, caName);
            basic = BasicResponse(caDir, caName, ca, parsed, now);
        }
        catch (RevocationException)
        {
            // A CA folder that cannot be read (a missing key, a damaged revoked.json) answers nothing rather than "good".
            return Unsuccessful(Status.InternalError);
        }
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEnumeratedValue(Status.Successful);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(BasicResponseOid);
                writer.WriteOctetString(basic);
            }
        }
        return writer.Encode();
    }

    /// <summary>An OCSPResponse with only a status (no responseBytes): what a failed request gets.</summary>
    public static byte[] Unsuccessful(Status status)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEnumeratedValue(status);
        }
        return writer.Encode();
    }

    /// <summary>The base name of the folder's CA the CertID names; null when none.</summary>
    private static string? FindCa(string caDir, CertId id)
    {
        foreach (string path in Directory.EnumerateFiles(caDir, "*" + CaKey.CertificateSuffix).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(path)[..^CaKey.CertificateSuffix.Length];
            using X509Certificate2 certificate = CaFiles.LoadCertificate(caDir, name);
            if (id.NamesIssuer(certificate))
            {
                return name;
            }
        }
        return null;
    }

    /// <summary>BasicOCSPResponse (§4.2.1): ResponseData by key hash, signed by the CA, with the CA's certificate.</summary>
    private static byte[] BasicResponse(string caDir, string caName, X509Certificate2 ca, OcspRequest request, DateTimeOffset now)
    {
        DateTimeOffset at = now.ToUniversalTime().AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond));
        var data = new AsnWriter(AsnEncodingRules.DER);
        using (data.PushSequence())
        {
            // responderID byKey [2]: SHA-1 of the CA's public key (the BIT STRING's value, §4.2.1).
            using (data.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, true)))
            {
                data.WriteOctetString(SHA1.HashData(ca.PublicKey.EncodedKeyValue.RawData));
            }
            data.WriteGeneralizedTime(at, omitFractionalSeconds: true);
            using (data.PushSequence())
            {
                foreach (CertId id in request.Certificates)
                {
                    WriteSingleResponse(data, caDir, caName, ca, id, at);
                }
            }
            if (request.Nonce is { } nonce)
            {
                using (data.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, true)))
                using (data.PushSequence())
                {
                    CaSigner.WriteExtension(data, nonce);
                }
            }
        }
        byte[] tbs = data.Encode();
        using CaSigner signer = CaSigner.For(ca);
        var basic = new AsnWriter(AsnEncodingRules.DER);
        using (basic.PushSequence())
        {
            basic.WriteEncodedValue(tbs);
            basic.WriteEncodedValue(signer.AlgorithmIdentifier);
            basic.WriteBitString(signer.Sign(tbs));
            using (basic.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            using (basic.PushSequence())
            {
                basic.WriteEncodedValue(ca.RawData);
            }
        }
        return basic.Encode();
    }

    /// <summary>SingleResponse (§4.2.1): the CertID as asked, good [0] / revoked [1] / unknown [2], thisUpdate, nextUpdate.</summary>
    private static void WriteSingleResponse(AsnWriter writer, string caDir, string caName, X509Certificate2 ca, CertId id, DateTimeOffset at)
    {
        var (issued, revoked) = CaRegistry.Find(caDir, id.SerialHex);
        bool ours = id.NamesIssuer(ca) && issued?.CaName == caName;
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(id.Der);
            if (!ours)
            {
                writer.WriteNull(new Asn1Tag(TagClass.ContextSpecific, 2));
            }
            else if (revoked is null)
            {
                writer.WriteNull(new Asn1Tag(TagClass.ContextSpecific, 0));
            }
            else
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1)))
                {
                    writer.WriteGeneralizedTime(revoked.RevokedAt, omitFractionalSeconds: true);
                    using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                    {
                        writer.WriteEnumeratedValue(RevocationReasons.CrlReason(revoked.Reason));
                    }
                }
            }
            writer.WriteGeneralizedTime(at, omitFractionalSeconds: true);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            {
                writer.WriteGeneralizedTime(at + Validity, omitFractionalSeconds: true);
            }
            if (ours && revoked?.Reason == RevocationReason.Death)
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, true)))
                using (writer.PushSequence())
                {
                    CaSigner.WriteExtension(writer, SubReasonExtension.Create(RevocationSubReason.Death));
                }
            }
        }
    }
}
