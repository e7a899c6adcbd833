using System.Security.Cryptography;
using NanoCard.Hal.Crypto;

namespace NanoCard.Differential;

/// <summary>
/// RSA-2048 keys for the RSA cases, made once: key generation takes far longer than a signature
/// (and the managed engine's import alone tens of milliseconds), so the cases draw random messages
/// for a fixed pool. Half the keys come from .NET's generator, half from the native core's; each is
/// imported from its primes by the managed and the .NET engine (their stored forms must be equal:
/// n, p > q, dP, dQ, qInv) and by the native core (its n, dP, dQ, qInv must be the same).
/// </summary>
public sealed class RsaKeyPool
{
    private readonly List<Entry> keys = [];

    public RsaKeyPool(Engines engines, int count)
    {
        for (int i = 0; i < count; i++)
        {
            var (p, q, n) = i % 2 == 0 ? DotNetKey() : NativeKey();
            keys.Add(Import(engines, p, q, n));
        }
    }

    public int Count => keys.Count;

    public Entry this[int index] => keys[index];

    /// <summary>One key as each engine holds it, and as .NET's RSA for an independent verification.</summary>
    public sealed record Entry(RsaKey Managed, RsaKey Host, byte[] Stored, RSA DotNet)
    {
        public byte[] Modulus => Stored[4..(4 + RsaKey.ModulusLength)];

        /// <summary>Part <paramref name="index"/> of the stored form: 0 n, 1 p, 2 q, 3 dP, 4 dQ, 5 qInv.</summary>
        public byte[] Part(int index) => index == 0 ? Modulus : Stored.AsSpan(4 + RsaKey.ModulusLength + (index - 1) * RsaKey.PrimeLength, RsaKey.PrimeLength).ToArray();
    }

    private static (byte[] P, byte[] Q, byte[] N) DotNetKey()
    {
        using RSA rsa = RSA.Create(2048);
        RSAParameters parameters = rsa.ExportParameters(includePrivateParameters: true);
        return (parameters.P!, parameters.Q!, parameters.Modulus!);
    }

    private static unsafe (byte[] P, byte[] Q, byte[] N) NativeKey()
    {
        byte[] n = new byte[256], p = new byte[128], q = new byte[128], dp = new byte[128], dq = new byte[128], qinv = new byte[128];
        fixed (byte* np = n, pp = p, qp = q, dpp = dp, dqp = dq, qip = qinv)
        {
            Difference.Check(NativeCore.RsaKeygen(NativeCore.Rng, IntPtr.Zero, np, pp, qp, dpp, dqp, qip) == NativeCore.Ok, "native RSA key generation failed");
        }
        return (p, q, n);
    }

    private static unsafe Entry Import(Engines engines, byte[] p, byte[] q, byte[] n)
    {
        RsaKey managed = engines.Managed.CreateRsaKey();
        RsaKey host = engines.Host.CreateRsaKey();
        engines.Managed.ImportRsaKey(managed, p, 0, q, 0, 65537);
        engines.Host.ImportRsaKey(host, p, 0, q, 0, 65537);
        byte[] stored = new byte[RsaKey.StoredLength];
        byte[] hostStored = new byte[RsaKey.StoredLength];
        managed.Save(stored, 0);
        host.Save(hostStored, 0);
        Difference.Equal(hostStored, stored, "RSA import: .NET engine's stored key vs managed");
        var entry = new Entry(managed, host, stored, RSA.Create());
        Difference.Equal(n, entry.Modulus, "RSA import: the generator's n vs the engines'");
        byte[] nn = new byte[256], dp = new byte[128], dq = new byte[128], qinv = new byte[128];
        byte[] sp = entry.Part(1), sq = entry.Part(2);
        fixed (byte* pp = sp, qp = sq, np = nn, dpp = dp, dqp = dq, qip = qinv)
        {
            Difference.Check(NativeCore.RsaImport(pp, qp, 65537, np, dpp, dqp, qip) == NativeCore.Ok, "native RSA import failed");
        }
        Difference.Equal(entry.Modulus, nn, "RSA import n: engines vs native");
        Difference.Equal(entry.Part(3), dp, "RSA import dP: engines vs native");
        Difference.Equal(entry.Part(4), dq, "RSA import dQ: engines vs native");
        Difference.Equal(entry.Part(5), qinv, "RSA import qInv: engines vs native");
        entry.DotNet.ImportParameters(new RSAParameters { Modulus = entry.Modulus, Exponent = [0x01, 0x00, 0x01] });
        return entry;
    }
}
