using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NanoCard.Issuance.Revocation;

/// <summary>
/// How a CA of the folder signs what it publishes about its certificates (CRLs, OCSP responses):
/// SHA-256 with PKCS#1 v1.5 for an RSA CA; ECDSA with SHA-256, -384 or -512 as the curve asks for
/// P-256, P-384 and P-521.
/// </summary>
internal sealed class CaSigner : IDisposable
{
    private readonly AsymmetricAlgorithm key;
    private readonly X509SignatureGenerator generator;
    private readonly HashAlgorithmName hash;

    private CaSigner(AsymmetricAlgorithm key, X509SignatureGenerator generator, HashAlgorithmName hash)
    {
        this.key = key;
        this.generator = generator;
        this.hash = hash;
    }

    /// <param name="ca">The CA's certificate with its private key.</param>
    public static CaSigner For(X509Certificate2 ca)
    {
        if (ca.GetRSAPrivateKey() is RSA rsa)
        {
            return new CaSigner(rsa, X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1), HashAlgorithmName.SHA256);
        }
        if (ca.GetECDsaPrivateKey() is ECDsa ecdsa)
        {
            HashAlgorithmName hash = ecdsa.KeySize switch
            {
                > 384 => HashAlgorithmName.SHA512,
                > 256 => HashAlgorithmName.SHA384,
                _ => HashAlgorithmName.SHA256,
            };
            return new CaSigner(ecdsa, X509SignatureGenerator.CreateForECDsa(ecdsa), hash);
        }
        throw new RevocationException($"CA '{ca.Subject}' has no RSA or EC private key to sign with");
    }

    /// <summary>The DER AlgorithmIdentifier of the signature.</summary>
    public byte[] AlgorithmIdentifier => generator.GetSignatureAlgorithmIdentifier(hash);

    public byte[] Sign(byte[] data) => generator.SignData(data, hash);

    /// <summary>One Extension (RFC 5280 §4.1): extnID, critical only when true, extnValue.</summary>
    public static void WriteExtension(AsnWriter writer, X509Extension extension)
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

    public void Dispose() => key.Dispose();
}
