using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NanoCard.Issuance;

/// <summary>
/// The test CA hierarchy a NanoCard is issued under (docs/persona.md, "Test CA"): two
/// self-signed RSA-2048 JPKI CAs, one for signing certificates and one for user-authentication
/// certificates, and the issuer's RSA-2048 key that signs the text and visual AP data and their
/// card-verifiable certificates. For gen2 cards (<see cref="Gen2"/>): the EC (P-384) twins of the
/// two JPKI CAs, a card CA for card and JPKI AP authentication certificates, and the issuer's EC
/// key. Kept in a directory as PEM files; made there when it is empty. It is a test CA: nothing it
/// signs chains to J-LIS.
/// </summary>
public sealed class TestCa
{
    /// <summary>The base names of the two CAs' files, as the CA folder's revocation records name them (Revocation/CaFiles.cs).</summary>
    public const string SignCaName = "jpki-sign-ca";
    public const string AuthCaName = "jpki-auth-ca";
    public const string SignCaCertificateFile = SignCaName + ".crt.pem";
    public const string SignCaKeyFile = SignCaName + ".key.pem";
    public const string AuthCaCertificateFile = AuthCaName + ".crt.pem";
    public const string AuthCaKeyFile = AuthCaName + ".key.pem";
    public const string IssuerKeyFile = "issuer.key.pem";
    public const string IssuerPublicKeyFile = "issuer.pub.pem";

    private TestCa(X509Certificate2 signCa, RSA signCaKey, X509Certificate2 authCa, RSA authCaKey, RSA issuerKey, TestCaGen2 gen2)
    {
        SignCa = signCa;
        SignCaKey = signCaKey;
        AuthCa = authCa;
        AuthCaKey = authCaKey;
        IssuerKey = issuerKey;
        Gen2 = gen2;
    }

    public X509Certificate2 SignCa { get; }
    public RSA SignCaKey { get; }
    public X509Certificate2 AuthCa { get; }
    public RSA AuthCaKey { get; }
    /// <summary>Signs AP data (text EF 0003, visual EF 0001/0002/0005) and the CV certificates.</summary>
    public RSA IssuerKey { get; }
    /// <summary>The EC half of the hierarchy, for gen2 cards.</summary>
    public TestCaGen2 Gen2 { get; }

    public IssuingCa SignIssuer => IssuingCa.Rsa(SignCaName, SignCa, SignCaKey);
    public IssuingCa AuthIssuer => IssuingCa.Rsa(AuthCaName, AuthCa, AuthCaKey);

    /// <summary>Every CA of the folder, RSA and EC.</summary>
    public IReadOnlyList<IssuingCa> Issuers =>
        [SignIssuer, AuthIssuer, IssuingCa.Ec(Gen2.SignCa), IssuingCa.Ec(Gen2.AuthCa), IssuingCa.Ec(Gen2.CardCa)];

    /// <summary>The CA of the folder that issued <paramref name="certificate"/>, by name and signature; null when none did.</summary>
    public IssuingCa? IssuerOf(X509Certificate2 certificate)
    {
        foreach (IssuingCa ca in Issuers)
        {
            if (ca.Certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData) && SignedBy(certificate, ca.Certificate))
            {
                return ca;
            }
        }
        return null;
    }

    /// <summary>True when <paramref name="ca"/>'s key made <paramref name="certificate"/>'s signature (a one-certificate chain with the CA as the only trust anchor).</summary>
    public static bool SignedBy(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        return chain.Build(certificate) && chain.ChainElements.Count == 2;
    }

    /// <summary>
    /// Loads the CA from <paramref name="directory"/>, or creates it there when the directory has
    /// none of its files. A folder made before gen2 existed gains its EC CAs on first use.
    /// </summary>
    public static TestCa OpenOrCreate(string directory, DateTimeOffset now)
    {
        Directory.CreateDirectory(directory);
        string Path(string name) => System.IO.Path.Combine(directory, name);
        if (!File.Exists(Path(SignCaCertificateFile)))
        {
            TestCa made = Create(now);
            made.Save(directory);
            return made;
        }
        return new TestCa(
            X509Certificate2.CreateFromPem(File.ReadAllText(Path(SignCaCertificateFile))), LoadKey(Path(SignCaKeyFile)),
            X509Certificate2.CreateFromPem(File.ReadAllText(Path(AuthCaCertificateFile))), LoadKey(Path(AuthCaKeyFile)),
            LoadKey(Path(IssuerKeyFile)), TestCaGen2.OpenOrCreate(directory, now));
    }

    /// <summary>A fresh hierarchy in memory, valid 20 years from <paramref name="now"/>.</summary>
    public static TestCa Create(DateTimeOffset now)
    {
        RSA signKey = RSA.Create(2048);
        RSA authKey = RSA.Create(2048);
        return new TestCa(
            SelfSigned("JPKI for digital signature", signKey, now), signKey,
            SelfSigned("JPKI for user authentication", authKey, now), authKey,
            RSA.Create(2048), TestCaGen2.Create(now));
    }

    public void Save(string directory)
    {
        string Path(string name) => System.IO.Path.Combine(directory, name);
        PemFile.Write(Path(SignCaCertificateFile), SignCa.ExportCertificatePem());
        PemFile.Write(Path(SignCaKeyFile), SignCaKey.ExportPkcs8PrivateKeyPem());
        PemFile.Write(Path(AuthCaCertificateFile), AuthCa.ExportCertificatePem());
        PemFile.Write(Path(AuthCaKeyFile), AuthCaKey.ExportPkcs8PrivateKeyPem());
        PemFile.Write(Path(IssuerKeyFile), IssuerKey.ExportPkcs8PrivateKeyPem());
        PemFile.Write(Path(IssuerPublicKeyFile), IssuerKey.ExportSubjectPublicKeyInfoPem());
        Gen2.Save(directory);
    }

    /// <summary>Subject shaped like J-LIS's CAs (docs/references.md §4.9), marked as a NanoCard test CA.</summary>
    private static X509Certificate2 SelfSigned(string purpose, RSA key, DateTimeOffset now)
    {
        var request = new CertificateRequest(CaName(purpose), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return CaExtensions(request).CreateSelfSigned(now.AddDays(-1), now.AddYears(20));
    }

    internal static X500DistinguishedName CaName(string purpose) => new($"OU=NanoCard test CA, OU={purpose}, O=JPKI, C=JP");

    internal static CertificateRequest CaExtensions(CertificateRequest request)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    private static RSA LoadKey(string path)
    {
        RSA key = RSA.Create();
        key.ImportFromPem(File.ReadAllText(path));
        return key;
    }
}
