using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NanoCard.Issuance.Ocsp;

/// <summary>
/// One certificate an OCSP request asks about (RFC 6960 §4.1.1): <c>CertID ::= SEQUENCE {
/// hashAlgorithm, issuerNameHash, issuerKeyHash, serialNumber }</c>. <see cref="Der"/> is the
/// CertID as the client sent it, which the response repeats.
/// </summary>
public sealed record CertId(byte[] Der, HashAlgorithmName Hash, byte[] IssuerNameHash, byte[] IssuerKeyHash, byte[] Serial)
{
    /// <summary>The serial number as the CA folder writes it: upper-case hex, no sign byte added.</summary>
    public string SerialHex => Convert.ToHexString(Serial);

    /// <summary>True when <paramref name="ca"/> is the issuer this CertID names: the hashes of its subject and of its public key.</summary>
    public bool NamesIssuer(X509Certificate2 ca)
        => CryptographicOperations.FixedTimeEquals(HashOf(ca.SubjectName.RawData), IssuerNameHash)
            && CryptographicOperations.FixedTimeEquals(HashOf(ca.PublicKey.EncodedKeyValue.RawData), IssuerKeyHash);

    private byte[] HashOf(byte[] data) => CryptographicOperations.HashData(Hash, data);
}

/// <summary>
/// An OCSP request (RFC 6960 §4.1.1) as the responder needs it: the CertIDs and the nonce
/// extension (§4.4.1), whose whole Extension the response repeats. A signed request's signature is
/// not checked: the responder answers anyone (§4.1.2 makes it optional).
/// </summary>
public sealed class OcspRequest
{
    public const string NonceOid = "1.3.6.1.5.5.7.48.1.2";

    private static readonly Dictionary<string, HashAlgorithmName> Hashes = new()
    {
        ["1.3.14.3.2.26"] = HashAlgorithmName.SHA1,
        ["2.16.840.1.101.3.4.2.1"] = HashAlgorithmName.SHA256,
        ["2.16.840.1.101.3.4.2.2"] = HashAlgorithmName.SHA384,
        ["2.16.840.1.101.3.4.2.3"] = HashAlgorithmName.SHA512,
    };

    private OcspRequest(IReadOnlyList<CertId> certificates, X509Extension? nonce)
    {
        Certificates = certificates;
        Nonce = nonce;
    }

    public IReadOnlyList<CertId> Certificates { get; }

    public X509Extension? Nonce { get; }

    /// <summary>Reads DER; <see cref="AsnContentException"/> or <see cref="CryptographicException"/> when it is not an OCSP request this responder can answer.</summary>
    public static OcspRequest Parse(ReadOnlyMemory<byte> der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        AsnReader request = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        AsnReader tbs = request.ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
        {
            AsnReader version = tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0));
            if (!version.ReadInteger().IsZero)
            {
                throw new AsnContentException("only OCSP v1 requests");
            }
        }
        if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1)))
        {
            tbs.ReadEncodedValue(); // requestorName
        }
        var certificates = new List<CertId>();
        AsnReader list = tbs.ReadSequence();
        while (list.HasData)
        {
            AsnReader single = list.ReadSequence();
            certificates.Add(ReadCertId(single.ReadEncodedValue()));
            // singleRequestExtensions: none is critical for this responder's answer.
        }
        X509Extension? nonce = null;
        if (tbs.HasData)
        {
            AsnReader extensions = tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 2)).ReadSequence();
            while (extensions.HasData)
            {
                X509Extension extension = ReadExtension(extensions.ReadSequence());
                if (extension.Oid!.Value == NonceOid)
                {
                    nonce = extension;
                }
                else if (extension.Critical)
                {
                    throw new AsnContentException($"critical request extension {extension.Oid.Value} is not supported");
                }
            }
        }
        tbs.ThrowIfNotEmpty();
        if (certificates.Count == 0)
        {
            throw new AsnContentException("the request asks about no certificate");
        }
        return new OcspRequest(certificates, nonce);
    }

    private static CertId ReadCertId(ReadOnlyMemory<byte> der)
    {
        AsnReader id = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        AsnReader algorithm = id.ReadSequence();
        string oid = algorithm.ReadObjectIdentifier();
        if (!Hashes.TryGetValue(oid, out HashAlgorithmName hash))
        {
            throw new CryptographicException($"CertID hash algorithm {oid} is not supported");
        }
        byte[] nameHash = id.ReadOctetString();
        byte[] keyHash = id.ReadOctetString();
        byte[] serial = id.ReadIntegerBytes().ToArray();
        id.ThrowIfNotEmpty();
        return new CertId(der.ToArray(), hash, nameHash, keyHash, serial);
    }

    private static X509Extension ReadExtension(AsnReader extension)
    {
        string oid = extension.ReadObjectIdentifier();
        bool critical = extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && extension.ReadBoolean();
        byte[] value = extension.ReadOctetString();
        extension.ThrowIfNotEmpty();
        return new X509Extension(oid, value, critical);
    }
}
