using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NanoCard.Issuance.Revocation;

/// <summary>
/// The files of the issuing CAs in a CA folder, by base name: CA <c>jpki-sign-ca</c> is
/// <c>jpki-sign-ca.crt.pem</c> (its certificate), <c>jpki-sign-ca.key.pem</c> (its PKCS#8 key,
/// RSA or EC as the certificate says) and <c>jpki-sign-ca.crl</c> (its latest CRL, DER).
/// </summary>
public static class CaFiles
{
    public static string CertificatePath(string caDir, string caName) => Path.Combine(caDir, caName + ".crt.pem");
    public static string KeyPath(string caDir, string caName) => Path.Combine(caDir, caName + ".key.pem");
    public static string CrlPath(string caDir, string caName) => Path.Combine(caDir, caName + ".crl");

    public static X509Certificate2 LoadCertificate(string caDir, string caName)
    {
        string path = CertificatePath(caDir, caName);
        if (!File.Exists(path))
        {
            throw new RevocationException($"CA '{caName}' has no certificate {path}");
        }
        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(path));
        }
        catch (CryptographicException e)
        {
            throw new RevocationException($"{path}: {e.Message}");
        }
    }

    /// <summary>The CA's certificate with its private key, which must be the certificate's key.</summary>
    public static X509Certificate2 LoadSigner(string caDir, string caName)
    {
        using X509Certificate2 certificate = LoadCertificate(caDir, caName);
        string path = KeyPath(caDir, caName);
        if (!File.Exists(path))
        {
            throw new RevocationException($"CA '{caName}' has no key {path}");
        }
        try
        {
            string pem = File.ReadAllText(path);
            if (certificate.GetRSAPublicKey() is not null)
            {
                using RSA rsa = RSA.Create();
                rsa.ImportFromPem(pem);
                return certificate.CopyWithPrivateKey(rsa);
            }
            if (certificate.GetECDsaPublicKey() is not null)
            {
                using ECDsa ecdsa = ECDsa.Create();
                ecdsa.ImportFromPem(pem);
                return certificate.CopyWithPrivateKey(ecdsa);
            }
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new RevocationException($"{path} is not the key of {CertificatePath(caDir, caName)}: {e.Message}");
        }
        throw new RevocationException($"CA '{caName}' has neither an RSA nor an EC key");
    }

    /// <summary>The base name of the CA in the folder whose subject is <paramref name="issuer"/>; null when none is.</summary>
    public static string? FindByIssuer(string caDir, X500DistinguishedName issuer)
    {
        foreach (string path in Directory.EnumerateFiles(caDir, "*.crt.pem").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(path)[..^".crt.pem".Length];
            using X509Certificate2 certificate = LoadCertificate(caDir, name);
            if (certificate.SubjectName.RawData.AsSpan().SequenceEqual(issuer.RawData))
            {
                return name;
            }
        }
        return null;
    }
}
