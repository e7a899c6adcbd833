namespace NanoCard.Hal.Crypto
{
    /// <summary>
    /// Everything cryptographic the card does, behind one interface with three implementations:
    /// ManagedCrypto (portable C#, runs on stock nanoFramework), HostCrypto (.NET/OpenSSL, desktop
    /// speed) and NativeCrypto (device: mbedTLS with the ESP32's accelerators). Objects (digests,
    /// key slots) are made at install; after that, calls allocate nothing in the managed version.
    /// Offsets and lengths are shorts, as in Java Card. Invalid arguments (unknown algorithm, wrong
    /// length, uninitialised key) throw <see cref="System.ArgumentException"/>: they are caller bugs,
    /// never reachable from APDU data that the caller has validated.
    /// </summary>
    public interface ICrypto
    {
        IRandom Random { get; }

        /// <summary>A streaming digest (<see cref="HashAlgorithm"/>); call at install.</summary>
        IMessageDigest CreateDigest(byte algorithm);

        /// <summary>One-shot hash of input; returns the digest length.</summary>
        short Digest(byte algorithm, byte[] input, short inOffset, short inLength, byte[] output, short outOffset);

        /// <summary>An empty key slot on <paramref name="curve"/> (<see cref="EcCurve"/>); call at install.</summary>
        EcKey CreateEcKey(byte curve);

        /// <summary>Fills the slot with a fresh key pair (d uniform in [1, n-1]).</summary>
        void GenerateEcKey(EcKey key);

        /// <summary>
        /// ECDSA signature of a given hash, nonce k per RFC 6979 with the curve's paired hash; a
        /// hash longer than the order is truncated (FIPS 186-4 §6.4). Writes r ‖ s, each FieldLength
        /// bytes big-endian; returns 2 × FieldLength.
        /// </summary>
        short SignEcdsa(EcKey key, byte[] hash, short hashOffset, short hashLength, byte[] signature, short sigOffset);

        /// <summary>
        /// Verifies r ‖ s over a hash with an uncompressed public point 04 ‖ X ‖ Y. False for any
        /// invalid input: point not on the curve, r or s outside [1, n-1], wrong lengths.
        /// </summary>
        bool VerifyEcdsa(byte curve, byte[] point, short pointOffset, short pointLength,
            byte[] hash, short hashOffset, short hashLength, byte[] signature, short sigOffset, short sigLength);

        /// <summary>An empty RSA-2048 slot; call at install.</summary>
        RsaKey CreateRsaKey();

        /// <summary>Fills the slot with a fresh 2048-bit key, e = 65537 (Miller-Rabin primes; slow on a device).</summary>
        void GenerateRsaKey(RsaKey key);

        /// <summary>Loads a key from its primes p and q (each 128 bytes big-endian) and e; derives n and the CRT values.</summary>
        void ImportRsaKey(RsaKey key, byte[] p, short pOffset, byte[] q, short qOffset, int publicExponent);

        /// <summary>
        /// RSASSA-PKCS1-v1_5 signature (RFC 8017 §8.2.1 steps 2–3 with EMSA-PKCS1-v1_5 type-1 padding
        /// of the given block): the caller gives the DigestInfo (or any block up to 245 bytes) and
        /// the card pads. Writes 256 bytes; returns 256.
        /// </summary>
        short SignRsaPkcs1(RsaKey key, byte[] block, short blockOffset, short blockLength, byte[] signature, short sigOffset);

        /// <summary>True when <paramref name="signature"/> (256 bytes) is a PKCS#1 v1.5 type-1 signature of exactly <paramref name="block"/>.</summary>
        bool VerifyRsaPkcs1(byte[] modulus, short modulusOffset, int publicExponent,
            byte[] block, short blockOffset, short blockLength, byte[] signature, short sigOffset, short sigLength);

        /// <summary>AES-128 ECB over whole blocks (length a multiple of 16).</summary>
        void AesEcb(bool encrypt, byte[] key, short keyOffset, byte[] input, short inOffset, short length, byte[] output, short outOffset);

        /// <summary>AES-128 CBC over whole blocks, no padding (length a multiple of 16).</summary>
        void AesCbc(bool encrypt, byte[] key, short keyOffset, byte[] iv, short ivOffset,
            byte[] input, short inOffset, short length, byte[] output, short outOffset);

        /// <summary>AES-128-CMAC (RFC 4493, NIST SP 800-38B); writes the 16-byte tag.</summary>
        void AesCmac(byte[] key, short keyOffset, byte[] input, short inOffset, short length, byte[] mac, short macOffset);
    }
}
