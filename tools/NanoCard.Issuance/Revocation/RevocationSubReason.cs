using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace NanoCard.Issuance.Revocation;

/// <summary>The value of the nanoCardRevocationSubReason CRL entry extension: what an affiliationChanged revocation means.</summary>
public enum RevocationSubReason
{
    Unspecified = 0,
    Death = 1,
    Emigration = 2,
}

/// <summary>
/// <c>nanoCardRevocationSubReason</c>, a private CRL entry extension (RFC 5280 §5.3) refining
/// reasonCode affiliationChanged: <c>SubReason ::= ENUMERATED { unspecified(0), death(1),
/// emigration(2) }</c>. Non-critical, so a client that does not know it still reads the entry as
/// affiliationChanged. The OID sits in a NanoCard test arc, 1.2.392.200149.8.5.99: it is not
/// assigned by J-LIS, and a real deployment would need an arc of its own.
/// </summary>
public static class SubReasonExtension
{
    public const string Oid = "1.2.392.200149.8.5.99.1";
    public const string Name = "nanoCardRevocationSubReason";

    public static X509Extension Create(RevocationSubReason subReason)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteEnumeratedValue(subReason);
        return new X509Extension(Oid, writer.Encode(), critical: false);
    }

    /// <summary>The extension's value; a value this version does not know reads as <see cref="RevocationSubReason.Unspecified"/>.</summary>
    public static RevocationSubReason Decode(ReadOnlyMemory<byte> value)
    {
        var reader = new AsnReader(value, AsnEncodingRules.DER);
        ReadOnlySpan<byte> number = reader.ReadEnumeratedBytes().Span;
        reader.ThrowIfNotEmpty();
        return number.Length == 1 && Enum.IsDefined((RevocationSubReason)number[0]) ? (RevocationSubReason)number[0] : RevocationSubReason.Unspecified;
    }
}
