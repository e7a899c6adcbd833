using System.Security.Cryptography;
using CsCheck;
using NanoCard.Hal.Crypto;
using HashAlgorithm = NanoCard.Hal.Crypto.HashAlgorithm;

namespace NanoCard.Differential;

/// <summary>
/// Random cases of every kind, generated and (on a difference) shrunk by CsCheck, each run on
/// every engine (<see cref="DiffCase"/>). Weighted by cost: per 1 000 hash, HMAC, AES, CMAC or KDF
/// cases about 4 ECDSA and 1 RSA case (a managed RSA signature takes tens of milliseconds).
/// Throws CsCheck's exception, holding the smallest differing case it found, on any difference.
/// </summary>
public sealed class DifferentialCampaign(Engines engines)
{
    private readonly Dictionary<string, long> tally = [];

    /// <summary>Cases run so far, by kind.</summary>
    public IReadOnlyDictionary<string, long> Tally => tally;

    /// <summary>The weighted mix of every kind.</summary>
    public void Run(long cases, string? seed = null) => Run(All, cases, seed);

    /// <summary><paramref name="cases"/> of each kind in turn, so a short run has every kind for sure.</summary>
    public void RunEveryKind(long cases)
    {
        foreach (Gen<DiffCase> kind in Kinds)
        {
            Run(kind, cases, null);
        }
    }

    private void Run(Gen<DiffCase> cases, long count, string? seed) => cases.Sample(c =>
    {
        tally[c.Kind] = tally.GetValueOrDefault(c.Kind) + 1;
        c.Check(engines);
    }, seed: seed, iter: count, threads: 1);

    private static readonly Gen<byte[]> Key128 = Gen.Byte.Array[16];

    private static readonly Gen<DiffCase> Sha = Gen.Select(Gen.Bool, Gen.Byte.Array[0, 300],
        (sha256, message) => (DiffCase)new ShaCase(sha256 ? HashAlgorithm.Sha256 : HashAlgorithm.Sha384, message));

    private static readonly Gen<DiffCase> HmacCases = Gen.Select(Gen.Bool, Gen.Byte.Array[0, 200], Gen.Byte.Array[0, 300],
        (sha256, key, message) => (DiffCase)new HmacCase(sha256 ? HashAlgorithm.Sha256 : HashAlgorithm.Sha384, key, message));

    private static readonly Gen<DiffCase> Aes = Gen.Select(Key128, Key128, Gen.Int[0, 16].SelectMany(blocks => Gen.Byte.Array[16 * blocks]), Gen.Bool,
        (key, iv, data, cbc) => (DiffCase)new AesCase(key, iv, data, cbc));

    private static readonly Gen<DiffCase> Cmac = Gen.Select(Key128, Gen.Byte.Array[0, 300], (key, message) => (DiffCase)new CmacCase(key, message));

    /// <summary>SCP03's constants and lengths (8-byte cryptograms, 16-byte keys) and others around them.</summary>
    private static readonly Gen<DiffCase> Kdf = Gen.Select(Key128, Gen.OneOf(Gen.OneOf<byte>(0x00, 0x01, 0x04, 0x06, 0x07), Gen.Byte),
        Gen.Byte.Array[0, 64], Gen.OneOf<short>(8, 16, 24, 32, 48),
        (key, constant, context, length) => (DiffCase)new KdfCase(key, constant, context, length));

    /// <summary>d uniform over 1 … FEFF…FF, below the order of both curves; hashes of 1 to 64 bytes (shorter and longer than the order).</summary>
    private static readonly Gen<DiffCase> Ecdsa = Gen.Bool.SelectMany(p256 => Gen.Select(
        Gen.Byte.Array[p256 ? 32 : 48].Select(d => PrivateScalar(d)), Gen.Byte.Array[1, 64], Gen.Int[0, int.MaxValue],
        (d, hash, flip) => (DiffCase)new EcdsaCase(p256 ? EcCurve.P256 : EcCurve.P384, d, hash, flip)));

    /// <summary>DigestInfos of SHA-256 and SHA-384 (what the card signs) and raw blocks of 1 to 245 bytes.</summary>
    private static readonly Gen<DiffCase> Rsa = Gen.Select(Gen.Int[0, 1 << 20], Gen.Int[0, 2], Gen.Byte.Array[1, 245], Gen.Int[0, int.MaxValue],
        (key, form, bytes, flip) => form switch
        {
            0 => new RsaCase(key, DigestInfo.Of(HashAlgorithmName.SHA256, SHA256.HashData(bytes)), HashAlgorithmName.SHA256, flip),
            1 => new RsaCase(key, DigestInfo.Of(HashAlgorithmName.SHA384, SHA384.HashData(bytes)), HashAlgorithmName.SHA384, flip),
            _ => (DiffCase)new RsaCase(key, bytes, null, flip),
        });

    private static readonly Gen<DiffCase> All = Gen.Frequency((200, Sha), (200, HmacCases), (200, Aes), (200, Cmac), (200, Kdf), (4, Ecdsa), (1, Rsa));

    private static readonly Gen<DiffCase>[] Kinds = [Sha, HmacCases, Aes, Cmac, Kdf, Ecdsa, Rsa];

    private static byte[] PrivateScalar(byte[] d)
    {
        d[0] = Math.Min(d[0], (byte)0xFE);
        if (d.All(b => b == 0))
        {
            d[^1] = 1;
        }
        return d;
    }
}
