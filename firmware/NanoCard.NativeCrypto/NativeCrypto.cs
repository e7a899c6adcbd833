using System.Runtime.CompilerServices;

namespace NanoCard.NativeCrypto
{
    /// <summary>
    /// The firmware's native crypto (firmware/native: the C core over mbedTLS, through the interop in
    /// firmware/native/interop). This assembly holds nothing else and references only mscorlib, so
    /// its native method table and checksum change only when these declarations do: no change in the
    /// application can move the indexes the firmware binds by. Offsets and lengths are ints; status 0 = done.
    /// A firmware image without the NanoCard interop still loads this assembly, and every call here
    /// then throws (nanoCLR: CLR_E_NOT_SUPPORTED), which is how <see cref="SelfTest"/> tells the device
    /// to use the managed engine (docs/building-firmware.md, "Pairing").
    /// </summary>
    public static class NativeCrypto
    {
        // HashAlgorithm.Sha256 (NanoCard.Hal.Crypto): the number the C side reads as SHA-256.
        private const byte Sha256 = 1;

        /// <summary>
        /// True when the firmware's native part answers correctly: SHA-256 of "abc" is the FIPS
        /// 180-4 example value. Throws when the firmware has no NanoCard interop.
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
            if (NativeDigest(Sha256, abc, 0, abc.Length, digest, 0) != 32)
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

        /// <summary>SHA-256 or SHA-384; returns the digest length, 0 for another algorithm or bad bounds.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int NativeDigest(byte algorithm, byte[] input, int offset, int length, byte[] output, int outOffset);

        /// <summary>d at <c>d[dOffset]</c>, then 04 ‖ X ‖ Y at <c>q[qOffset]</c>, from the hardware RNG.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int NativeEcdsaKeygen(byte curve, byte[] d, int dOffset, byte[] q, int qOffset);

        /// <summary>r ‖ s (2 × field length) at <c>signature[sigOffset]</c>, k by RFC 6979.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int NativeEcdsaSign(byte curve, byte[] d, int dOffset, byte[] hash, int hashOffset, int hashLength, byte[] signature, int sigOffset);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int NativeEcdsaVerify(byte curve, byte[] point, int pointOffset, int pointLength,
            byte[] hash, int hashOffset, int hashLength, byte[] signature, int sigOffset, int sigLength);

        /// <summary>Writes e (4), n, p, q, dP, dQ, qInv at <c>stored[offset]</c>: RsaKey's stored form.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int NativeRsaKeygen(byte[] stored, int offset);

        /// <summary>PKCS #1 v1.5 type 1 over the given block (a DigestInfo) with the stored key at <c>stored[offset]</c>.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int NativeRsaSign(byte[] stored, int offset, byte[] block, int blockOffset, int blockLength, byte[] signature, int sigOffset);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int NativeRsaVerify(byte[] modulus, int modulusOffset, int publicExponent,
            byte[] block, int blockOffset, int blockLength, byte[] signature, int sigOffset, int sigLength);
    }
}
