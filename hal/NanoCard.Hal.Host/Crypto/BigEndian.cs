using System.Numerics;

namespace NanoCard.Hal.Host.Crypto;

/// <summary>
/// Unsigned big-endian byte strings ↔ <see cref="BigInteger"/> (the OS2IP / I2OSP primitives of
/// RFC 8017 §4, int2octets of RFC 6979 §2.3.3) and the one modular inverse .NET lacks.
/// BigInteger is not constant time: this is desktop code (simulator, tests), see HostCrypto.
/// </summary>
internal static class BigEndian
{
    /// <summary>OS2IP: the non-negative integer a big-endian string denotes.</summary>
    public static BigInteger ToInteger(ReadOnlySpan<byte> bytes) =>
        new(bytes, isUnsigned: true, isBigEndian: true);

    /// <summary>I2OSP: writes <paramref name="value"/> left-padded with zeros to exactly destination.Length bytes.</summary>
    public static void Write(BigInteger value, Span<byte> destination)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "Negative integer.");
        }
        int count = value.GetByteCount(isUnsigned: true);
        if (value.IsZero)
        {
            count = 0;
        }
        if (count > destination.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "Integer too large for the destination.");
        }
        destination.Slice(0, destination.Length - count).Clear();
        if (count > 0)
        {
            value.TryWriteBytes(destination.Slice(destination.Length - count), out _, isUnsigned: true, isBigEndian: true);
        }
    }

    /// <summary>a⁻¹ mod m by the extended Euclidean algorithm; ArgumentException when gcd(a, m) ≠ 1.</summary>
    public static BigInteger ModInverse(BigInteger a, BigInteger m)
    {
        BigInteger r0 = m, r1 = BigInteger.Remainder(a, m);
        if (r1.Sign < 0)
        {
            r1 += m;
        }
        BigInteger t0 = BigInteger.Zero, t1 = BigInteger.One;
        while (!r1.IsZero)
        {
            BigInteger quotient = BigInteger.DivRem(r0, r1, out BigInteger remainder);
            (r0, r1) = (r1, remainder);
            (t0, t1) = (t1, t0 - quotient * t1);
        }
        if (!r0.IsOne)
        {
            throw new ArgumentException("Not invertible: gcd(a, m) ≠ 1.");
        }
        return t0.Sign < 0 ? t0 + m : t0;
    }
}
