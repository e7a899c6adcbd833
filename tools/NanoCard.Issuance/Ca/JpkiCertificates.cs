using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoCard.Issuance.Revocation;

namespace NanoCard.Issuance;

/// <summary>
/// The JPKI end-entity certificates, shaped like J-LIS's (docs/references.md §4.9): gen1
/// RSA-2048, SHA-256 with PKCS#1 v1.5; gen2 also ECDSA from the EC CAs, valid as
/// <see cref="Gen2Validity"/> allows;
/// subject <c>CN=serial, C=JP</c>; the signing certificate
/// carries the person's basic four attributes in subjectAltName otherNames under
/// 1.2.392.200149.8.5.5.1–6 (name, name in alternative characters, sex, birth date, address,
/// address in alternative characters).
/// </summary>
public static class JpkiCertificates
{
    public const string AttributeArc = "1.2.392.200149.8.5.5";

    /// <summary>gen2 certificates are valid 10 years, like the card (docs/references.md §8, point 2), within <see cref="Gen2Validity"/>.</summary>
    public const int Gen2ValidityYears = 10;

    /// <summary>The user-authentication certificate for the card's key 0017.</summary>
    public static X509Certificate2 Authentication(RSAParameters cardKey, Persona persona, TestCa ca, DateTimeOffset now, RevocationLinks? links = null)
        => Issue(RsaKey(cardKey), Subject(persona), ca.AuthIssuer, now, CardExpiry(persona), AuthUsage, null, links);

    /// <summary>The signing certificate for the card's key 001A.</summary>
    public static X509Certificate2 Signing(RSAParameters cardKey, Persona persona, TestCa ca, DateTimeOffset now, RevocationLinks? links = null)
        => Issue(RsaKey(cardKey), Subject(persona), ca.SignIssuer, now, CardExpiry(persona), SignUsage, AttributeNames(persona), links);

    /// <summary>A gen2 user-authentication certificate: RSA keys from the RSA CA, EC keys from the EC one.</summary>
    public static X509Certificate2 Gen2Authentication(PublicKey cardKey, Persona persona, TestCa ca, DateTimeOffset now, RevocationLinks? links = null)
        => Issue(cardKey, Subject(persona), IsEc(cardKey) ? IssuingCa.Ec(ca.Gen2.AuthCa) : ca.AuthIssuer, now, Gen2NotAfter(cardKey, persona.Expiry, now), AuthUsage, null, links);

    /// <summary>A gen2 signing certificate, with the attributes.</summary>
    public static X509Certificate2 Gen2Signing(PublicKey cardKey, Persona persona, TestCa ca, DateTimeOffset now, RevocationLinks? links = null)
        => Issue(cardKey, Subject(persona), IsEc(cardKey) ? IssuingCa.Ec(ca.Gen2.SignCa) : ca.SignIssuer, now, Gen2NotAfter(cardKey, persona.Expiry, now), SignUsage, AttributeNames(persona), links);

    /// <summary>
    /// The certificate that replaces <paramref name="old"/> at renewal: same issuer, subject, key
    /// usage and attributes, the card's new key, valid from <paramref name="now"/> as
    /// <see cref="Gen2Validity"/> allows for a card that expires on <paramref name="cardExpiry"/>.
    /// It points relying parties to <paramref name="links"/>, or without them where the old one did.
    /// </summary>
    public static X509Certificate2 Renewed(X509Certificate2 old, PublicKey newKey, IssuingCa issuer, DateOnly cardExpiry, DateTimeOffset now, RevocationLinks? links = null)
    {
        X509KeyUsageFlags usage = old.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages;
        X509Extension? names = old.Extensions["2.5.29.17"];
        return Issue(newKey, old.SubjectName, issuer, now, Gen2NotAfter(newKey, cardExpiry, now), usage, names, links,
            [.. LinkOids.Select(oid => old.Extensions[oid]).OfType<X509Extension>()]);
    }

    /// <summary>Authority Information Access and CRL Distribution Points: what <see cref="RevocationLinks"/> adds.</summary>
    private static readonly string[] LinkOids = ["1.3.6.1.5.5.7.1.1", "2.5.29.31"];

    /// <summary>A card or AP authentication certificate from the card CA (docs/references.md §8, points 6, 7).</summary>
    public static X509Certificate2 CardAuthentication(PublicKey cardKey, string purpose, Persona persona, TestCa ca, DateTimeOffset now)
        => Issue(cardKey, new X500DistinguishedName($"CN={persona.Serial}, OU={purpose}, O=NanoCard test, C=JP"),
            IssuingCa.Ec(ca.Gen2.CardCa), now, Gen2NotAfter(cardKey, persona.Expiry, now), X509KeyUsageFlags.DigitalSignature, null);

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

    public static PublicKey RsaKey(RSAParameters key)
    {
        using RSA rsa = RSA.Create(key);
        return new PublicKey(rsa);
    }

    public static PublicKey EcKey(ECDsa key) => new(key);

    private const X509KeyUsageFlags AuthUsage = X509KeyUsageFlags.DigitalSignature;
    private const X509KeyUsageFlags SignUsage = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation;

    private static bool IsEc(PublicKey key) => key.Oid.Value == "1.2.840.10045.2.1";

    private static DateTimeOffset Gen2NotAfter(PublicKey key, DateOnly cardExpiry, DateTimeOffset now) => Gen2Validity.NotAfter(now, cardExpiry, rsa: !IsEc(key));

    private static X500DistinguishedName Subject(Persona persona) => new($"CN={persona.Serial}, C=JP");

    /// <summary>Real gen1 JPKI certificates end on the holder's fifth birthday after issuance; a test card's end with the card.</summary>
    private static DateTimeOffset CardExpiry(Persona persona) => new(persona.Expiry.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static X509Certificate2 Issue(PublicKey subjectKey, X500DistinguishedName subject, IssuingCa ca,
        DateTimeOffset now, DateTimeOffset notAfter, X509KeyUsageFlags usage, X509Extension? altNames, RevocationLinks? links = null, X509Extension[]? keptLinks = null)
    {
        var request = new CertificateRequest(subject, subjectKey, ca.Hash);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca.Certificate, true, false));
        if (altNames is not null)
        {
            request.CertificateExtensions.Add(altNames);
        }
        foreach (X509Extension link in links?.Extensions(ca.Name) ?? keptLinks ?? [])
        {
            request.CertificateExtensions.Add(link);
        }
        if (notAfter > ca.Certificate.NotAfter)
        {
            notAfter = ca.Certificate.NotAfter;
        }
        return request.Create(ca.Certificate.SubjectName, ca.Generator, now.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(16).Prepend((byte)0x01).ToArray());
    }
}
