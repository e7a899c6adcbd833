using System.Security.Cryptography;
using NanoCard.Hal.Crypto;
using NanoCard.Hal.Host.Crypto;

namespace NanoCard.Fuzz;

/// <summary>
/// The .NET engine for the fuzzed cards, with one change: an RSA key pair generated on the card
/// (GENERATE in an issuer's or a domain's session) is the next of a few pairs made by OpenSSL when
/// the harness starts, imported into the slot as the card would import one, and each input starts
/// again at the first (<see cref="Rewind"/>). Generating an RSA-2048 pair takes OpenSSL tens to
/// hundreds of milliseconds, a random time, and gave inputs that personalize an AP a random key:
/// it took most of the time of the inputs that reach it and made their coverage unstable. What
/// the card does with the slot (its record, the seal, the store) is unchanged; everything else is
/// <see cref="HostCrypto"/>'s.
/// </summary>
public sealed class PooledRsaCrypto : ForwardingCrypto
{
    private const int PoolSize = 4;
    private const int PublicExponent = 65537;

    private readonly List<(byte[] P, byte[] Q)> pool = [];
    private int next;

    public PooledRsaCrypto()
        : base(new HostCrypto())
    {
        for (int i = 0; i < PoolSize; i++)
        {
            using RSA rsa = RSA.Create(2048);
            RSAParameters key = rsa.ExportParameters(includePrivateParameters: true);
            pool.Add((key.P!, key.Q!));
        }
    }

    /// <summary>The next generated key is the pool's first again (called as each input starts).</summary>
    public void Rewind() => next = 0;

    public override void GenerateRsaKey(RsaKey key)
    {
        var (p, q) = pool[next];
        next = (next + 1) % PoolSize;
        ImportRsaKey(key, p, 0, q, 0, PublicExponent);
    }
}
