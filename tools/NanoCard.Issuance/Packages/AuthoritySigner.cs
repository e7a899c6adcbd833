using System.Security.Cryptography;

namespace NanoCard.Issuance.Packages;

/// <summary>
/// The test signing key of an authority that installs an AP after issuance — the police agency
/// for the licence AP, the municipality for its APs (docs/persona.md, "Test CA"): ECDSA P-256,
/// signatures r ‖ s (IEEE P1363) over SHA-256. Kept in the CA folder as <c>NAME.key.pem</c> and
/// <c>NAME.pub.pem</c>, made on first use; a reader needs only the public half.
/// </summary>
public static class AuthoritySigner
{
    public const string Police = "licence-signer";
    public const string Municipality = "municipal-signer";

    public const int SignatureLength = 64;

    public static ECDsa OpenOrCreate(string directory, string name)
    {
        string key = Path.Combine(directory, name + ".key.pem");
        var ecdsa = ECDsa.Create();
        if (File.Exists(key))
        {
            ecdsa.ImportFromPem(File.ReadAllText(key));
            return ecdsa;
        }
        ecdsa.GenerateKey(ECCurve.NamedCurves.nistP256);
        Directory.CreateDirectory(directory);
        PemFile.Write(key, ecdsa.ExportPkcs8PrivateKeyPem());
        PemFile.Write(Path.Combine(directory, name + ".pub.pem"), ecdsa.ExportSubjectPublicKeyInfoPem());
        return ecdsa;
    }

    /// <summary>The authority's public key from the CA folder, or null when the folder has none.</summary>
    public static ECDsa? PublicKey(string directory, string name)
    {
        string path = Path.Combine(directory, name + ".pub.pem");
        if (!File.Exists(path))
        {
            return null;
        }
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(File.ReadAllText(path));
        return ecdsa;
    }

    public static byte[] Sign(ECDsa key, params byte[][] parts) =>
        key.SignData(Tlv.Concat(parts), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public static bool Verify(ECDsa key, byte[] signature, params byte[][] parts) =>
        signature.Length == SignatureLength
        && key.VerifyData(Tlv.Concat(parts), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
}
