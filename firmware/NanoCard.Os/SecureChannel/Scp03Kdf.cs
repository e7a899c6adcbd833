using NanoCard.Hal.Crypto;

namespace NanoCard.Os.SecureChannel
{
    /// <summary>
    /// NIST SP 800-108 §5.1 key derivation in counter mode with AES-CMAC as the PRF and a one-byte
    /// counter, and its SCP03 form (GlobalPlatform Card Specification v2.3 Amendment D §6.2.1):
    /// derivation data = label (11 × 00, derivation constant) ‖ 00 ‖ L (2 bytes, bits) ‖ i ‖ context.
    /// SCP03 puts the counter in the middle of the fixed data; <see cref="Derive"/> takes its position.
    /// </summary>
    public static class Scp03Kdf
    {
        /// <summary>Derivation constants, Amendment D §6.2.1 table 6-1.</summary>
        public const byte CardCryptogram = 0x00;
        public const byte HostCryptogram = 0x01;
        public const byte SessionEnc = 0x04;
        public const byte SessionMac = 0x06;
        public const byte SessionRmac = 0x07;

        /// <summary>Bytes of the SCP03 derivation data before the context.</summary>
        public const short HeaderLength = 16;
        private const short CounterOffset = 15;

        /// <summary>
        /// The counter-mode KDF: for i = 1, 2, … writes CMAC(key, data with byte i at
        /// <c>data[counterOffset]</c>) until <paramref name="outLength"/> bytes are out. The caller
        /// lays out the fixed data around the counter byte (so the CAVP layouts and SCP03's both
        /// fit); <paramref name="block"/> takes 16 bytes of scratch for the last, partial block.
        /// </summary>
        public static void Derive(ICrypto crypto, byte[] key, short keyOffset, byte[] data, short dataOffset, short dataLength,
            short counterOffset, byte[] output, short outOffset, short outLength, byte[] block, short blockOffset)
        {
            byte i = 1;
            short done = 0;
            while (done < outLength)
            {
                data[dataOffset + counterOffset] = i;
                short left = (short)(outLength - done);
                if (left >= 16)
                {
                    crypto.AesCmac(key, keyOffset, data, dataOffset, dataLength, output, (short)(outOffset + done));
                    done = (short)(done + 16);
                }
                else
                {
                    crypto.AesCmac(key, keyOffset, data, dataOffset, dataLength, block, blockOffset);
                    Util.ArrayCopy(block, blockOffset, output, (short)(outOffset + done), left);
                    Util.ArrayFill(block, blockOffset, 16, 0);
                    done = outLength;
                }
                i++;
            }
        }

        /// <summary>
        /// SCP03's derivation: writes the derivation header at <c>data[dataOffset..+16)</c> in front
        /// of the context already at <c>data[dataOffset+16..+16+contextLength)</c> and derives
        /// <paramref name="outLength"/> bytes (8 for a cryptogram, 16 for a session key).
        /// </summary>
        public static void DeriveScp03(ICrypto crypto, byte[] key, short keyOffset, byte constant,
            byte[] data, short dataOffset, short contextLength, byte[] output, short outOffset, short outLength,
            byte[] block, short blockOffset)
        {
            Util.ArrayFill(data, dataOffset, 11, 0);
            data[dataOffset + 11] = constant;
            data[dataOffset + 12] = 0;
            Util.SetShort(data, (short)(dataOffset + 13), (short)(outLength * 8));
            Derive(crypto, key, keyOffset, data, dataOffset, (short)(HeaderLength + contextLength), CounterOffset,
                output, outOffset, outLength, block, blockOffset);
        }
    }
}
