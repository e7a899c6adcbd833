using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NanoCard.Issuance.Revocation;

/// <summary>
/// A DER X.509 CRL (RFC 5280 §5) read back: issuer, dates, CRL number, entries with their
/// reasons (death recognised from <see cref="SubReasonExtension"/>), and a check of its signature.
/// A CRL that is not well formed, or that has a critical extension this reader does not know
/// (§5.2, §5.3: such a CRL must not be used), is a <see cref="RevocationException"/>.
/// </summary>
public sealed class CrlReader
{
    private const string ReasonCodeOid = "2.5.29.21";
    private const string CrlNumberOid = "2.5.29.20";
    private const string AuthorityKeyIdentifierOid = "2.5.29.35";

    private readonly byte[] tbs;
    private readonly byte[] signature;

    private CrlReader(byte[] tbs, byte[] signature, string signatureAlgorithm, X500DistinguishedName issuer,
        DateTimeOffset thisUpdate, DateTimeOffset? nextUpdate, BigInteger? number, IReadOnlyList<CrlEntry> entries)
    {
        this.tbs = tbs;
        this.signature = signature;
        SignatureAlgorithm = signatureAlgorithm;
        Issuer = issuer;
        ThisUpdate = thisUpdate;
        NextUpdate = nextUpdate;
        Number = number;
        Entries = entries;
    }

    /// <summary>The OID of the signature algorithm, e.g. 1.2.840.113549.1.1.11 (sha256WithRSAEncryption).</summary>
    public string SignatureAlgorithm { get; }
    public X500DistinguishedName Issuer { get; }
    public DateTimeOffset ThisUpdate { get; }
    public DateTimeOffset? NextUpdate { get; }
    /// <summary>The cRLNumber extension; null when the CRL has none.</summary>
    public BigInteger? Number { get; }
    public IReadOnlyList<CrlEntry> Entries { get; }

    public static CrlReader Parse(ReadOnlyMemory<byte> der)
    {
        try
        {
            return Read(der);
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException or OverflowException)
        {
            throw new RevocationException($"not a well-formed CRL: {e.Message}");
        }
    }

    /// <summary>
    /// True when <paramref name="ca"/> is the CRL's issuer and its key signed it: RSA PKCS#1 v1.5
    /// or ECDSA (the DER <c>SEQUENCE { r, s }</c> of RFC 3279) with SHA-256, -384 or -512.
    /// </summary>
    public bool VerifySignature(X509Certificate2 ca)
    {
        if (!ca.SubjectName.RawData.AsSpan().SequenceEqual(Issuer.RawData))
        {
            return false;
        }
        switch (SignatureAlgorithm)
        {
            case "1.2.840.113549.1.1.11": return VerifyRsa(ca, HashAlgorithmName.SHA256);
            case "1.2.840.113549.1.1.12": return VerifyRsa(ca, HashAlgorithmName.SHA384);
            case "1.2.840.113549.1.1.13": return VerifyRsa(ca, HashAlgorithmName.SHA512);
            case "1.2.840.10045.4.3.2": return VerifyEcdsa(ca, HashAlgorithmName.SHA256);
            case "1.2.840.10045.4.3.3": return VerifyEcdsa(ca, HashAlgorithmName.SHA384);
            case "1.2.840.10045.4.3.4": return VerifyEcdsa(ca, HashAlgorithmName.SHA512);
            default: return false;
        }
    }

    private bool VerifyRsa(X509Certificate2 ca, HashAlgorithmName hash)
    {
        using RSA? key = ca.GetRSAPublicKey();
        return key is not null && key.VerifyData(tbs, signature, hash, RSASignaturePadding.Pkcs1);
    }

    private bool VerifyEcdsa(X509Certificate2 ca, HashAlgorithmName hash)
    {
        using ECDsa? key = ca.GetECDsaPublicKey();
        return key is not null && key.VerifyData(tbs, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
    }

    private static CrlReader Read(ReadOnlyMemory<byte> der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        AsnReader crl = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        byte[] tbsBytes = crl.PeekEncodedValue().ToArray();
        AsnReader tbs = crl.ReadSequence();
        string algorithm = ReadAlgorithm(crl);
        byte[] signature = crl.ReadBitString(out int unused);
        crl.ThrowIfNotEmpty();
        if (unused != 0)
        {
            throw new RevocationException("not a well-formed CRL: the signature is not a whole number of bytes");
        }

        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer) && (!tbs.TryReadInt32(out int version) || version != 1))
        {
            throw new RevocationException("not a version 2 CRL");
        }
        if (ReadAlgorithm(tbs) != algorithm)
        {
            throw new RevocationException("the CRL names two different signature algorithms");
        }
        var issuer = new X500DistinguishedName(tbs.ReadEncodedValue().Span);
        DateTimeOffset thisUpdate = ReadTime(tbs);
        DateTimeOffset? nextUpdate = tbs.HasData && IsTime(tbs.PeekTag()) ? ReadTime(tbs) : null;
        var entries = new List<CrlEntry>();
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            AsnReader list = tbs.ReadSequence();
            while (list.HasData)
            {
                entries.Add(ReadEntry(list.ReadSequence()));
            }
        }
        BigInteger? number = null;
        if (tbs.HasData)
        {
            AsnReader explicitExtensions = tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
            foreach ((string oid, bool critical, ReadOnlyMemory<byte> value) in ReadExtensions(explicitExtensions))
            {
                if (oid == CrlNumberOid)
                {
                    var reader = new AsnReader(value, AsnEncodingRules.DER);
                    number = reader.ReadInteger();
                    reader.ThrowIfNotEmpty();
                }
                else if (critical && oid != AuthorityKeyIdentifierOid)
                {
                    throw new RevocationException($"the CRL has a critical extension {oid} this reader does not know");
                }
            }
            explicitExtensions.ThrowIfNotEmpty();
        }
        tbs.ThrowIfNotEmpty();
        return new CrlReader(tbsBytes, signature, algorithm, issuer, thisUpdate, nextUpdate, number, entries);
    }

    private static CrlEntry ReadEntry(AsnReader entry)
    {
        string serial = Convert.ToHexString(entry.ReadIntegerBytes().Span);
        DateTimeOffset revokedAt = ReadTime(entry);
        int reasonCode = (int)X509RevocationReason.Unspecified; // §5.3.1: no reasonCode means unspecified
        RevocationSubReason? subReason = null;
        if (entry.HasData)
        {
            foreach ((string oid, bool critical, ReadOnlyMemory<byte> value) in ReadExtensions(entry))
            {
                if (oid == ReasonCodeOid)
                {
                    var reader = new AsnReader(value, AsnEncodingRules.DER);
                    reasonCode = (int)new BigInteger(reader.ReadEnumeratedBytes().Span, isBigEndian: true);
                    reader.ThrowIfNotEmpty();
                }
                else if (oid == SubReasonExtension.Oid)
                {
                    subReason = SubReasonExtension.Decode(value);
                }
                else if (critical)
                {
                    throw new RevocationException($"CRL entry {serial} has a critical extension {oid} this reader does not know");
                }
            }
        }
        entry.ThrowIfNotEmpty();
        return new CrlEntry(serial, revokedAt, RevocationReasons.FromCrl(reasonCode, subReason));
    }

    private static List<(string Oid, bool Critical, ReadOnlyMemory<byte> Value)> ReadExtensions(AsnReader parent)
    {
        var extensions = new List<(string, bool, ReadOnlyMemory<byte>)>();
        AsnReader list = parent.ReadSequence();
        while (list.HasData)
        {
            AsnReader extension = list.ReadSequence();
            string oid = extension.ReadObjectIdentifier();
            bool critical = extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && extension.ReadBoolean();
            extensions.Add((oid, critical, extension.ReadOctetString()));
            extension.ThrowIfNotEmpty();
        }
        return extensions;
    }

    private static string ReadAlgorithm(AsnReader reader)
    {
        AsnReader algorithm = reader.ReadSequence();
        return algorithm.ReadObjectIdentifier();
    }

    private static bool IsTime(Asn1Tag tag)
        => tag.HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.UtcTime)) || tag.HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.GeneralizedTime));

    private static DateTimeOffset ReadTime(AsnReader reader)
        => reader.PeekTag().HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.UtcTime))
            ? reader.ReadUtcTime()
            : reader.ReadGeneralizedTime();
}
