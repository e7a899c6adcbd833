using System.Numerics;
using System.Security.Cryptography;
using NanoCard.Hal.Crypto;

namespace NanoCard.Hal.Host.Crypto;

/// <summary>
/// RSA-2048 with RSASSA-PKCS1-v1_5 (RFC 8017 §8.2) where the card pads a block the caller gives
/// (normally a DigestInfo). .NET's RSA only signs a hash it wraps itself and has no raw private
/// operation: a block that is a DigestInfo .NET knows goes to OpenSSL through SignHash (same
/// encoded message, so the same signature); any other block is padded here and goes to OpenSSL's
/// private operation without padding (<see cref="OpenSslRsa"/>, on Linux), or elsewhere is signed
/// here in CRT form (RFC 8017 §5.1.2, 2.b) with BigInteger. Key generation is .NET's (OpenSSL).
/// </summary>
internal static class HostRsa
{
    /// <summary>The largest block: k − 11 (RFC 8017 §9.2 step 3, at least 8 bytes of PS).</summary>
    public const int MaxBlockLength = RsaKey.ModulusLength - 11;

    public static void Generate(RsaKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        using RSA rsa = RSA.Create(2048);
        RSAParameters parameters = rsa.ExportParameters(includePrivateParameters: true);
        try
        {
            Load(key,
                BigEndian.ToInteger(parameters.P),
                BigEndian.ToInteger(parameters.Q),
                (int)BigEndian.ToInteger(parameters.Exponent));
        }
        finally
        {
            ZeroPrivate(parameters);
        }
    }

    public static void Import(RsaKey key, byte[] p, short pOffset, byte[] q, short qOffset, int publicExponent)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        Load(key,
            BigEndian.ToInteger(p.AsSpan(pOffset, RsaKey.PrimeLength)),
            BigEndian.ToInteger(q.AsSpan(qOffset, RsaKey.PrimeLength)),
            publicExponent);
    }

    /// <summary>
    /// Fills the slot from p, q, e (RFC 8017 §3.2, second representation): n = p·q,
    /// dP = e⁻¹ mod (p−1), dQ = e⁻¹ mod (q−1), qInv = q⁻¹ mod p, ordered so that p &gt; q.
    /// Primality is not tested (the caller's primes are trusted); shape errors throw ArgumentException.
    /// </summary>
    private static void Load(RsaKey key, BigInteger p, BigInteger q, int e)
    {
        if (e < 3 || (e & 1) == 0)
        {
            throw new ArgumentException("The public exponent must be odd and at least 3.", nameof(e));
        }
        if (p == q || p < 3 || q < 3 || p.IsEven || q.IsEven)
        {
            throw new ArgumentException("p and q must be distinct odd primes.");
        }
        if (p < q)
        {
            (p, q) = (q, p); // RsaKey keeps p > q
        }
        BigInteger n = p * q;
        if (n.GetBitLength() != 8 * RsaKey.ModulusLength)
        {
            throw new ArgumentException("p·q is not a 2048-bit modulus.");
        }
        key.Clear();
        BigEndian.Write(n, key.Modulus);
        BigEndian.Write(p, key.P);
        BigEndian.Write(q, key.Q);
        key.PublicExponent = e;
        if (!RsaKeyCache.TryCopyCrt(key))
        {
            BigEndian.Write(BigEndian.ModInverse(e, p - 1), key.DP); // throws if gcd(e, p−1) ≠ 1
            BigEndian.Write(BigEndian.ModInverse(e, q - 1), key.DQ);
            BigEndian.Write(BigEndian.ModInverse(q, p), key.QInv);
            RsaKeyCache.Remember(key);
        }
        key.IsInitialized = true;
    }

    public static short Sign(RsaKey key, byte[] block, short blockOffset, short blockLength, byte[] signature, short sigOffset)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(signature);
        if (!key.IsInitialized)
        {
            throw new ArgumentException("The RSA key slot is empty.", nameof(key));
        }
        if (blockLength < 0 || blockLength > MaxBlockLength)
        {
            throw new ArgumentException("The block must be 0 to " + MaxBlockLength + " bytes.", nameof(blockLength));
        }
        if (blockLength > 0)
        {
            ArgumentNullException.ThrowIfNull(block);
        }
        ReadOnlySpan<byte> t = blockLength == 0 ? default : block.AsSpan(blockOffset, blockLength);
        Span<byte> output = signature.AsSpan(sigOffset, RsaKey.ModulusLength);
        if (TrySignDigestInfo(key, t, output))
        {
            return RsaKey.ModulusLength;
        }

        Span<byte> em = stackalloc byte[RsaKey.ModulusLength];
        Encode(t, em);
        if (OperatingSystem.IsLinux() && RsaKeyCache.For(key) is RSAOpenSsl openSsl && OpenSslRsa.TrySignEncoded(openSsl, em, output))
        {
            return RsaKey.ModulusLength;
        }
        BigInteger m = BigEndian.ToInteger(em); // RFC 8017 §8.2.1 step 2a: OS2IP

        // RSASP1 with the CRT (RFC 8017 §5.2.1, §5.1.2 case 2.b):
        BigInteger p = BigEndian.ToInteger(key.P);
        BigInteger q = BigEndian.ToInteger(key.Q);
        BigInteger m1 = BigInteger.ModPow(m, BigEndian.ToInteger(key.DP), p);
        BigInteger m2 = BigInteger.ModPow(m, BigEndian.ToInteger(key.DQ), q);
        BigInteger h = (m1 - m2) * BigEndian.ToInteger(key.QInv) % p;
        if (h.Sign < 0)
        {
            h += p;
        }
        BigInteger s = m2 + q * h;

        // A wrong CRT half would give a signature that factors n (Boneh–DeMillo–Lipton): check s^e = m.
        BigInteger n = BigEndian.ToInteger(key.Modulus);
        if (BigInteger.ModPow(s, key.PublicExponent, n) != m)
        {
            throw new CryptographicException("RSA signature self-check failed.");
        }
        BigEndian.Write(s, output); // step 2c: I2OSP(s, k)
        return RsaKey.ModulusLength;
    }

    public static bool Verify(byte[] modulus, short modulusOffset, int publicExponent,
        byte[] block, short blockOffset, short blockLength, byte[] signature, short sigOffset, short sigLength)
    {
        if (modulus == null || signature == null || (block == null && blockLength != 0))
        {
            return false;
        }
        // RFC 8017 §8.2.2 step 1: the signature is exactly k = 256 bytes.
        if (sigLength != RsaKey.ModulusLength || blockLength < 0 || blockLength > MaxBlockLength)
        {
            return false;
        }
        if (publicExponent < 3 || (publicExponent & 1) == 0)
        {
            return false;
        }
        BigInteger n = BigEndian.ToInteger(modulus.AsSpan(modulusOffset, RsaKey.ModulusLength));
        if (n.IsEven || n.GetBitLength() != 8 * RsaKey.ModulusLength)
        {
            return false;
        }
        BigInteger s = BigEndian.ToInteger(signature.AsSpan(sigOffset, sigLength));
        if (s >= n)
        {
            return false; // RSAVP1 (§5.2.2 step 1): signature representative out of range
        }
        Span<byte> actual = stackalloc byte[RsaKey.ModulusLength];
        Span<byte> expected = stackalloc byte[RsaKey.ModulusLength];
        BigEndian.Write(BigInteger.ModPow(s, publicExponent, n), actual);
        Encode(blockLength == 0 ? default : block!.AsSpan(blockOffset, blockLength), expected);
        // Step 4: compare the whole encoded message, not a parse of it.
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>DigestInfo prefixes of RFC 8017 §9.2 note 1, with the hash each one announces.</summary>
    private static readonly (byte[] Prefix, HashAlgorithmName Hash, int HashLength)[] DigestInfos =
    [
        (Convert.FromHexString("3021300906052b0e03021a05000414"), HashAlgorithmName.SHA1, 20),
        (Convert.FromHexString("3031300d060960864801650304020105000420"), HashAlgorithmName.SHA256, 32),
        (Convert.FromHexString("3041300d060960864801650304020205000430"), HashAlgorithmName.SHA384, 48),
        (Convert.FromHexString("3051300d060960864801650304020305000440"), HashAlgorithmName.SHA512, 64),
    ];

    /// <summary>
    /// Signs <paramref name="t"/> with OpenSSL when it is exactly a known DigestInfo: SignHash builds
    /// the same EMSA-PKCS1-v1_5 message from the hash, and OpenSSL checks its CRT result itself.
    /// The key's RSA object is this thread's, kept by <see cref="RsaKeyCache"/>.
    /// </summary>
    private static bool TrySignDigestInfo(RsaKey key, ReadOnlySpan<byte> t, Span<byte> output)
    {
        foreach (var (prefix, hash, hashLength) in DigestInfos)
        {
            if (t.Length != prefix.Length + hashLength || !t.StartsWith(prefix))
            {
                continue;
            }
            return RsaKeyCache.For(key).TrySignHash(t[prefix.Length..], output, hash, RSASignaturePadding.Pkcs1, out int written)
                && written == RsaKey.ModulusLength;
        }
        return false;
    }

    /// <summary>EMSA-PKCS1-v1_5 steps 5–6 (RFC 8017 §9.2) on a given T: EM = 0x00 ‖ 0x01 ‖ PS ‖ 0x00 ‖ T, PS = 0xFF….</summary>
    private static void Encode(ReadOnlySpan<byte> t, Span<byte> em)
    {
        int psLength = em.Length - 3 - t.Length;
        em[0] = 0x00;
        em[1] = 0x01;
        em.Slice(2, psLength).Fill(0xFF);
        em[2 + psLength] = 0x00;
        t.CopyTo(em.Slice(3 + psLength));
    }

    private static void ZeroPrivate(RSAParameters parameters)
    {
        foreach (byte[]? secret in new[] { parameters.D, parameters.P, parameters.Q, parameters.DP, parameters.DQ, parameters.InverseQ })
        {
            if (secret != null)
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }
    }
}
