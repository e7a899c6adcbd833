using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NanoCard.Issuance.Revocation;

/// <summary>
/// Builds a DER X.509 v2 CRL (RFC 5280 §5). Written by hand rather than with
/// <see cref="CertificateRevocationListBuilder"/> because that builder cannot add CRL entry
/// extensions, and the death sub-reason is one. Valid for 7 days; carries authorityKeyIdentifier
/// (the CA's subjectKeyIdentifier) and cRLNumber. Signed SHA-256 with PKCS#1 v1.5 by an RSA CA,
/// ECDSA with the hash matching the curve by an EC CA.
/// </summary>
public static class CrlBuilder
{
    public static readonly TimeSpan Validity = TimeSpan.FromDays(7);

    private const string ReasonCodeOid = "2.5.29.21";
    private const string CrlNumberOid = "2.5.29.20";

    /// <param name="ca">The issuing CA's certificate with its private key.</param>
    public static byte[] Build(X509Certificate2 ca, IEnumerable<CrlEntry> entries, BigInteger number, DateTimeOffset thisUpdate)
    {
        using RSA? rsa = ca.GetRSAPrivateKey();
        using ECDsa? ecdsa = rsa is null ? ca.GetECDsaPrivateKey() : null;
        (X509SignatureGenerator generator, HashAlgorithmName hash) = Signer(rsa, ecdsa, ca.Subject);
        byte[] algorithm = generator.GetSignatureAlgorithmIdentifier(hash);
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
                WriteExtension(tbs, X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
                var crlNumber = new AsnWriter(AsnEncodingRules.DER);
                crlNumber.WriteInteger(number);
                WriteExtension(tbs, new X509Extension(CrlNumberOid, crlNumber.Encode(), critical: false));
            }
        }
        byte[] tbsBytes = tbs.Encode();
        var crl = new AsnWriter(AsnEncodingRules.DER);
        using (crl.PushSequence())
        {
            crl.WriteEncodedValue(tbsBytes);
            crl.WriteEncodedValue(algorithm);
            crl.WriteBitString(generator.SignData(tbsBytes, hash));
        }
        return crl.Encode();
    }

    /// <summary>The signature generator and hash for the CA's key: SHA-256 for RSA and P-256, SHA-384 for P-384, SHA-512 for P-521.</summary>
    private static (X509SignatureGenerator, HashAlgorithmName) Signer(RSA? rsa, ECDsa? ecdsa, string subject)
    {
        if (rsa is not null)
        {
            return (X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1), HashAlgorithmName.SHA256);
        }
        if (ecdsa is not null)
        {
            HashAlgorithmName hash = ecdsa.KeySize switch
            {
                > 384 => HashAlgorithmName.SHA512,
                > 256 => HashAlgorithmName.SHA384,
                _ => HashAlgorithmName.SHA256,
            };
            return (X509SignatureGenerator.CreateForECDsa(ecdsa), hash);
        }
        throw new RevocationException($"CA '{subject}' has no RSA or EC private key to sign a CRL with");
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
                WriteExtension(writer, new X509Extension(ReasonCodeOid, reasonCode.Encode(), critical: false));
                if (entry.Reason == RevocationReason.Death)
                {
                    WriteExtension(writer, SubReasonExtension.Create(RevocationSubReason.Death));
                }
            }
        }
    }

    private static void WriteExtension(AsnWriter writer, X509Extension extension)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(extension.Oid!.Value!);
            if (extension.Critical)
            {
                writer.WriteBoolean(true);
            }
            writer.WriteOctetString(extension.RawData);
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
