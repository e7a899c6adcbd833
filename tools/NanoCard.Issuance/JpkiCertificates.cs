using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NanoCard.Issuance;

/// <summary>
/// The two JPKI end-entity certificates, shaped like J-LIS's (mynacard-interface.md §4.9):
/// RSA-2048, SHA-256 with PKCS#1 v1.5, subject <c>CN=serial, C=JP</c>; the signing certificate
/// carries the person's basic four attributes in subjectAltName otherNames under
/// 1.2.392.200149.8.5.5.1–6 (name, name in alternative characters, sex, birth date, address,
/// address in alternative characters).
/// </summary>
public static class JpkiCertificates
{
    public const string AttributeArc = "1.2.392.200149.8.5.5";

    /// <summary>The user-authentication certificate for the card's key 0017.</summary>
    public static X509Certificate2 Authentication(RSAParameters cardKey, Persona persona, TestCa ca, DateTimeOffset now)
        => Issue(cardKey, persona, ca.AuthCa, ca.AuthCaKey, now, X509KeyUsageFlags.DigitalSignature, null);

    /// <summary>The signing certificate for the card's key 001A.</summary>
    public static X509Certificate2 Signing(RSAParameters cardKey, Persona persona, TestCa ca, DateTimeOffset now)
        => Issue(cardKey, persona, ca.SignCa, ca.SignCaKey, now,
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, AttributeNames(persona));

    /// <summary>The subjectAltName of the signing certificate (RFC 5280 §4.2.1.6, otherName).</summary>
    public static X509Extension AttributeNames(Persona persona)
    {
        string[] values = [persona.Name, persona.NameKana, persona.Sex, persona.BirthDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), persona.Address, persona.Address];
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            for (int i = 0; i < values.Length; i++)
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                {
                    writer.WriteObjectIdentifier($"{AttributeArc}.{i + 1}");
                    using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                    {
                        writer.WriteCharacterString(UniversalTagNumber.UTF8String, values[i]);
                    }
                }
            }
        }
        return new X509Extension("2.5.29.17", writer.Encode(), false);
    }

    private static X509Certificate2 Issue(RSAParameters cardKey, Persona persona, X509Certificate2 caCert, RSA caKey,
        DateTimeOffset now, X509KeyUsageFlags usage, X509Extension? altNames)
    {
        using RSA subjectKey = RSA.Create(cardKey);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={persona.Serial}, C=JP"), subjectKey,
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(caCert, true, false));
        if (altNames is not null)
        {
            request.CertificateExtensions.Add(altNames);
        }
        // Real JPKI certificates end on the holder's fifth birthday after issuance; a test card's end with the card.
        DateTimeOffset notAfter = new(persona.Expiry.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var generator = X509SignatureGenerator.CreateForRSA(caKey, RSASignaturePadding.Pkcs1);
        return request.Create(caCert.SubjectName, generator, now.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(16).Prepend((byte)0x01).ToArray());
    }
}
