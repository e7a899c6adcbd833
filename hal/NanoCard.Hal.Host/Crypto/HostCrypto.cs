using NanoCard.Hal.Crypto;

namespace NanoCard.Hal.Host.Crypto;

/// <summary>
/// <see cref="ICrypto"/> over System.Security.Cryptography (OpenSSL on Linux) for desktop speed:
/// the simulator's default. Hashes, HMAC, AES, EC and RSA key generation, EC point arithmetic and
/// ECDSA verification are .NET's; ours are the RFC 6979 nonce, the ECDSA signing equation, the
/// RSA PKCS#1 v1.5 padding of a given block (whose private operation is OpenSSL's on Linux and
/// ours in CRT form elsewhere: <see cref="HostRsa"/>), and AES-CMAC.
/// <para>
/// Not constant time: System.Numerics.BigInteger (ECDSA s, RSA CRT) branches and sizes on its
/// values. Acceptable for the desktop simulator and tests, which hold no real secrets; the device
/// uses NativeCrypto or ManagedCrypto. Unlike ManagedCrypto, operations allocate (small objects).
/// Key generation draws from OpenSSL's RNG, not from <see cref="Random"/>.
/// </para>
/// </summary>
public sealed class HostCrypto : ICrypto
{
    public HostCrypto()
        : this(new SystemRandom())
    {
    }

    public HostCrypto(IRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Random = random;
    }

    public IRandom Random { get; }

    public IMessageDigest CreateDigest(byte algorithm) => new HostMessageDigest(algorithm);

    public short Digest(byte algorithm, byte[] input, short inOffset, short inLength, byte[] output, short outOffset)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (inLength < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inLength));
        }
        ReadOnlySpan<byte> source = inLength == 0 ? default : input.AsSpan(inOffset, inLength);
        short length = HashAlgorithm.LengthOf(algorithm);
        if (length == 0)
        {
            throw new ArgumentException("Unknown hash algorithm " + algorithm + ".", nameof(algorithm));
        }
        return (short)HostHashes.HashData(algorithm, source, output.AsSpan(outOffset, length));
    }

    public EcKey CreateEcKey(byte curve) => new(curve);

    public void GenerateEcKey(EcKey key) => HostEcdsa.Generate(key);

    public short SignEcdsa(EcKey key, byte[] hash, short hashOffset, short hashLength, byte[] signature, short sigOffset) =>
        HostEcdsa.Sign(key, hash, hashOffset, hashLength, signature, sigOffset);

    public bool VerifyEcdsa(byte curve, byte[] point, short pointOffset, short pointLength,
        byte[] hash, short hashOffset, short hashLength, byte[] signature, short sigOffset, short sigLength) =>
        HostEcdsa.Verify(curve, point, pointOffset, pointLength, hash, hashOffset, hashLength, signature, sigOffset, sigLength);

    public RsaKey CreateRsaKey() => new();

    public void GenerateRsaKey(RsaKey key) => HostRsa.Generate(key);

    public void ImportRsaKey(RsaKey key, byte[] p, short pOffset, byte[] q, short qOffset, int publicExponent) =>
        HostRsa.Import(key, p, pOffset, q, qOffset, publicExponent);

    public short SignRsaPkcs1(RsaKey key, byte[] block, short blockOffset, short blockLength, byte[] signature, short sigOffset) =>
        HostRsa.Sign(key, block, blockOffset, blockLength, signature, sigOffset);

    public bool VerifyRsaPkcs1(byte[] modulus, short modulusOffset, int publicExponent,
        byte[] block, short blockOffset, short blockLength, byte[] signature, short sigOffset, short sigLength) =>
        HostRsa.Verify(modulus, modulusOffset, publicExponent, block, blockOffset, blockLength, signature, sigOffset, sigLength);

    public void AesEcb(bool encrypt, byte[] key, short keyOffset, byte[] input, short inOffset, short length,
        byte[] output, short outOffset) =>
        HostAes.Ecb(encrypt, key, keyOffset, input, inOffset, length, output, outOffset);

    public void AesCbc(bool encrypt, byte[] key, short keyOffset, byte[] iv, short ivOffset,
        byte[] input, short inOffset, short length, byte[] output, short outOffset) =>
        HostAes.Cbc(encrypt, key, keyOffset, iv, ivOffset, input, inOffset, length, output, outOffset);

    public void AesCmac(byte[] key, short keyOffset, byte[] input, short inOffset, short length, byte[] mac, short macOffset) =>
        HostAes.Cmac(key, keyOffset, input, inOffset, length, mac, macOffset);
}
