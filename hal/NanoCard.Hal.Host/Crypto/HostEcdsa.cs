using System.Numerics;
using System.Security.Cryptography;
using NanoCard.Hal.Crypto;

namespace NanoCard.Hal.Host.Crypto;

/// <summary>
/// ECDSA on P-256/P-384 (FIPS 186-4 §6) over .NET/OpenSSL. Key generation and verification are
/// .NET's; signing is ours because .NET draws its own random k and the card must sign
/// deterministically (RFC 6979 §3.2). OpenSSL still does the point multiplication: k is imported
/// as a private key and its public point k·G read back, whose x gives r.
/// </summary>
internal static class HostEcdsa
{
    public static void Generate(EcKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        EcDomain domain = EcDomain.Of(key.Curve);
        using ECDsa ecdsa = ECDsa.Create(domain.Curve);
        ECParameters parameters = ecdsa.ExportParameters(includePrivateParameters: true);
        try
        {
            key.Clear();
            CopyLeftPadded(parameters.D!, key.PrivateScalar);
            key.PublicPoint[0] = 0x04; // SEC 1 §2.3.3 uncompressed point.
            CopyLeftPadded(parameters.Q.X!, key.PublicPoint.AsSpan(1, domain.FieldLength));
            CopyLeftPadded(parameters.Q.Y!, key.PublicPoint.AsSpan(1 + domain.FieldLength, domain.FieldLength));
            key.IsInitialized = true;
        }
        finally
        {
            if (parameters.D != null)
            {
                CryptographicOperations.ZeroMemory(parameters.D);
            }
        }
    }

    public static short Sign(EcKey key, byte[] hash, short hashOffset, short hashLength, byte[] signature, short sigOffset)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(signature);
        if (!key.IsInitialized)
        {
            throw new ArgumentException("The EC key slot is empty.", nameof(key));
        }
        if (hashLength <= 0)
        {
            throw new ArgumentException("Empty hash.", nameof(hashLength));
        }
        EcDomain domain = EcDomain.Of(key.Curve);
        int rlen = domain.FieldLength;
        ReadOnlySpan<byte> h = hash.AsSpan(hashOffset, hashLength);
        Span<byte> output = signature.AsSpan(sigOffset, 2 * rlen);
        BigInteger n = domain.Order;
        BigInteger d = BigEndian.ToInteger(key.PrivateScalar);
        // FIPS 186-4 §6.4 step 2 (the hash is given): z = leftmost min(N, outlen) bits of the hash.
        BigInteger z = domain.Bits2Int(h);
        byte[] kBytes = new byte[rlen];
        using var nonce = new Rfc6979Nonce(domain, key.PrivateScalar, h);
        try
        {
            while (true)
            {
                BigInteger k = nonce.Next();
                BigEndian.Write(k, kBytes);
                // r = x(k·G) mod n (FIPS 186-4 §6.4, SEC 1 §4.1.3 steps 1–3).
                BigInteger r = BigEndian.ToInteger(XOfMultipleOfG(domain, kBytes)) % n;
                if (r.IsZero)
                {
                    continue; // RFC 6979 §3.2 step h.3: try the next k.
                }
                // s = k⁻¹ (z + r·d) mod n.
                BigInteger s = BigEndian.ModInverse(k, n) * (z + r * d) % n;
                if (s.IsZero)
                {
                    continue;
                }
                BigEndian.Write(r, output.Slice(0, rlen));
                BigEndian.Write(s, output.Slice(rlen, rlen));
                return (short)(2 * rlen);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kBytes);
        }
    }

    public static bool Verify(byte curve, byte[] point, short pointOffset, short pointLength,
        byte[] hash, short hashOffset, short hashLength, byte[] signature, short sigOffset, short sigLength)
    {
        EcDomain domain = EcDomain.Of(curve); // unknown curve: a caller bug, ArgumentException
        int rlen = domain.FieldLength;
        if (point == null || hash == null || signature == null)
        {
            return false;
        }
        if (pointLength != 1 + 2 * rlen || sigLength != 2 * rlen || hashLength <= 0)
        {
            return false;
        }
        ReadOnlySpan<byte> q = point.AsSpan(pointOffset, pointLength);
        ReadOnlySpan<byte> h = hash.AsSpan(hashOffset, hashLength);
        ReadOnlySpan<byte> sig = signature.AsSpan(sigOffset, sigLength);
        if (q[0] != 0x04)
        {
            return false; // only the uncompressed form (SEC 1 §2.3.3)
        }
        ReadOnlySpan<byte> x = q.Slice(1, rlen);
        ReadOnlySpan<byte> y = q.Slice(1 + rlen, rlen);
        // SEC 1 §3.2.2.1 (partial public key validation): coordinates in [0, p-1]; OpenSSL checks
        // the curve equation on import. FIPS 186-4 §6.4.2 step 1: r and s in [1, n-1].
        if (BigEndian.ToInteger(x) >= domain.Prime || BigEndian.ToInteger(y) >= domain.Prime)
        {
            return false;
        }
        BigInteger r = BigEndian.ToInteger(sig.Slice(0, rlen));
        BigInteger s = BigEndian.ToInteger(sig.Slice(rlen, rlen));
        if (r.IsZero || s.IsZero || r >= domain.Order || s >= domain.Order)
        {
            return false;
        }
        try
        {
            var parameters = new ECParameters
            {
                Curve = domain.Curve,
                Q = new ECPoint { X = x.ToArray(), Y = y.ToArray() },
            };
            using ECDsa ecdsa = ECDsa.Create(parameters);
            return ecdsa.VerifyHash(h, sig, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            return false; // point not on the curve (or otherwise refused by OpenSSL)
        }
    }

    /// <summary>The affine x of k·G, rlen bytes: OpenSSL derives the public point of private key k.</summary>
    private static byte[] XOfMultipleOfG(EcDomain domain, byte[] k)
    {
        using ECDsa ecdsa = ECDsa.Create();
        ecdsa.ImportParameters(new ECParameters { Curve = domain.Curve, D = k });
        ECParameters parameters = ecdsa.ExportParameters(includePrivateParameters: false);
        return parameters.Q.X!;
    }

    private static void CopyLeftPadded(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        // .NET gives fixed-length values already; strip surplus leading zeros or pad, to be sure.
        while (source.Length > destination.Length && source[0] == 0)
        {
            source = source.Slice(1);
        }
        if (source.Length > destination.Length)
        {
            throw new CryptographicException("Value longer than the field.");
        }
        destination.Slice(0, destination.Length - source.Length).Clear();
        source.CopyTo(destination.Slice(destination.Length - source.Length));
    }
}
