using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NanoCard.Issuance;

/// <summary>
/// A CA of the test hierarchy as certificate issuance uses it: its name (the base of its files in
/// the CA folder, also the name of its CRL), its certificate, and how it signs (RSA PKCS#1 v1.5
/// with SHA-256, or ECDSA P-384 with SHA-384).
/// </summary>
public sealed record IssuingCa(string Name, X509Certificate2 Certificate, X509SignatureGenerator Generator, HashAlgorithmName Hash)
{
    public static IssuingCa Rsa(string name, X509Certificate2 certificate, RSA key)
        => new(name, certificate, X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1), HashAlgorithmName.SHA256);

    public static IssuingCa Ec(CaKey ca) => new(ca.Name, ca.Certificate, ca.Generator, HashAlgorithmName.SHA384);
}
