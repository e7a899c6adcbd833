using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NanoCard.Issuance;

/// <summary>
/// The EC part of the test CA, for gen2 cards (docs/references.md §8, points 1, 6, 7): P-384 twins of
/// the JPKI signing and authentication CAs, the card CA that certifies the card authentication key
/// (common AP) and the JPKI AP authentication key, and the issuer's P-384 key for AP data.
/// Files: <c>NAME.crt.pem</c> and <c>NAME.key.pem</c> for each CA, <c>issuer-ec.key.pem</c>/<c>.pub.pem</c>.
/// </summary>
public sealed class TestCaGen2
{
    public const string SignCaName = "jpki-sign-ca-ec";
    public const string AuthCaName = "jpki-auth-ca-ec";
    public const string CardCaName = "card-ca";
    public const string IssuerKeyFile = "issuer-ec.key.pem";
    public const string IssuerPublicKeyFile = "issuer-ec.pub.pem";

    private TestCaGen2(CaKey sign, CaKey auth, CaKey card, ECDsa issuer)
    {
        SignCa = sign;
        AuthCa = auth;
        CardCa = card;
        IssuerKey = issuer;
        Issuer = new EcIssuerSigner(issuer);
    }

    public CaKey SignCa { get; }
    public CaKey AuthCa { get; }
    /// <summary>Certifies the card authentication key and the JPKI AP authentication key.</summary>
    public CaKey CardCa { get; }
    public ECDsa IssuerKey { get; }
    public IssuerSigner Issuer { get; }

    public static TestCaGen2 Create(DateTimeOffset now) => new(
        CaKey.Create(SignCaName, "JPKI for digital signature (ECDSA)", now),
        CaKey.Create(AuthCaName, "JPKI for user authentication (ECDSA)", now),
        CaKey.Create(CardCaName, "card and AP authentication", now),
        ECDsa.Create(ECCurve.NamedCurves.nistP384));

    /// <summary>Loads the EC CAs from <paramref name="directory"/>; makes and saves them when none of their files is there.</summary>
    public static TestCaGen2 OpenOrCreate(string directory, DateTimeOffset now)
    {
        if (!File.Exists(Path.Combine(directory, IssuerKeyFile)) && !File.Exists(Path.Combine(directory, CardCaName + CaKey.CertificateSuffix)))
        {
            TestCaGen2 made = Create(now);
            made.Save(directory);
            return made;
        }
        var issuer = ECDsa.Create();
        issuer.ImportFromPem(File.ReadAllText(Path.Combine(directory, IssuerKeyFile)));
        return new TestCaGen2(CaKey.Load(directory, SignCaName), CaKey.Load(directory, AuthCaName), CaKey.Load(directory, CardCaName), issuer);
    }

    public void Save(string directory)
    {
        SignCa.Save(directory);
        AuthCa.Save(directory);
        CardCa.Save(directory);
        PemFile.Write(Path.Combine(directory, IssuerKeyFile), IssuerKey.ExportPkcs8PrivateKeyPem());
        PemFile.Write(Path.Combine(directory, IssuerPublicKeyFile), IssuerKey.ExportSubjectPublicKeyInfoPem());
    }
}

/// <summary>One self-signed P-384 CA: its name (the base of its file names), certificate and key.</summary>
public sealed class CaKey(string name, X509Certificate2 certificate, ECDsa key)
{
    public const string CertificateSuffix = ".crt.pem";
    public const string KeySuffix = ".key.pem";

    public string Name { get; } = name;
    public X509Certificate2 Certificate { get; } = certificate;
    public ECDsa Key { get; } = key;

    /// <summary>Signs certificates with ECDSA-SHA384.</summary>
    public X509SignatureGenerator Generator => X509SignatureGenerator.CreateForECDsa(Key);

    public static CaKey Create(string name, string purpose, DateTimeOffset now)
    {
        ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var request = TestCa.CaExtensions(new CertificateRequest(TestCa.CaName(purpose), key, HashAlgorithmName.SHA384));
        return new CaKey(name, request.CreateSelfSigned(now.AddDays(-1), now.AddYears(20)), key);
    }

    public static CaKey Load(string directory, string name)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(Path.Combine(directory, name + KeySuffix)));
        return new CaKey(name, X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(directory, name + CertificateSuffix))), key);
    }

    public void Save(string directory)
    {
        PemFile.Write(Path.Combine(directory, Name + CertificateSuffix), Certificate.ExportCertificatePem());
        PemFile.Write(Path.Combine(directory, Name + KeySuffix), Key.ExportPkcs8PrivateKeyPem());
    }
}
