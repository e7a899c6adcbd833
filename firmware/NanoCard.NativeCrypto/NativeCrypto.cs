using System.Runtime.CompilerServices;
using NanoCard.Hal.Crypto;
using NanoCard.Hal.Crypto.Managed;

namespace NanoCard.NativeCrypto
{
    /// <summary>
    /// ICrypto on the device with the NanoCard interop in the firmware: key generation, signatures
    /// and verification run in the C core (firmware/native, mbedTLS with the ESP32's accelerators),
    /// everything small (streaming digests, AES, CMAC, key slots, randomness) stays with
    /// <see cref="ManagedCrypto"/>. Keys cross as their stored forms (<see cref="EcKey.Save"/>,
    /// <see cref="RsaKey.Save"/>) in a scratch buffer wiped after each call.
    /// </summary>
    public sealed class NativeCrypto : ICrypto
    {
        private const int Ok = 0;
        private const int RsaStored = RsaKey.StoredLength;
        private const int EcStored = 48 + 1 + 2 * 48;

        private readonly ManagedCrypto managed;
        private readonly byte[] scratch = new byte[RsaStored];

        public NativeCrypto(IRandom random)
        {
            managed = new ManagedCrypto(random);
        }

        /// <summary>
        /// True when the firmware's native part answers correctly: SHA-256 of "abc" is the FIPS
        /// 180-4 example value. The device uses this engine only then.
        /// </summary>
        public static bool SelfTest()
        {
            byte[] abc = { 0x61, 0x62, 0x63 };
            byte[] digest = new byte[32];
            byte[] expected =
            {
                0xBA, 0x78, 0x16, 0xBF, 0x8F, 0x01, 0xCF, 0xEA, 0x41, 0x41, 0x40, 0xDE, 0x5D, 0xAE, 0x22, 0x23,
                0xB0, 0x03, 0x61, 0xA3, 0x96, 0x17, 0x7A, 0x9C, 0xB4, 0x10, 0xFF, 0x61, 0xF2, 0x00, 0x15, 0xAD,
            };
            if (NativeDigest(HashAlgorithm.Sha256, abc, 0, abc.Length, digest, 0) != 32)
            {
                return false;
            }
            for (int i = 0; i < 32; i++)
            {
                if (digest[i] != expected[i])
                {
                    return false;
                }
            }
            return true;
        }

        public IRandom Random { get { return managed.Random; } }

        public IMessageDigest CreateDigest(byte algorithm)
        {
            return managed.CreateDigest(algorithm);
        }

        public short Digest(byte algorithm, byte[] input, short inOffset, short inLength, byte[] output, short outOffset)
        {
            int n = NativeDigest(algorithm, input, inOffset, inLength, output, outOffset);
            if (n <= 0)
            {
                throw new System.ArgumentException("algorithm");
            }
            return (short)n;
        }

        public EcKey CreateEcKey(byte curve)
        {
            return managed.CreateEcKey(curve);
        }

        public void GenerateEcKey(EcKey key)
        {
            try
            {
                Require(NativeEcdsaKeygen(key.Curve, scratch, 0, scratch, key.FieldLength));
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
                Require(NativeEcdsaSign(key.Curve, scratch, 0, hash, hashOffset, hashLength, signature, sigOffset));
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
            return NativeEcdsaVerify(curve, point, pointOffset, pointLength, hash, hashOffset, hashLength, signature, sigOffset, sigLength) == Ok;
        }

        public RsaKey CreateRsaKey()
        {
            return managed.CreateRsaKey();
        }

        /// <summary>The C core writes the stored form (e = 65537, n, p, q, dP, dQ, qInv) directly.</summary>
        public void GenerateRsaKey(RsaKey key)
        {
            try
            {
                Require(NativeRsaKeygen(scratch, 0));
                key.Load(scratch, 0);
            }
            finally
            {
                System.Array.Clear(scratch, 0, RsaStored);
            }
        }

        public void ImportRsaKey(RsaKey key, byte[] p, short pOffset, byte[] q, short qOffset, int publicExponent)
        {
            managed.ImportRsaKey(key, p, pOffset, q, qOffset, publicExponent);
        }

        public short SignRsaPkcs1(RsaKey key, byte[] block, short blockOffset, short blockLength, byte[] signature, short sigOffset)
        {
            try
            {
                key.Save(scratch, 0);
                Require(NativeRsaSign(scratch, 0, block, blockOffset, blockLength, signature, sigOffset));
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
            return NativeRsaVerify(modulus, modulusOffset, publicExponent, block, blockOffset, blockLength, signature, sigOffset, sigLength) == Ok;
        }

        public void AesEcb(bool encrypt, byte[] key, short keyOffset, byte[] input, short inOffset, short length, byte[] output, short outOffset)
        {
            managed.AesEcb(encrypt, key, keyOffset, input, inOffset, length, output, outOffset);
        }

        public void AesCbc(bool encrypt, byte[] key, short keyOffset, byte[] iv, short ivOffset,
            byte[] input, short inOffset, short length, byte[] output, short outOffset)
        {
            managed.AesCbc(encrypt, key, keyOffset, iv, ivOffset, input, inOffset, length, output, outOffset);
        }

        public void AesCmac(byte[] key, short keyOffset, byte[] input, short inOffset, short length, byte[] mac, short macOffset)
        {
            managed.AesCmac(key, keyOffset, input, inOffset, length, mac, macOffset);
        }

        private static void Require(int status)
        {
            if (status != Ok)
            {
                throw new System.InvalidOperationException("native crypto failed");
            }
        }

        // The native methods (firmware/native/interop): offsets and lengths as ints, status 0 = done.

        /// <summary>SHA-256 or SHA-384 (<see cref="HashAlgorithm"/>); returns the digest length, 0 for another algorithm.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeDigest(byte algorithm, byte[] input, int offset, int length, byte[] output, int outOffset);

        /// <summary>d at <c>d[dOffset]</c>, then 04 ‖ X ‖ Y at <c>q[qOffset]</c>, from the hardware RNG.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeEcdsaKeygen(byte curve, byte[] d, int dOffset, byte[] q, int qOffset);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeEcdsaSign(byte curve, byte[] d, int dOffset, byte[] hash, int hashOffset, int hashLength, byte[] signature, int sigOffset);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeEcdsaVerify(byte curve, byte[] point, int pointOffset, int pointLength,
            byte[] hash, int hashOffset, int hashLength, byte[] signature, int sigOffset, int sigLength);

        /// <summary>Writes e (4), n, p, q, dP, dQ, qInv at <c>stored[offset]</c>: RsaKey's stored form.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeRsaKeygen(byte[] stored, int offset);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeRsaSign(byte[] stored, int offset, byte[] block, int blockOffset, int blockLength, byte[] signature, int sigOffset);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeRsaVerify(byte[] modulus, int modulusOffset, int publicExponent,
            byte[] block, int blockOffset, int blockLength, byte[] signature, int sigOffset, int sigLength);
    }
}
