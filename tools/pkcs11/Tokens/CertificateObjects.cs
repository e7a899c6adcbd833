using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoCard.Pkcs11.Card;
using NanoCard.Pkcs11.Native;
using static NanoCard.Pkcs11.Tokens.AttributeBytes;

namespace NanoCard.Pkcs11.Tokens;

/// <summary>
/// The objects a certificate read from the card stands for: the certificate, its public key and,
/// for a card key, the private-key object (PKCS#11 v2.40 §4.6, §4.8–4.9, §2.3 RSA, §2.3.3 EC).
/// CKA_ID links the three; the public values all come from the certificate.
/// </summary>
public static class CertificateObjects
{
    private const string P256Oid = "1.2.840.10045.3.1.7";
    private const string P384Oid = "1.3.132.0.34";

    /// <summary>Certificate, public key and private key of a card key.</summary>
    public static IEnumerable<P11Object> ForKey(KeySpec key, byte[] der, Func<ulong> nextHandle)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(der);
        bool certificatePrivate = key.CertificateNeedsLogin;
        string name = key.Label.Replace(" Key ", " ", StringComparison.Ordinal);
        yield return Certificate(nextHandle(), certificate, der, key.Id, $"{name} Certificate", key.JapaneseLabel.Replace("鍵", "証明書", StringComparison.Ordinal), certificatePrivate, authority: false);

        Dictionary<ulong, byte[]> publicValues = PublicValues(certificate, key.IsEc, out int signatureLength, out int curveBytes);
        var pub = Common(Cko.PublicKey, key.Id, key.Label.Replace(" Key ", " Public Key ", StringComparison.Ordinal), key.JapaneseLabel + " 公開鍵", certificatePrivate);
        pub[Cka.KeyType] = Ulong(key.IsEc ? Ckk.Ec : Ckk.Rsa);
        pub[Cka.Subject] = certificate.SubjectName.RawData;
        pub[Cka.Verify] = Bool(true);
        pub[Cka.Encrypt] = Bool(false);
        pub[Cka.Wrap] = Bool(false);
        pub[Cka.VerifyRecover] = Bool(false);
        pub[Cka.Derive] = Bool(false);
        pub[Cka.Local] = Bool(true);
        pub[Cka.PublicKeyInfo] = certificate.PublicKey.ExportSubjectPublicKeyInfo();
        foreach (var (type, value) in publicValues)
        {
            pub[type] = value;
        }
        yield return new P11Object(nextHandle(), Cko.PublicKey, certificatePrivate, pub);

        var priv = Common(Cko.PrivateKey, key.Id, key.Label, key.JapaneseLabel, key.NeedsLogin);
        priv[Cka.KeyType] = Ulong(key.IsEc ? Ckk.Ec : Ckk.Rsa);
        priv[Cka.Subject] = certificate.SubjectName.RawData;
        priv[Cka.Sign] = Bool(true);
        priv[Cka.Decrypt] = Bool(false);
        priv[Cka.Unwrap] = Bool(false);
        priv[Cka.SignRecover] = Bool(false);
        priv[Cka.Derive] = Bool(false);
        priv[Cka.Sensitive] = Bool(true);
        priv[Cka.AlwaysSensitive] = Bool(true);
        priv[Cka.Extractable] = Bool(false);
        priv[Cka.NeverExtractable] = Bool(true);
        priv[Cka.Local] = Bool(true);
        priv[Cka.AlwaysAuthenticate] = Bool(false);
        priv[Cka.PublicKeyInfo] = pub[Cka.PublicKeyInfo];
        foreach (var (type, value) in publicValues)
        {
            priv[type] = value;
        }
        yield return new P11Object(nextHandle(), Cko.PrivateKey, key.NeedsLogin, priv)
        {
            Key = key,
            SignatureLength = signatureLength,
            CurveBytes = curveBytes,
        };
    }

    /// <summary>A CA certificate (no key on the card).</summary>
    public static P11Object ForCa(CaSpec ca, byte[] der, ulong handle)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(der);
        return Certificate(handle, certificate, der, ca.Id, ca.Label, ca.JapaneseLabel, isPrivate: false, authority: true);
    }

    private static P11Object Certificate(ulong handle, X509Certificate2 certificate, byte[] der, byte id, string label, string japanese, bool isPrivate, bool authority)
    {
        var values = Common(Cko.Certificate, id, label, japanese, isPrivate);
        values[Cka.CertificateType] = Ulong(Ckc.X509);
        values[Cka.Trusted] = Bool(false);
        values[Cka.CertificateCategory] = Ulong(authority ? 2UL : 1UL);
        values[Cka.Subject] = certificate.SubjectName.RawData;
        values[Cka.Issuer] = certificate.IssuerName.RawData;
        values[Cka.SerialNumber] = SerialNumberDer(der);
        values[Cka.Value] = der;
        return new P11Object(handle, Cko.Certificate, isPrivate, values);
    }

    private static Dictionary<ulong, byte[]> Common(ulong objectClass, byte id, string label, string japanese, bool isPrivate) => new()
    {
        [Cka.Class] = Ulong(objectClass),
        [Cka.Token] = Bool(true),
        [Cka.Private] = Bool(isPrivate),
        [Cka.Modifiable] = Bool(false),
        [Cka.Copyable] = Bool(false),
        [Cka.Destroyable] = Bool(false),
        [Cka.Label] = Text(label),
        [Cka.NanoCardJapaneseLabel] = Text(japanese),
        [Cka.Id] = [id],
    };

    private static Dictionary<ulong, byte[]> PublicValues(X509Certificate2 certificate, bool isEc, out int signatureLength, out int curveBytes)
    {
        if (!isEc)
        {
            using RSA rsa = certificate.GetRSAPublicKey() ?? throw new CryptographicException("not an RSA certificate");
            RSAParameters p = rsa.ExportParameters(false);
            signatureLength = p.Modulus!.Length;
            curveBytes = 0;
            return new()
            {
                [Cka.Modulus] = p.Modulus,
                [Cka.ModulusBits] = Ulong((ulong)p.Modulus.Length * 8),
                [Cka.PublicExponent] = p.Exponent!,
            };
        }
        byte[] parameters = certificate.PublicKey.EncodedParameters?.RawData ?? throw new CryptographicException("no curve parameters");
        string? curve = new AsnReader(parameters, AsnEncodingRules.DER).ReadObjectIdentifier();
        curveBytes = curve switch
        {
            P256Oid => 32,
            P384Oid => 48,
            _ => throw new CryptographicException($"unexpected curve {curve}"),
        };
        signatureLength = 2 * curveBytes;
        var point = new AsnWriter(AsnEncodingRules.DER);
        point.WriteOctetString(certificate.PublicKey.EncodedKeyValue.RawData);
        return new()
        {
            [Cka.EcParams] = parameters,
            [Cka.EcPoint] = point.Encode(),
        };
    }

    /// <summary>The certificate's serialNumber as its DER INTEGER (RFC 5280 §4.1), what CKA_SERIAL_NUMBER holds.</summary>
    private static byte[] SerialNumberDer(byte[] der)
    {
        AsnReader tbs = new AsnReader(der, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
        {
            tbs.ReadEncodedValue();
        }
        return tbs.ReadEncodedValue().ToArray();
    }
}
