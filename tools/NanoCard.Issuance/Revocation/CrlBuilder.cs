using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NanoCard.Issuance.Revocation;

/// <summary>
/// Builds a DER X.509 v2 CRL (RFC 5280 §5). Written by hand rather than with
/// <see cref="CertificateRevocationListBuilder"/> because that builder cannot add CRL entry
/// extensions, and the death sub-reason is one. Valid for 7 days; carries authorityKeyIdentifier
/// (the CA's subjectKeyIdentifier) and cRLNumber. Signed as <see cref="CaSigner"/> says.
/// </summary>
public static class CrlBuilder
{
    public static readonly TimeSpan Validity = TimeSpan.FromDays(7);

    private const string ReasonCodeOid = "2.5.29.21";
    private const string CrlNumberOid = "2.5.29.20";

    /// <param name="ca">The issuing CA's certificate with its private key.</param>
    public static byte[] Build(X509Certificate2 ca, IEnumerable<CrlEntry> entries, BigInteger number, DateTimeOffset thisUpdate)
    {
        using CaSigner signer = CaSigner.For(ca);
        byte[] algorithm = signer.AlgorithmIdentifier;
        var tbs = new AsnWriter(AsnEncodingRules.DER);
        using (tbs.PushSequence())
        {
            tbs.WriteInteger(1); // v2
            tbs.WriteEncodedValue(algorithm);
            tbs.WriteEncodedValue(ca.SubjectName.RawData);
            WriteTime(tbs, thisUpdate);
            WriteTime(tbs, thisUpdate + Validity);
            CrlEntry[] list = [.. entries];
            if (list.Length > 0)
            {
                using (tbs.PushSequence())
                {
                    foreach (CrlEntry entry in list)
                    {
                        WriteEntry(tbs, entry);
                    }
                }
            }
            using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            using (tbs.PushSequence())
            {
                CaSigner.WriteExtension(tbs, X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
                var crlNumber = new AsnWriter(AsnEncodingRules.DER);
                crlNumber.WriteInteger(number);
                CaSigner.WriteExtension(tbs, new X509Extension(CrlNumberOid, crlNumber.Encode(), critical: false));
            }
        }
        byte[] tbsBytes = tbs.Encode();
        var crl = new AsnWriter(AsnEncodingRules.DER);
        using (crl.PushSequence())
        {
            crl.WriteEncodedValue(tbsBytes);
            crl.WriteEncodedValue(algorithm);
            crl.WriteBitString(signer.Sign(tbsBytes));
        }
        return crl.Encode();
    }

    private static void WriteEntry(AsnWriter writer, CrlEntry entry)
    {
        using (writer.PushSequence())
        {
            writer.WriteInteger(Convert.FromHexString(entry.Serial));
            WriteTime(writer, entry.RevokedAt);
            using (writer.PushSequence())
            {
                var reasonCode = new AsnWriter(AsnEncodingRules.DER);
                reasonCode.WriteEnumeratedValue(RevocationReasons.CrlReason(entry.Reason));
                CaSigner.WriteExtension(writer, new X509Extension(ReasonCodeOid, reasonCode.Encode(), critical: false));
                if (entry.Reason == RevocationReason.Death)
                {
                    CaSigner.WriteExtension(writer, SubReasonExtension.Create(RevocationSubReason.Death));
                }
            }
        }
    }

    /// <summary>RFC 5280 §5.1.2.4: UTCTime through 2049, GeneralizedTime from 2050, whole seconds in UTC.</summary>
    private static void WriteTime(AsnWriter writer, DateTimeOffset time)
    {
        DateTimeOffset utc = time.ToUniversalTime();
        utc = utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond));
        if (utc.Year < 2050)
        {
            writer.WriteUtcTime(utc);
        }
        else
        {
            writer.WriteGeneralizedTime(utc, omitFractionalSeconds: true);
        }
    }
}
