using System;

namespace NanoCard.Hal.Crypto.Managed
{
    /// <summary>
    /// AES-128-CMAC (RFC 4493, NIST SP 800-38B) over <see cref="Aes128"/>. <see cref="SetKey"/> expands
    /// the key and derives the subkeys K1, K2 (RFC 4493 §2.3); <see cref="ComputeMac"/> then tags any
    /// message, including the empty one (§2.4). Constant-time in the key and data (the only branches
    /// depend on the message length); allocates nothing after construction. Not thread-safe.
    /// </summary>
    public sealed class AesCmac
    {
        /// <summary>Tag length in bytes.</summary>
        public const short MacLength = 16;

        private const int Rb = 0x87; // R128 of SP 800-38B §5.3

        private readonly Aes128 aes;
        private readonly byte[] k1 = new byte[16];
        private readonly byte[] k2 = new byte[16];
        private readonly byte[] x = new byte[16];

        public AesCmac()
            : this(new Aes128())
        {
        }

        /// <summary>A CMAC over <paramref name="aes"/>, shared with other AES work of the same engine (one key schedule in RAM): each use sets its own key.</summary>
        public AesCmac(Aes128 aes)
        {
            this.aes = aes;
        }

        /// <summary>True once a key has been set.</summary>
        public bool HasKey => aes.HasKey;

        /// <summary>Sets the 16-byte AES key and generates K1 and K2 (RFC 4493 §2.3).</summary>
        /// <exception cref="ArgumentException">Fewer than 16 bytes at <paramref name="keyOffset"/>.</exception>
        public void SetKey(byte[] key, short keyOffset)
        {
            aes.SetKey(key, keyOffset);
            byte[] l = this.x;
            Array.Clear(l, 0, 16);
            aes.EncryptCore(l, 0, l, 0); // L = AES-128(K, 0^128)
            DoubleBlock(l, this.k1);           // K1 = L·x in GF(2^128)
            DoubleBlock(this.k1, this.k2);         // K2 = K1·x
            Array.Clear(l, 0, 16);
        }

        /// <summary>Wipes the key and subkeys.</summary>
        public void ClearKey()
        {
            aes.ClearKey();
            Array.Clear(this.k1, 0, 16);
            Array.Clear(this.k2, 0, 16);
            Array.Clear(this.x, 0, 16);
        }

        /// <summary>
        /// The 16-byte CMAC tag (RFC 4493 §2.4) of <paramref name="length"/> bytes (0 allowed) of
        /// <paramref name="input"/>, written at <paramref name="macOffset"/> (the tag may overwrite the input).
        /// </summary>
        /// <exception cref="ArgumentException">No key, or a range outside its array.</exception>
        public void ComputeMac(byte[] input, short inOffset, short length, byte[] mac, short macOffset)
        {
            if (!aes.HasKey)
            {
                throw new ArgumentException("no key");
            }
            if (mac == null)
            {
                throw new ArgumentException("mac is null");
            }
            RangeCheck.Check(input, inOffset, length);
            RangeCheck.Check(mac, macOffset, MacLength);

            byte[] x = this.x;
            Array.Clear(x, 0, 16);
            // Steps 2–3: n blocks, the last one complete (xor K1) or padded with 10* (xor K2); n = 1 for
            // the empty message.
            int n = (length + 15) / 16;
            bool complete = n > 0 && length % 16 == 0;
            if (n == 0)
            {
                n = 1;
            }
            int offset = inOffset;
            // Step 6: X = AES(K, X xor Mi) over all blocks but the last (X starts at 0^128).
            for (int i = 0; i < n - 1; i++)
            {
                for (int k = 0; k < 16; k++)
                {
                    x[k] ^= input[offset + k];
                }
                aes.EncryptCore(x, 0, x, 0);
                offset += 16;
            }
            int last = length - (n - 1) * 16;
            if (complete)
            {
                byte[] k1 = this.k1;
                for (int k = 0; k < 16; k++)
                {
                    x[k] ^= (byte)(input[offset + k] ^ k1[k]);
                }
            }
            else
            {
                byte[] k2 = this.k2;
                for (int k = 0; k < last; k++)
                {
                    x[k] ^= input[offset + k];
                }
                x[last] ^= 0x80;
                for (int k = 0; k < 16; k++)
                {
                    x[k] ^= k2[k];
                }
            }
            aes.EncryptCore(x, 0, x, 0);
            Array.Copy(x, 0, mac, macOffset, 16);
            Array.Clear(x, 0, 16);
        }

        /// <summary>
        /// output = input·x in GF(2^128) (RFC 4493 §2.3): shift left one bit; if the top bit was set, xor
        /// Rb = 0x87 into the last byte. The condition becomes a mask, so no branch depends on the key.
        /// </summary>
        private static void DoubleBlock(byte[] input, byte[] output)
        {
            int mask = -(input[0] >> 7) & Rb;
            for (int i = 0; i < 15; i++)
            {
                output[i] = (byte)((input[i] << 1) | (input[i + 1] >> 7));
            }
            output[15] = (byte)((input[15] << 1) ^ mask);
        }
    }
}
