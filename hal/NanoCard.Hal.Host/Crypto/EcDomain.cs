using System.Numerics;
using System.Security.Cryptography;
using NanoCard.Hal.Crypto;

namespace NanoCard.Hal.Host.Crypto;

/// <summary>
/// What the host ECDSA needs to know of a curve beyond .NET's named curve: the field prime p and
/// the group order n (FIPS 186-4 §D.1.2.3 P-256, §D.1.2.4 P-384), and the paired hash.
/// Both orders are a whole number of bytes long (qlen = 256, 384), which RFC 6979's bits2int
/// relies on below: taking the leftmost qlen bits of a string is taking its first rlen bytes.
/// </summary>
internal sealed class EcDomain
{
    public static readonly EcDomain P256 = new(
        EcCurve.P256,
        ECCurve.NamedCurves.nistP256,
        "FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF",
        "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

    public static readonly EcDomain P384 = new(
        EcCurve.P384,
        ECCurve.NamedCurves.nistP384,
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFF0000000000000000FFFFFFFF",
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973");

    private EcDomain(byte id, ECCurve curve, string primeHex, string orderHex)
    {
        Id = id;
        Curve = curve;
        FieldLength = EcCurve.FieldLengthOf(id);
        Hash = EcCurve.HashOf(id);
        Prime = BigEndian.ToInteger(Convert.FromHexString(primeHex));
        Order = BigEndian.ToInteger(Convert.FromHexString(orderHex));
    }

    public byte Id { get; }

    public ECCurve Curve { get; }

    /// <summary>rlen = 32 or 48 bytes (field and order alike for these curves).</summary>
    public int FieldLength { get; }

    /// <summary>The hash paired with the curve, used for the RFC 6979 HMAC.</summary>
    public byte Hash { get; }

    public BigInteger Prime { get; }

    public BigInteger Order { get; }

    /// <summary>The domain of a HAL curve identifier; ArgumentException for an unknown one.</summary>
    public static EcDomain Of(byte curve) => curve switch
    {
        EcCurve.P256 => P256,
        EcCurve.P384 => P384,
        _ => throw new ArgumentException("Unknown curve " + curve + ".", nameof(curve)),
    };

    /// <summary>
    /// bits2int (RFC 6979 §2.3.2) with qlen = 8·rlen: the leftmost qlen bits of a string as an
    /// integer. It is also FIPS 186-4 §6.4's z, the leftmost min(N, outlen) bits of the hash.
    /// </summary>
    public BigInteger Bits2Int(ReadOnlySpan<byte> bits) =>
        BigEndian.ToInteger(bits.Length > FieldLength ? bits.Slice(0, FieldLength) : bits);
}
