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
public sealed class PooledRsaCrypto : ICrypto
{
    private const int PoolSize = 4;
    private const int PublicExponent = 65537;

    private readonly HostCrypto engine = new();
    private readonly List<(byte[] P, byte[] Q)> pool = [];
    private int next;

    public PooledRsaCrypto()
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

    public void GenerateRsaKey(RsaKey key)
    {
        var (p, q) = pool[next];
        next = (next + 1) % PoolSize;
        engine.ImportRsaKey(key, p, 0, q, 0, PublicExponent);
    }

    public IRandom Random => engine.Random;

    public IMessageDigest CreateDigest(byte algorithm) => engine.CreateDigest(algorithm);

    public short Digest(byte algorithm, byte[] input, short inOffset, short inLength, byte[] output, short outOffset) =>
        engine.Digest(algorithm, input, inOffset, inLength, output, outOffset);

    public EcKey CreateEcKey(byte curve) => engine.CreateEcKey(curve);

    public void GenerateEcKey(EcKey key) => engine.GenerateEcKey(key);

    public short SignEcdsa(EcKey key, byte[] hash, short hashOffset, short hashLength, byte[] signature, short sigOffset) =>
        engine.SignEcdsa(key, hash, hashOffset, hashLength, signature, sigOffset);

    public bool VerifyEcdsa(byte curve, byte[] point, short pointOffset, short pointLength,
        byte[] hash, short hashOffset, short hashLength, byte[] signature, short sigOffset, short sigLength) =>
        engine.VerifyEcdsa(curve, point, pointOffset, pointLength, hash, hashOffset, hashLength, signature, sigOffset, sigLength);

    public RsaKey CreateRsaKey() => engine.CreateRsaKey();

    public void ImportRsaKey(RsaKey key, byte[] p, short pOffset, byte[] q, short qOffset, int publicExponent) =>
        engine.ImportRsaKey(key, p, pOffset, q, qOffset, publicExponent);

    public short SignRsaPkcs1(RsaKey key, byte[] block, short blockOffset, short blockLength, byte[] signature, short sigOffset) =>
        engine.SignRsaPkcs1(key, block, blockOffset, blockLength, signature, sigOffset);

    public bool VerifyRsaPkcs1(byte[] modulus, short modulusOffset, int publicExponent,
        byte[] block, short blockOffset, short blockLength, byte[] signature, short sigOffset, short sigLength) =>
        engine.VerifyRsaPkcs1(modulus, modulusOffset, publicExponent, block, blockOffset, blockLength, signature, sigOffset, sigLength);

    public void AesEcb(bool encrypt, byte[] key, short keyOffset, byte[] input, short inOffset, short length, byte[] output, short outOffset) =>
        engine.AesEcb(encrypt, key, keyOffset, input, inOffset, length, output, outOffset);

    public void AesCbc(bool encrypt, byte[] key, short keyOffset, byte[] iv, short ivOffset,
        byte[] input, short inOffset, short length, byte[] output, short outOffset) =>
        engine.AesCbc(encrypt, key, keyOffset, iv, ivOffset, input, inOffset, length, output, outOffset);

    public void AesCmac(byte[] key, short keyOffset, byte[] input, short inOffset, short length, byte[] mac, short macOffset) =>
        engine.AesCmac(key, keyOffset, input, inOffset, length, mac, macOffset);
}
