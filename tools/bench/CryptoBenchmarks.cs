using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NanoCard.Hal.Crypto;
using NanoCard.Hal.Crypto.Managed;
using NanoCard.Hal.Host.Crypto;

namespace NanoCard.Bench;

/// <summary>
/// The issue-4 comparison: for each operation, ManagedCrypto (what stock nanoFramework runs),
/// HostCrypto (.NET over OpenSSL) and BouncyCastle (a well-known managed peer, the baseline of each
/// group, so the Ratio column is time / BouncyCastle's time). MemoryDiagnoser reports allocations.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CryptoBenchmarks
{
    private readonly byte[] hash32 = new byte[32];
    private readonly byte[] hash48 = new byte[48];
    private readonly byte[] digestInfo = new byte[51];
    private readonly byte[] signature = new byte[256];
    private readonly byte[] p256Signature = new byte[64];
    private readonly byte[] p256Point = new byte[65];
    private readonly byte[] message = new byte[1 << 20];
    private readonly byte[] digest = new byte[32];
    private const short ChunkLength = 16384;
    private byte[][] chunks = [];

    private ManagedCrypto managed = null!;
    private HostCrypto host = null!;
    private EcKey managedP256 = null!, managedP384 = null!, hostP256 = null!, hostP384 = null!;
    private RsaKey managedRsa = null!, hostRsa = null!;
    private IMessageDigest managedSha256 = null!, hostSha256 = null!;
    private BouncyCastlePeer bouncy = null!;

    [GlobalSetup]
    public void Setup()
    {
        new Random(6979).NextBytes(message);
        chunks = message.Chunk(ChunkLength).ToArray();
        message.AsSpan(0, 32).CopyTo(hash32);
        message.AsSpan(32, 48).CopyTo(hash48);
        // DigestInfo for SHA-256 (RFC 8017 §9.2 note 1) followed by the hash.
        Convert.FromHexString("3031300d060960864801650304020105000420").CopyTo(digestInfo, 0);
        hash32.CopyTo(digestInfo, 19);

        var random = new SystemRandom();
        managed = new ManagedCrypto(random);
        host = new HostCrypto();
        managedP256 = managed.CreateEcKey(EcCurve.P256);
        managed.GenerateEcKey(managedP256);
        managedP384 = managed.CreateEcKey(EcCurve.P384);
        managed.GenerateEcKey(managedP384);
        hostP256 = host.CreateEcKey(EcCurve.P256);
        host.GenerateEcKey(hostP256);
        hostP384 = host.CreateEcKey(EcCurve.P384);
        host.GenerateEcKey(hostP384);

        // One RSA key for all three, so every engine signs the same thing.
        hostRsa = host.CreateRsaKey();
        host.GenerateRsaKey(hostRsa);
        managedRsa = managed.CreateRsaKey();
        managed.ImportRsaKey(managedRsa, hostRsa.P, 0, hostRsa.Q, 0, hostRsa.PublicExponent);

        managedSha256 = managed.CreateDigest(HashAlgorithm.Sha256);
        hostSha256 = host.CreateDigest(HashAlgorithm.Sha256);
        bouncy = new BouncyCastlePeer(managedP256, managedP384, hostRsa);

        managed.SignEcdsa(managedP256, hash32, 0, 32, p256Signature, 0);
        managedP256.GetPublicPoint(p256Point, 0);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("P-256 sign")]
    public byte[] P256Sign_BouncyCastle() => bouncy.SignP256(hash32);

    [Benchmark, BenchmarkCategory("P-256 sign")]
    public short P256Sign_Managed() => managed.SignEcdsa(managedP256, hash32, 0, 32, signature, 0);

    [Benchmark, BenchmarkCategory("P-256 sign")]
    public short P256Sign_Host() => host.SignEcdsa(hostP256, hash32, 0, 32, signature, 0);

    [Benchmark(Baseline = true), BenchmarkCategory("P-256 verify")]
    public bool P256Verify_BouncyCastle() => bouncy.VerifyP256(hash32, p256Signature);

    [Benchmark, BenchmarkCategory("P-256 verify")]
    public bool P256Verify_Managed() => managed.VerifyEcdsa(EcCurve.P256, p256Point, 0, 65, hash32, 0, 32, p256Signature, 0, 64);

    [Benchmark, BenchmarkCategory("P-256 verify")]
    public bool P256Verify_Host() => host.VerifyEcdsa(EcCurve.P256, p256Point, 0, 65, hash32, 0, 32, p256Signature, 0, 64);

    [Benchmark(Baseline = true), BenchmarkCategory("P-384 sign")]
    public byte[] P384Sign_BouncyCastle() => bouncy.SignP384(hash48);

    [Benchmark, BenchmarkCategory("P-384 sign")]
    public short P384Sign_Managed() => managed.SignEcdsa(managedP384, hash48, 0, 48, signature, 0);

    [Benchmark, BenchmarkCategory("P-384 sign")]
    public short P384Sign_Host() => host.SignEcdsa(hostP384, hash48, 0, 48, signature, 0);

    [Benchmark(Baseline = true), BenchmarkCategory("RSA-2048 sign")]
    public byte[] Rsa2048Sign_BouncyCastle() => bouncy.SignRsa(digestInfo);

    [Benchmark, BenchmarkCategory("RSA-2048 sign")]
    public short Rsa2048Sign_Managed() => managed.SignRsaPkcs1(managedRsa, digestInfo, 0, (short)digestInfo.Length, signature, 0);

    [Benchmark, BenchmarkCategory("RSA-2048 sign")]
    public short Rsa2048Sign_Host() => host.SignRsaPkcs1(hostRsa, digestInfo, 0, (short)digestInfo.Length, signature, 0);

    [Benchmark(Baseline = true), BenchmarkCategory("RSA-2048 keygen")]
    public object Rsa2048KeyGen_BouncyCastle() => BouncyCastlePeer.GenerateRsa();

    [Benchmark, BenchmarkCategory("RSA-2048 keygen")]
    public RsaKey Rsa2048KeyGen_Managed()
    {
        managed.GenerateRsaKey(managedRsa);
        return managedRsa;
    }

    [Benchmark, BenchmarkCategory("RSA-2048 keygen")]
    public RsaKey Rsa2048KeyGen_Host()
    {
        host.GenerateRsaKey(hostRsa);
        return hostRsa;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("SHA-256 1 MiB")]
    public byte[] Sha256_BouncyCastle() => bouncy.Sha256(message);

    [Benchmark, BenchmarkCategory("SHA-256 1 MiB")]
    public short Sha256_Managed() => HashInChunks(managedSha256);

    [Benchmark, BenchmarkCategory("SHA-256 1 MiB")]
    public short Sha256_Host() => HashInChunks(hostSha256);

    /// <summary>The ICrypto API takes short offsets (Java Card style), so 1 MiB goes in as 64 updates of 16 KiB.</summary>
    private short HashInChunks(IMessageDigest sha)
    {
        sha.Reset();
        for (int i = 0; i < chunks.Length - 1; i++)
        {
            sha.Update(chunks[i], 0, ChunkLength);
        }
        return sha.DoFinal(chunks[^1], 0, ChunkLength, digest, 0);
    }
}
