using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NanoCard.Issuance;

/// <summary>
/// The test CA hierarchy a NanoCard is issued under (docs/persona.md, "Test CA"): two
/// self-signed RSA-2048 JPKI CAs, one for signing certificates and one for user-authentication
/// certificates, and the issuer's RSA-2048 key that signs the text and visual AP data and their
/// card-verifiable certificates. Kept in a directory as PEM files; made there when it is empty.
/// It is a test CA: nothing it signs chains to J-LIS.
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

    private TestCa(X509Certificate2 signCa, RSA signCaKey, X509Certificate2 authCa, RSA authCaKey, RSA issuerKey)
    {
        SignCa = signCa;
        SignCaKey = signCaKey;
        AuthCa = authCa;
        AuthCaKey = authCaKey;
        IssuerKey = issuerKey;
    }

    public X509Certificate2 SignCa { get; }
    public RSA SignCaKey { get; }
    public X509Certificate2 AuthCa { get; }
    public RSA AuthCaKey { get; }
    /// <summary>Signs AP data (text EF 0003, visual EF 0001/0002/0005) and the CV certificates.</summary>
    public RSA IssuerKey { get; }

    /// <summary>Loads the CA from <paramref name="directory"/>, or creates it there when the directory has none of its files.</summary>
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
            LoadKey(Path(IssuerKeyFile)));
    }

    /// <summary>A fresh hierarchy in memory, valid 20 years from <paramref name="now"/>.</summary>
    public static TestCa Create(DateTimeOffset now)
    {
        RSA signKey = RSA.Create(2048);
        RSA authKey = RSA.Create(2048);
        return new TestCa(
            SelfSigned("JPKI for digital signature", signKey, now), signKey,
            SelfSigned("JPKI for user authentication", authKey, now), authKey,
            RSA.Create(2048));
    }

    public void Save(string directory)
    {
        string Path(string name) => System.IO.Path.Combine(directory, name);
        File.WriteAllText(Path(SignCaCertificateFile), SignCa.ExportCertificatePem());
        File.WriteAllText(Path(SignCaKeyFile), SignCaKey.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path(AuthCaCertificateFile), AuthCa.ExportCertificatePem());
        File.WriteAllText(Path(AuthCaKeyFile), AuthCaKey.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path(IssuerKeyFile), IssuerKey.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path(IssuerPublicKeyFile), IssuerKey.ExportSubjectPublicKeyInfoPem());
    }

    /// <summary>Subject shaped like J-LIS's CAs (mynacard-interface.md §4.9), marked as a NanoCard test CA.</summary>
    private static X509Certificate2 SelfSigned(string purpose, RSA key, DateTimeOffset now)
    {
        var name = new X500DistinguishedName($"OU=NanoCard test CA, OU={purpose}, O=JPKI, C=JP");
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(20));
    }

    private static RSA LoadKey(string path)
    {
        RSA key = RSA.Create();
        key.ImportFromPem(File.ReadAllText(path));
        return key;
    }
}
