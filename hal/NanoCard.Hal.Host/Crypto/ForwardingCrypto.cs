using NanoCard.Hal.Crypto;

namespace NanoCard.Hal.Host.Crypto;

/// <summary>
/// An <see cref="ICrypto"/> that passes every operation to another, for the desktop tools that
/// change one of them: the fuzz harness's RSA key pool, a test's engine with a fault planted.
/// A subclass overrides what it changes.
/// </summary>
public abstract class ForwardingCrypto(ICrypto inner) : ICrypto
{
    public virtual IRandom Random => inner.Random;

    public virtual IMessageDigest CreateDigest(byte algorithm) => inner.CreateDigest(algorithm);

    public virtual short Digest(byte algorithm, byte[] input, short inOffset, short inLength, byte[] output, short outOffset) =>
        inner.Digest(algorithm, input, inOffset, inLength, output, outOffset);

    public virtual EcKey CreateEcKey(byte curve) => inner.CreateEcKey(curve);

    public virtual void GenerateEcKey(EcKey key) => inner.GenerateEcKey(key);

    public virtual short SignEcdsa(EcKey key, byte[] hash, short hashOffset, short hashLength, byte[] signature, short sigOffset) =>
        inner.SignEcdsa(key, hash, hashOffset, hashLength, signature, sigOffset);

    public virtual bool VerifyEcdsa(byte curve, byte[] point, short pointOffset, short pointLength,
        byte[] hash, short hashOffset, short hashLength, byte[] signature, short sigOffset, short sigLength) =>
        inner.VerifyEcdsa(curve, point, pointOffset, pointLength, hash, hashOffset, hashLength, signature, sigOffset, sigLength);

    public virtual RsaKey CreateRsaKey() => inner.CreateRsaKey();

    public virtual void GenerateRsaKey(RsaKey key) => inner.GenerateRsaKey(key);

    public virtual void ImportRsaKey(RsaKey key, byte[] p, short pOffset, byte[] q, short qOffset, int publicExponent) =>
        inner.ImportRsaKey(key, p, pOffset, q, qOffset, publicExponent);

    public virtual short SignRsaPkcs1(RsaKey key, byte[] block, short blockOffset, short blockLength, byte[] signature, short sigOffset) =>
        inner.SignRsaPkcs1(key, block, blockOffset, blockLength, signature, sigOffset);

    public virtual bool VerifyRsaPkcs1(byte[] modulus, short modulusOffset, int publicExponent,
        byte[] block, short blockOffset, short blockLength, byte[] signature, short sigOffset, short sigLength) =>
        inner.VerifyRsaPkcs1(modulus, modulusOffset, publicExponent, block, blockOffset, blockLength, signature, sigOffset, sigLength);

    public virtual void AesEcb(bool encrypt, byte[] key, short keyOffset, byte[] input, short inOffset, short length, byte[] output, short outOffset) =>
        inner.AesEcb(encrypt, key, keyOffset, input, inOffset, length, output, outOffset);

    public virtual void AesCbc(bool encrypt, byte[] key, short keyOffset, byte[] iv, short ivOffset,
        byte[] input, short inOffset, short length, byte[] output, short outOffset) =>
        inner.AesCbc(encrypt, key, keyOffset, iv, ivOffset, input, inOffset, length, output, outOffset);

    public virtual void AesCmac(byte[] key, short keyOffset, byte[] input, short inOffset, short length, byte[] mac, short macOffset) =>
        inner.AesCmac(key, keyOffset, input, inOffset, length, mac, macOffset);
}
