#nullable disable // also compiled into desktop test and bench projects, which enable nullable references
using NanoCard.Hal.Crypto;
using NanoCard.Hal.Crypto.Managed;
using Native = NanoCard.NativeCrypto.NativeCrypto;

namespace NanoCard.Device.NativeEngine
{
    /// <summary>
    /// ICrypto on the device with the NanoCard interop in the firmware: key generation, signatures
    /// and verification run in the C core (firmware/native, mbedTLS with the ESP32's accelerators),
    /// everything small (streaming digests, AES, CMAC) stays in portable C# (<see cref="AesEngine"/>,
    /// <see cref="ManagedCrypto.NewDigest"/>). Only importing an RSA key needs ManagedCrypto's RSA
    /// engine, made when a key is first imported. Keys cross as their stored forms (<see cref="EcKey.Save"/>,
    /// <see cref="RsaKey.Save"/>) in a scratch buffer wiped after each call. The native methods are
    /// in their own assembly, NanoCard.NativeCrypto (docs/building-firmware.md).
    /// </summary>
    public sealed class NativeCryptoEngine : ICrypto
    {
        private const int Ok = 0;
        private const int RsaStored = RsaKey.StoredLength;
        private const int EcStored = 48 + 1 + 2 * 48;

        private readonly AesEngine aes = new AesEngine();
        private readonly byte[] scratch = new byte[RsaStored];
        private ManagedCrypto importer;

        public NativeCryptoEngine(IRandom random)
        {
            if (random == null)
            {
                throw new System.ArgumentNullException("random");
            }
            Random = random;
        }

        public IRandom Random { get; }

        public IMessageDigest CreateDigest(byte algorithm)
        {
            return ManagedCrypto.NewDigest(algorithm);
        }

        public short Digest(byte algorithm, byte[] input, short inOffset, short inLength, byte[] output, short outOffset)
        {
            int n = Native.NativeDigest(algorithm, input, inOffset, inLength, output, outOffset);
            if (n <= 0)
            {
                throw new System.ArgumentException("algorithm");
            }
            return (short)n;
        }

        /// <summary>The slot alone: the C core signs, so ManagedCrypto's curve tables are never made.</summary>
        public EcKey CreateEcKey(byte curve)
        {
            return new EcKey(curve);
        }

        public void GenerateEcKey(EcKey key)
        {
            try
            {
                Require(Native.NativeEcdsaKeygen(key.Curve, scratch, 0, scratch, key.FieldLength));
                key.Load(scratch, 0);
            }
            finally
            {
                System.Array.Clear(scratch, 0, EcStored);
            }
        }

        public short SignEcdsa(EcKey key, byte[] hash, short hashOffset, short hashLength, byte[] signature, short sigOffset)
        {
            try
            {
                key.Save(scratch, 0);
                Require(Native.NativeEcdsaSign(key.Curve, scratch, 0, hash, hashOffset, hashLength, signature, sigOffset));
                return (short)(2 * key.FieldLength);
            }
            finally
            {
                System.Array.Clear(scratch, 0, EcStored);
            }
        }

        public bool VerifyEcdsa(byte curve, byte[] point, short pointOffset, short pointLength,
            byte[] hash, short hashOffset, short hashLength, byte[] signature, short sigOffset, short sigLength)
        {
            return Native.NativeEcdsaVerify(curve, point, pointOffset, pointLength, hash, hashOffset, hashLength, signature, sigOffset, sigLength) == Ok;
        }

        /// <summary>The slot alone: the C core signs, so ManagedCrypto's RSA engine is made only if a key is imported.</summary>
        public RsaKey CreateRsaKey()
        {
            return new RsaKey();
        }

        /// <summary>The C core writes the stored form (e = 65537, n, p, q, dP, dQ, qInv) directly.</summary>
        public void GenerateRsaKey(RsaKey key)
        {
            try
            {
                Require(Native.NativeRsaKeygen(scratch, 0));
                key.Load(scratch, 0);
            }
            finally
            {
                System.Array.Clear(scratch, 0, RsaStored);
            }
        }

        public void ImportRsaKey(RsaKey key, byte[] p, short pOffset, byte[] q, short qOffset, int publicExponent)
        {
            if (importer == null)
            {
                importer = new ManagedCrypto(Random);
            }
            importer.ImportRsaKey(key, p, pOffset, q, qOffset, publicExponent);
        }

        public short SignRsaPkcs1(RsaKey key, byte[] block, short blockOffset, short blockLength, byte[] signature, short sigOffset)
        {
            try
            {
                key.Save(scratch, 0);
                Require(Native.NativeRsaSign(scratch, 0, block, blockOffset, blockLength, signature, sigOffset));
                return RsaKey.ModulusLength;
            }
            finally
            {
                System.Array.Clear(scratch, 0, RsaStored);
            }
        }

        public bool VerifyRsaPkcs1(byte[] modulus, short modulusOffset, int publicExponent,
            byte[] block, short blockOffset, short blockLength, byte[] signature, short sigOffset, short sigLength)
        {
            return Native.NativeRsaVerify(modulus, modulusOffset, publicExponent, block, blockOffset, blockLength, signature, sigOffset, sigLength) == Ok;
        }

        public void AesEcb(bool encrypt, byte[] key, short keyOffset, byte[] input, short inOffset, short length, byte[] output, short outOffset)
        {
            aes.Ecb(encrypt, key, keyOffset, input, inOffset, length, output, outOffset);
        }

        public void AesCbc(bool encrypt, byte[] key, short keyOffset, byte[] iv, short ivOffset,
            byte[] input, short inOffset, short length, byte[] output, short outOffset)
        {
            aes.Cbc(encrypt, key, keyOffset, iv, ivOffset, input, inOffset, length, output, outOffset);
        }

        public void AesCmac(byte[] key, short keyOffset, byte[] input, short inOffset, short length, byte[] mac, short macOffset)
        {
            aes.Cmac(key, keyOffset, input, inOffset, length, mac, macOffset);
        }

        private static void Require(int status)
        {
            if (status != Ok)
            {
                throw new System.InvalidOperationException("native crypto failed");
            }
        }
    }
}
