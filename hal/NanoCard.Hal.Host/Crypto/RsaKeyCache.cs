using System.Numerics;
using System.Security.Cryptography;
using NanoCard.Hal.Crypto;

namespace NanoCard.Hal.Host.Crypto;

/// <summary>
/// Each thread's RSA work for the last few keys it used. A card makes its RSA key slots again at
/// every power-up (the store keeps p and q sealed, docs/security.md), and BigInteger's modular
/// inverses for dP, dQ and qInv took most of a power-up; a DigestInfo signature went to OpenSSL
/// through an RSA object rebuilt each time, with d inverted again, several times OpenSSL's own
/// signing. A key is known by its p, q and e, compared in fixed time. Holds keys only as the
/// slots and .NET's RSA objects hold them, and zeroes what it drops.
/// </summary>
internal static class RsaKeyCache
{
    private const int Entries = 32; // more than the RSA keys of a gen1 and a gen2 card and a test's few more

    [ThreadStatic]
    private static Entry?[]? entries;

    [ThreadStatic]
    private static int next;

    /// <summary>Copies dP, dQ and qInv of a key this thread has seen into <paramref name="key"/>, whose p, q and e are set.</summary>
    public static bool TryCopyCrt(RsaKey key)
    {
        Entry? entry = Find(key);
        if (entry is null)
        {
            return false;
        }
        entry.DP.CopyTo(key.DP, 0);
        entry.DQ.CopyTo(key.DQ, 0);
        entry.QInv.CopyTo(key.QInv, 0);
        return true;
    }

    /// <summary>Keeps the CRT form of <paramref name="key"/> (whole) for the next power-up.</summary>
    public static void Remember(RsaKey key)
    {
        if (Find(key) is null)
        {
            Add(key);
        }
    }

    /// <summary>This thread's OpenSSL RSA object for <paramref name="key"/> (whole); the cache owns it.</summary>
    public static RSA For(RsaKey key)
    {
        Entry entry = Find(key) ?? Add(key);
        return entry.Rsa ??= Build(entry);
    }

    private static Entry? Find(RsaKey key)
    {
        entries ??= new Entry?[Entries];
        foreach (Entry? e in entries)
        {
            if (e is not null && e.PublicExponent == key.PublicExponent
                && CryptographicOperations.FixedTimeEquals(e.P, key.P) && CryptographicOperations.FixedTimeEquals(e.Q, key.Q))
            {
                return e;
            }
        }
        return null;
    }

    private static Entry Add(RsaKey key)
    {
        entries ??= new Entry?[Entries];
        entries[next]?.Dispose();
        var made = new Entry(key);
        entries[next] = made;
        next = (next + 1) % Entries;
        return made;
    }

    private static RSA Build(Entry entry)
    {
        BigInteger p = BigEndian.ToInteger(entry.P);
        BigInteger q = BigEndian.ToInteger(entry.Q);
        var parameters = new RSAParameters
        {
            Modulus = entry.Modulus,
            Exponent = new BigInteger(entry.PublicExponent).ToByteArray(isUnsigned: true, isBigEndian: true),
            D = new byte[RsaKey.ModulusLength],
            P = entry.P,
            Q = entry.Q,
            DP = entry.DP,
            DQ = entry.DQ,
            InverseQ = entry.QInv,
        };
        BigEndian.Write(BigEndian.ModInverse(entry.PublicExponent, (p - 1) * (q - 1)), parameters.D);
        try
        {
            // RSAOpenSsl on Linux, so that OpenSslRsa can use its key for blocks .NET would not sign.
            RSA rsa = OperatingSystem.IsLinux() ? new RSAOpenSsl() : RSA.Create();
            rsa.ImportParameters(parameters);
            return rsa;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    private sealed class Entry(RsaKey key) : IDisposable
    {
        public int PublicExponent { get; } = key.PublicExponent;

        public byte[] Modulus { get; } = (byte[])key.Modulus.Clone();

        public byte[] P { get; } = (byte[])key.P.Clone();

        public byte[] Q { get; } = (byte[])key.Q.Clone();

        public byte[] DP { get; } = (byte[])key.DP.Clone();

        public byte[] DQ { get; } = (byte[])key.DQ.Clone();

        public byte[] QInv { get; } = (byte[])key.QInv.Clone();

        public RSA? Rsa { get; set; }

        public void Dispose()
        {
            Rsa?.Dispose();
            foreach (byte[] secret in new[] { P, Q, DP, DQ, QInv })
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }
    }
}
