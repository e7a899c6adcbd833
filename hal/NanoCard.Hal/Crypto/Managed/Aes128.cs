using System;

namespace NanoCard.Hal.Crypto.Managed
{
    /// <summary>
    /// AES-128 (FIPS 197) in portable managed code, bitsliced so that it is constant-time: no table is
    /// indexed by key or data, and no branch depends on them. The 16-byte state is held as eight 16-bit
    /// bit-planes (plane i holds bit i of every state byte; byte n of the block is lane n, i.e. lane
    /// 4c + r for row r, column c). SubBytes computes the GF(2^8) inverse as x^254 with bitwise AND/XOR
    /// on the planes (all 16 bytes at once), ShiftRows and MixColumns are fixed bit permutations and
    /// XORs. The key schedule is expanded once by <see cref="SetKey"/> into a preallocated array;
    /// encryption and decryption allocate nothing. One instance per user, not thread-safe.
    /// </summary>
    public sealed class Aes128
    {
        /// <summary>Block size in bytes.</summary>
        public const short BlockSize = 16;

        /// <summary>Key size in bytes.</summary>
        public const short KeySize = 16;

        private const int Rounds = 10;

        // Round keys 0..10 as bit-planes, 8 words each.
        private readonly uint[] _roundKeys = new uint[(Rounds + 1) * 8];
        private readonly uint[] _state = new uint[8];
        // Byte form of the expanded key (FIPS 197 §5.2 words w[0..43]), wiped after SetKey.
        private readonly byte[] _expanded = new byte[(Rounds + 1) * 16];
        // CBC chaining value and a copy of the current ciphertext block (decryption in place).
        private readonly byte[] _chain = new byte[16];
        private readonly byte[] _saved = new byte[16];
        private bool _hasKey;

        /// <summary>True once <see cref="SetKey"/> has been called (and <see cref="ClearKey"/> has not).</summary>
        public bool HasKey => _hasKey;

        /// <summary>Expands a 16-byte key (FIPS 197 §5.2) into the round-key array. Constant-time.</summary>
        /// <exception cref="ArgumentException">Fewer than 16 bytes at <paramref name="keyOffset"/>.</exception>
        public void SetKey(byte[] key, short keyOffset)
        {
            Sha256.CheckRange(key, keyOffset, KeySize);
            if (key == null)
            {
                throw new ArgumentException("key is null");
            }
            byte[] w = _expanded;
            uint[] s = _state;
            Array.Copy(key, keyOffset, w, 0, 16);
            byte rcon = 1;
            for (int i = 16; i < w.Length; i += 4)
            {
                if ((i & 15) == 0)
                {
                    // temp = SubWord(RotWord(w[i-1])) xor Rcon[i/4]: the four S-box lookups go through
                    // the bitsliced S-box (lanes 0..3) rather than a table.
                    Array.Clear(s, 0, 8);
                    for (int j = 0; j < 4; j++)
                    {
                        int v = w[i - 4 + ((j + 1) & 3)];
                        for (int bit = 0; bit < 8; bit++)
                        {
                            s[bit] |= (uint)((v >> bit) & 1) << j;
                        }
                    }
                    SubBytes(s);
                    for (int j = 0; j < 4; j++)
                    {
                        int v = 0;
                        for (int bit = 0; bit < 8; bit++)
                        {
                            v |= (int)((s[bit] >> j) & 1) << bit;
                        }
                        w[i + j] = (byte)(v ^ w[i - 16 + j]);
                    }
                    w[i] ^= rcon;
                    // Rcon (§5.2) depends only on the round number: xtime of the previous value.
                    rcon = (byte)((rcon << 1) ^ ((rcon >> 7) * 0x1B));
                }
                else
                {
                    w[i] = (byte)(w[i - 4] ^ w[i - 16]);
                    w[i + 1] = (byte)(w[i - 3] ^ w[i - 15]);
                    w[i + 2] = (byte)(w[i - 2] ^ w[i - 14]);
                    w[i + 3] = (byte)(w[i - 1] ^ w[i - 13]);
                }
            }
            uint[] rk = _roundKeys;
            for (int r = 0; r <= Rounds; r++)
            {
                Pack(w, r * 16, s);
                Array.Copy(s, 0, rk, r * 8, 8);
            }
            Array.Clear(w, 0, w.Length);
            Array.Clear(s, 0, 8);
            _hasKey = true;
        }

        /// <summary>Wipes the round keys.</summary>
        public void ClearKey()
        {
            Array.Clear(_roundKeys, 0, _roundKeys.Length);
            Array.Clear(_chain, 0, 16);
            Array.Clear(_saved, 0, 16);
            _hasKey = false;
        }

        /// <summary>Encrypts one 16-byte block (FIPS 197 §5.1, Cipher()). Input and output may overlap exactly.</summary>
        public void EncryptBlock(byte[] input, short inOffset, byte[] output, short outOffset)
        {
            CheckBlocks(input, inOffset, output, outOffset, BlockSize);
            EncryptCore(input, inOffset, output, outOffset);
        }

        /// <summary>Decrypts one 16-byte block (FIPS 197 §5.3, InvCipher()). Input and output may overlap exactly.</summary>
        public void DecryptBlock(byte[] input, short inOffset, byte[] output, short outOffset)
        {
            CheckBlocks(input, inOffset, output, outOffset, BlockSize);
            DecryptCore(input, inOffset, output, outOffset);
        }

        /// <summary>ECB encryption (SP 800-38A §6.1) of <paramref name="length"/> bytes, a multiple of 16. Output may be the input (same offset).</summary>
        public void EncryptEcb(byte[] input, short inOffset, short length, byte[] output, short outOffset)
        {
            CheckBlocks(input, inOffset, output, outOffset, length);
            for (int n = 0; n < length; n += BlockSize)
            {
                EncryptCore(input, inOffset + n, output, outOffset + n);
            }
        }

        /// <summary>ECB decryption (SP 800-38A §6.1) of <paramref name="length"/> bytes, a multiple of 16. Output may be the input (same offset).</summary>
        public void DecryptEcb(byte[] input, short inOffset, short length, byte[] output, short outOffset)
        {
            CheckBlocks(input, inOffset, output, outOffset, length);
            for (int n = 0; n < length; n += BlockSize)
            {
                DecryptCore(input, inOffset + n, output, outOffset + n);
            }
        }

        /// <summary>
        /// CBC encryption (SP 800-38A §6.2), no padding: C1 = E(P1 xor IV), Cj = E(Pj xor Cj-1).
        /// <paramref name="length"/> is a multiple of 16; output may be the input (same offset); the IV is not modified.
        /// </summary>
        public void EncryptCbc(byte[] iv, short ivOffset, byte[] input, short inOffset, short length, byte[] output, short outOffset)
        {
            CheckBlocks(input, inOffset, output, outOffset, length);
            CheckIv(iv, ivOffset);
            byte[] chain = _chain;
            Array.Copy(iv, ivOffset, chain, 0, 16);
            for (int n = 0; n < length; n += BlockSize)
            {
                int i = inOffset + n;
                for (int k = 0; k < 16; k++)
                {
                    chain[k] ^= input[i + k];
                }
                EncryptCore(chain, 0, chain, 0);
                Array.Copy(chain, 0, output, outOffset + n, 16);
            }
            Array.Clear(chain, 0, 16);
        }

        /// <summary>
        /// CBC decryption (SP 800-38A §6.2), no padding: Pj = D(Cj) xor Cj-1 with C0 = IV.
        /// <paramref name="length"/> is a multiple of 16; output may be the input (same offset); the IV is not modified.
        /// </summary>
        public void DecryptCbc(byte[] iv, short ivOffset, byte[] input, short inOffset, short length, byte[] output, short outOffset)
        {
            CheckBlocks(input, inOffset, output, outOffset, length);
            CheckIv(iv, ivOffset);
            byte[] chain = _chain;
            byte[] saved = _saved;
            Array.Copy(iv, ivOffset, chain, 0, 16);
            for (int n = 0; n < length; n += BlockSize)
            {
                int i = inOffset + n;
                int o = outOffset + n;
                // Keep Cj: writing Pj may overwrite it when decrypting in place.
                Array.Copy(input, i, saved, 0, 16);
                DecryptCore(input, i, output, o);
                for (int k = 0; k < 16; k++)
                {
                    output[o + k] ^= chain[k];
                }
                Array.Copy(saved, 0, chain, 0, 16);
            }
            Array.Clear(chain, 0, 16);
            Array.Clear(saved, 0, 16);
        }

        private void CheckBlocks(byte[] input, int inOffset, byte[] output, int outOffset, int length)
        {
            if (!_hasKey)
            {
                throw new ArgumentException("no key");
            }
            if (input == null || output == null || (length & 15) != 0)
            {
                throw new ArgumentException("null array or length not a multiple of 16");
            }
            Sha256.CheckRange(input, inOffset, length);
            Sha256.CheckRange(output, outOffset, length);
        }

        private static void CheckIv(byte[] iv, int ivOffset)
        {
            if (iv == null)
            {
                throw new ArgumentException("iv is null");
            }
            Sha256.CheckRange(iv, ivOffset, 16);
        }

        /// <summary>Cipher() of FIPS 197 §5.1 on the bit-planes.</summary>
        internal void EncryptCore(byte[] input, int inOffset, byte[] output, int outOffset)
        {
            uint[] s = _state;
            uint[] rk = _roundKeys;
            Pack(input, inOffset, s);
            AddRoundKey(s, rk, 0);
            for (int round = 1; round < Rounds; round++)
            {
                SubBytes(s);
                ShiftRows(s);
                MixColumns(s);
                AddRoundKey(s, rk, round * 8);
            }
            SubBytes(s);
            ShiftRows(s);
            AddRoundKey(s, rk, Rounds * 8);
            Unpack(s, output, outOffset);
            Array.Clear(s, 0, 8);
        }

        /// <summary>InvCipher() of FIPS 197 §5.3 on the bit-planes.</summary>
        internal void DecryptCore(byte[] input, int inOffset, byte[] output, int outOffset)
        {
            uint[] s = _state;
            uint[] rk = _roundKeys;
            Pack(input, inOffset, s);
            AddRoundKey(s, rk, Rounds * 8);
            for (int round = Rounds - 1; round > 0; round--)
            {
                InvShiftRows(s);
                InvSubBytes(s);
                AddRoundKey(s, rk, round * 8);
                InvMixColumns(s);
            }
            InvShiftRows(s);
            InvSubBytes(s);
            AddRoundKey(s, rk, 0);
            Unpack(s, output, outOffset);
            Array.Clear(s, 0, 8);
        }

        /// <summary>
        /// Bytes → bit-planes: plane i, bit n = bit i of byte n. Each half block is an 8×8 bit matrix
        /// (byte n = row n) transposed by three delta swaps, after which byte i of the word is plane i.
        /// </summary>
        private static void Pack(byte[] b, int o, uint[] s)
        {
            ulong lo = Transpose8(LoadLittleEndian(b, o));
            ulong hi = Transpose8(LoadLittleEndian(b, o + 8));
            for (int i = 0; i < 8; i++)
            {
                s[i] = (uint)(lo >> (8 * i)) & 0xFF | ((uint)(hi >> (8 * i)) & 0xFF) << 8;
            }
        }

        /// <summary>Bit-planes → bytes, the inverse of <see cref="Pack"/> (the transpose is an involution).</summary>
        private static void Unpack(uint[] s, byte[] b, int o)
        {
            ulong lo = 0;
            ulong hi = 0;
            for (int i = 0; i < 8; i++)
            {
                lo |= (ulong)(s[i] & 0xFF) << (8 * i);
                hi |= (ulong)((s[i] >> 8) & 0xFF) << (8 * i);
            }
            StoreLittleEndian(Transpose8(lo), b, o);
            StoreLittleEndian(Transpose8(hi), b, o + 8);
        }

        private static ulong LoadLittleEndian(byte[] b, int o)
        {
            uint lo = b[o] | ((uint)b[o + 1] << 8) | ((uint)b[o + 2] << 16) | ((uint)b[o + 3] << 24);
            uint hi = b[o + 4] | ((uint)b[o + 5] << 8) | ((uint)b[o + 6] << 16) | ((uint)b[o + 7] << 24);
            return ((ulong)hi << 32) | lo;
        }

        private static void StoreLittleEndian(ulong v, byte[] b, int o)
        {
            for (int i = 0; i < 8; i++)
            {
                b[o + i] = (byte)(v >> (8 * i));
            }
        }

        /// <summary>Transposes the 8×8 bit matrix whose row r is byte r of x (bit 8r + c ↔ bit 8c + r).</summary>
        private static ulong Transpose8(ulong x)
        {
            ulong t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAUL;
            x = x ^ t ^ (t << 7);
            t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCUL;
            x = x ^ t ^ (t << 14);
            t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0UL;
            return x ^ t ^ (t << 28);
        }

        private static void AddRoundKey(uint[] s, uint[] rk, int offset)
        {
            for (int i = 0; i < 8; i++)
            {
                s[i] ^= rk[offset + i];
            }
        }

        /// <summary>
        /// ShiftRows (§5.1.2): s'[r,c] = s[r,(c+r) mod 4]. Lane 4c + r, so row r (lanes r, r+4, r+8, r+12)
        /// is rotated right by 4r lanes within the 16-bit plane.
        /// </summary>
        private static void ShiftRows(uint[] s)
        {
            for (int i = 0; i < 8; i++)
            {
                uint x = s[i];
                s[i] = (x & 0x1111)
                    | ((x >> 4) & 0x0222) | ((x << 12) & 0x2000)
                    | ((x >> 8) & 0x0044) | ((x << 8) & 0x4400)
                    | ((x << 4) & 0x8880) | ((x >> 12) & 0x0008);
            }
        }

        /// <summary>InvShiftRows (§5.3.1): row r rotated left by 4r lanes.</summary>
        private static void InvShiftRows(uint[] s)
        {
            for (int i = 0; i < 8; i++)
            {
                uint x = s[i];
                s[i] = (x & 0x1111)
                    | ((x << 4) & 0x2220) | ((x >> 12) & 0x0002)
                    | ((x >> 8) & 0x0044) | ((x << 8) & 0x4400)
                    | ((x >> 4) & 0x0888) | ((x << 12) & 0x8000);
            }
        }

        /// <summary>
        /// MixColumns (§5.1.3): s'r = {02}sr ⊕ {03}sr+1 ⊕ sr+2 ⊕ sr+3 = {02}t ⊕ sr+1 ⊕ (tr+2) with
        /// t = sr ⊕ sr+1. "Row + k" is a rotation of each 4-lane column nibble; {02}· (xtime, §4.2.1) moves
        /// planes: bit 7 folds into bits 0, 1, 3, 4 (x^8 = x^4 + x^3 + x + 1).
        /// </summary>
        private static void MixColumns(uint[] s)
        {
            uint a0 = s[0], a1 = s[1], a2 = s[2], a3 = s[3], a4 = s[4], a5 = s[5], a6 = s[6], a7 = s[7];
            uint r0 = Rot1(a0), r1 = Rot1(a1), r2 = Rot1(a2), r3 = Rot1(a3);
            uint r4 = Rot1(a4), r5 = Rot1(a5), r6 = Rot1(a6), r7 = Rot1(a7);
            uint t0 = a0 ^ r0, t1 = a1 ^ r1, t2 = a2 ^ r2, t3 = a3 ^ r3;
            uint t4 = a4 ^ r4, t5 = a5 ^ r5, t6 = a6 ^ r6, t7 = a7 ^ r7;
            s[0] = t7 ^ r0 ^ Rot2(t0);
            s[1] = t0 ^ t7 ^ r1 ^ Rot2(t1);
            s[2] = t1 ^ r2 ^ Rot2(t2);
            s[3] = t2 ^ t7 ^ r3 ^ Rot2(t3);
            s[4] = t3 ^ t7 ^ r4 ^ Rot2(t4);
            s[5] = t4 ^ r5 ^ Rot2(t5);
            s[6] = t5 ^ r6 ^ Rot2(t6);
            s[7] = t6 ^ r7 ^ Rot2(t7);
        }

        /// <summary>
        /// InvMixColumns (§5.3.3) as MixColumns after multiplying each column by {04}x^2 + {05}
        /// (since ({03}x^3 + x^2 + x + {02})·({04}x^2 + {05}) = {0b}x^3 + {0d}x^2 + {09}x + {0e} mod x^4 + 1):
        /// s'r = sr ⊕ {04}(sr ⊕ sr+2).
        /// </summary>
        private static void InvMixColumns(uint[] s)
        {
            uint u0 = s[0] ^ Rot2(s[0]), u1 = s[1] ^ Rot2(s[1]), u2 = s[2] ^ Rot2(s[2]), u3 = s[3] ^ Rot2(s[3]);
            uint u4 = s[4] ^ Rot2(s[4]), u5 = s[5] ^ Rot2(s[5]), u6 = s[6] ^ Rot2(s[6]), u7 = s[7] ^ Rot2(s[7]);
            // {04}u = xtime(xtime(u)): bits 6 and 7 fold back through x^8 = x^4 + x^3 + x + 1.
            s[0] ^= u6;
            s[1] ^= u6 ^ u7;
            s[2] ^= u0 ^ u7;
            s[3] ^= u1 ^ u6;
            s[4] ^= u2 ^ u6 ^ u7;
            s[5] ^= u3 ^ u7;
            s[6] ^= u4;
            s[7] ^= u5;
            MixColumns(s);
        }

        /// <summary>Lane 4c + r takes lane 4c + (r+1 mod 4): each column's row r+1 moves to row r.</summary>
        private static uint Rot1(uint x)
        {
            return ((x >> 1) & 0x7777) | ((x << 3) & 0x8888);
        }

        /// <summary>Lane 4c + r takes lane 4c + (r+2 mod 4).</summary>
        private static uint Rot2(uint x)
        {
            return ((x >> 2) & 0x3333) | ((x << 2) & 0xCCCC);
        }

        /// <summary>SubBytes (§5.1.1): inverse in GF(2^8), then the affine map b'i = bi ⊕ bi+4 ⊕ bi+5 ⊕ bi+6 ⊕ bi+7 ⊕ {63}i.</summary>
        internal static void SubBytes(uint[] s)
        {
            Invert(s);
            uint b0 = s[0], b1 = s[1], b2 = s[2], b3 = s[3], b4 = s[4], b5 = s[5], b6 = s[6], b7 = s[7];
            // {63} = bits 0, 1, 5, 6: complemented over all 16 lanes (bits above lane 15 are never read).
            s[0] = b0 ^ b4 ^ b5 ^ b6 ^ b7 ^ 0xFFFF;
            s[1] = b1 ^ b5 ^ b6 ^ b7 ^ b0 ^ 0xFFFF;
            s[2] = b2 ^ b6 ^ b7 ^ b0 ^ b1;
            s[3] = b3 ^ b7 ^ b0 ^ b1 ^ b2;
            s[4] = b4 ^ b0 ^ b1 ^ b2 ^ b3;
            s[5] = b5 ^ b1 ^ b2 ^ b3 ^ b4 ^ 0xFFFF;
            s[6] = b6 ^ b2 ^ b3 ^ b4 ^ b5 ^ 0xFFFF;
            s[7] = b7 ^ b3 ^ b4 ^ b5 ^ b6;
        }

        /// <summary>InvSubBytes (§5.3.2): inverse affine map b'i = bi+2 ⊕ bi+5 ⊕ bi+7 ⊕ {05}i, then the GF(2^8) inverse.</summary>
        internal static void InvSubBytes(uint[] s)
        {
            uint b0 = s[0], b1 = s[1], b2 = s[2], b3 = s[3], b4 = s[4], b5 = s[5], b6 = s[6], b7 = s[7];
            s[0] = b2 ^ b5 ^ b7 ^ 0xFFFF;
            s[1] = b3 ^ b6 ^ b0;
            s[2] = b4 ^ b7 ^ b1 ^ 0xFFFF;
            s[3] = b5 ^ b0 ^ b2;
            s[4] = b6 ^ b1 ^ b3;
            s[5] = b7 ^ b2 ^ b4;
            s[6] = b0 ^ b3 ^ b5;
            s[7] = b1 ^ b4 ^ b6;
            Invert(s);
        }

        /// <summary>
        /// In-place multiplicative inverse in GF(2^8) (0 maps to 0) of all lanes at once; straight-line
        /// AND/XOR code, so its timing does not depend on the data. Lane bits above 15 may hold garbage;
        /// they never reach lanes 0–15 here (no shifts).
        /// </summary>
        private static void Invert(uint[] s)
        {
            uint x0 = s[0], x1 = s[1], x2 = s[2], x3 = s[3], x4 = s[4], x5 = s[5], x6 = s[6], x7 = s[7];
            // x^254 = x^-1 (x != 0; 0 -> 0) with the chain x^2, x^3, x^12, x^15, x^240, x^252, x^254:
            // four multiplications, the squarings being linear maps (FIPS 197 §4.2, §5.1.1).
            uint q0 = x0 ^ x4 ^ x6;
            uint q1 = x4 ^ x6 ^ x7;
            uint q2 = x1 ^ x5;
            uint q3 = x4 ^ x5 ^ x6 ^ x7;
            uint q4 = x2 ^ x4 ^ x7;
            uint q5 = x5 ^ x6;
            uint q6 = x3 ^ x5;
            uint q7 = x6 ^ x7;
            // q = x^2
            uint p0 = (q0 & x0);
            uint p1 = (q0 & x1) ^ (q1 & x0);
            uint p2 = (q0 & x2) ^ (q1 & x1) ^ (q2 & x0);
            uint p3 = (q0 & x3) ^ (q1 & x2) ^ (q2 & x1) ^ (q3 & x0);
            uint p4 = (q0 & x4) ^ (q1 & x3) ^ (q2 & x2) ^ (q3 & x1) ^ (q4 & x0);
            uint p5 = (q0 & x5) ^ (q1 & x4) ^ (q2 & x3) ^ (q3 & x2) ^ (q4 & x1) ^ (q5 & x0);
            uint p6 = (q0 & x6) ^ (q1 & x5) ^ (q2 & x4) ^ (q3 & x3) ^ (q4 & x2) ^ (q5 & x1) ^ (q6 & x0);
            uint p7 = (q0 & x7) ^ (q1 & x6) ^ (q2 & x5) ^ (q3 & x4) ^ (q4 & x3) ^ (q5 & x2) ^ (q6 & x1) ^ (q7 & x0);
            uint p8 = (q1 & x7) ^ (q2 & x6) ^ (q3 & x5) ^ (q4 & x4) ^ (q5 & x3) ^ (q6 & x2) ^ (q7 & x1);
            uint p9 = (q2 & x7) ^ (q3 & x6) ^ (q4 & x5) ^ (q5 & x4) ^ (q6 & x3) ^ (q7 & x2);
            uint p10 = (q3 & x7) ^ (q4 & x6) ^ (q5 & x5) ^ (q6 & x4) ^ (q7 & x3);
            uint p11 = (q4 & x7) ^ (q5 & x6) ^ (q6 & x5) ^ (q7 & x4);
            uint p12 = (q5 & x7) ^ (q6 & x6) ^ (q7 & x5);
            uint p13 = (q6 & x7) ^ (q7 & x6);
            uint p14 = (q7 & x7);
            p10 ^= p14; p9 ^= p14; p7 ^= p14; p6 ^= p14;
            p9 ^= p13; p8 ^= p13; p6 ^= p13; p5 ^= p13;
            p8 ^= p12; p7 ^= p12; p5 ^= p12; p4 ^= p12;
            p7 ^= p11; p6 ^= p11; p4 ^= p11; p3 ^= p11;
            p6 ^= p10; p5 ^= p10; p3 ^= p10; p2 ^= p10;
            p5 ^= p9; p4 ^= p9; p2 ^= p9; p1 ^= p9;
            p4 ^= p8; p3 ^= p8; p1 ^= p8; p0 ^= p8;
            uint c0 = p0;
            uint c1 = p1;
            uint c2 = p2;
            uint c3 = p3;
            uint c4 = p4;
            uint c5 = p5;
            uint c6 = p6;
            uint c7 = p7;
            // c = x^3
            uint d0 = c0 ^ c2 ^ c3 ^ c5 ^ c6 ^ c7;
            uint d1 = c2 ^ c3 ^ c4 ^ c5 ^ c6;
            uint d2 = c4 ^ c5 ^ c7;
            uint d3 = c2 ^ c3 ^ c4;
            uint d4 = c1 ^ c2 ^ c4 ^ c5 ^ c6;
            uint d5 = c3 ^ c6;
            uint d6 = c4 ^ c7;
            uint d7 = c3 ^ c5 ^ c6 ^ c7;
            // d = x^12
            p0 = (d0 & c0);
            p1 = (d0 & c1) ^ (d1 & c0);
            p2 = (d0 & c2) ^ (d1 & c1) ^ (d2 & c0);
            p3 = (d0 & c3) ^ (d1 & c2) ^ (d2 & c1) ^ (d3 & c0);
            p4 = (d0 & c4) ^ (d1 & c3) ^ (d2 & c2) ^ (d3 & c1) ^ (d4 & c0);
            p5 = (d0 & c5) ^ (d1 & c4) ^ (d2 & c3) ^ (d3 & c2) ^ (d4 & c1) ^ (d5 & c0);
            p6 = (d0 & c6) ^ (d1 & c5) ^ (d2 & c4) ^ (d3 & c3) ^ (d4 & c2) ^ (d5 & c1) ^ (d6 & c0);
            p7 = (d0 & c7) ^ (d1 & c6) ^ (d2 & c5) ^ (d3 & c4) ^ (d4 & c3) ^ (d5 & c2) ^ (d6 & c1) ^ (d7 & c0);
            p8 = (d1 & c7) ^ (d2 & c6) ^ (d3 & c5) ^ (d4 & c4) ^ (d5 & c3) ^ (d6 & c2) ^ (d7 & c1);
            p9 = (d2 & c7) ^ (d3 & c6) ^ (d4 & c5) ^ (d5 & c4) ^ (d6 & c3) ^ (d7 & c2);
            p10 = (d3 & c7) ^ (d4 & c6) ^ (d5 & c5) ^ (d6 & c4) ^ (d7 & c3);
            p11 = (d4 & c7) ^ (d5 & c6) ^ (d6 & c5) ^ (d7 & c4);
            p12 = (d5 & c7) ^ (d6 & c6) ^ (d7 & c5);
            p13 = (d6 & c7) ^ (d7 & c6);
            p14 = (d7 & c7);
            p10 ^= p14; p9 ^= p14; p7 ^= p14; p6 ^= p14;
            p9 ^= p13; p8 ^= p13; p6 ^= p13; p5 ^= p13;
            p8 ^= p12; p7 ^= p12; p5 ^= p12; p4 ^= p12;
            p7 ^= p11; p6 ^= p11; p4 ^= p11; p3 ^= p11;
            p6 ^= p10; p5 ^= p10; p3 ^= p10; p2 ^= p10;
            p5 ^= p9; p4 ^= p9; p2 ^= p9; p1 ^= p9;
            p4 ^= p8; p3 ^= p8; p1 ^= p8; p0 ^= p8;
            uint e0 = p0;
            uint e1 = p1;
            uint e2 = p2;
            uint e3 = p3;
            uint e4 = p4;
            uint e5 = p5;
            uint e6 = p6;
            uint e7 = p7;
            // e = x^15
            uint f0 = e0 ^ e4 ^ e5 ^ e6;
            uint f1 = e1;
            uint f2 = e1 ^ e2 ^ e4 ^ e6 ^ e7;
            uint f3 = e1 ^ e3 ^ e4 ^ e6 ^ e7;
            uint f4 = e1 ^ e5 ^ e6;
            uint f5 = e2 ^ e3 ^ e7;
            uint f6 = e1 ^ e2 ^ e3 ^ e4 ^ e7;
            uint f7 = e2 ^ e3 ^ e5;
            // f = x^240
            p0 = (f0 & d0);
            p1 = (f0 & d1) ^ (f1 & d0);
            p2 = (f0 & d2) ^ (f1 & d1) ^ (f2 & d0);
            p3 = (f0 & d3) ^ (f1 & d2) ^ (f2 & d1) ^ (f3 & d0);
            p4 = (f0 & d4) ^ (f1 & d3) ^ (f2 & d2) ^ (f3 & d1) ^ (f4 & d0);
            p5 = (f0 & d5) ^ (f1 & d4) ^ (f2 & d3) ^ (f3 & d2) ^ (f4 & d1) ^ (f5 & d0);
            p6 = (f0 & d6) ^ (f1 & d5) ^ (f2 & d4) ^ (f3 & d3) ^ (f4 & d2) ^ (f5 & d1) ^ (f6 & d0);
            p7 = (f0 & d7) ^ (f1 & d6) ^ (f2 & d5) ^ (f3 & d4) ^ (f4 & d3) ^ (f5 & d2) ^ (f6 & d1) ^ (f7 & d0);
            p8 = (f1 & d7) ^ (f2 & d6) ^ (f3 & d5) ^ (f4 & d4) ^ (f5 & d3) ^ (f6 & d2) ^ (f7 & d1);
            p9 = (f2 & d7) ^ (f3 & d6) ^ (f4 & d5) ^ (f5 & d4) ^ (f6 & d3) ^ (f7 & d2);
            p10 = (f3 & d7) ^ (f4 & d6) ^ (f5 & d5) ^ (f6 & d4) ^ (f7 & d3);
            p11 = (f4 & d7) ^ (f5 & d6) ^ (f6 & d5) ^ (f7 & d4);
            p12 = (f5 & d7) ^ (f6 & d6) ^ (f7 & d5);
            p13 = (f6 & d7) ^ (f7 & d6);
            p14 = (f7 & d7);
            p10 ^= p14; p9 ^= p14; p7 ^= p14; p6 ^= p14;
            p9 ^= p13; p8 ^= p13; p6 ^= p13; p5 ^= p13;
            p8 ^= p12; p7 ^= p12; p5 ^= p12; p4 ^= p12;
            p7 ^= p11; p6 ^= p11; p4 ^= p11; p3 ^= p11;
            p6 ^= p10; p5 ^= p10; p3 ^= p10; p2 ^= p10;
            p5 ^= p9; p4 ^= p9; p2 ^= p9; p1 ^= p9;
            p4 ^= p8; p3 ^= p8; p1 ^= p8; p0 ^= p8;
            uint g0 = p0;
            uint g1 = p1;
            uint g2 = p2;
            uint g3 = p3;
            uint g4 = p4;
            uint g5 = p5;
            uint g6 = p6;
            uint g7 = p7;
            // g = x^252
            p0 = (g0 & q0);
            p1 = (g0 & q1) ^ (g1 & q0);
            p2 = (g0 & q2) ^ (g1 & q1) ^ (g2 & q0);
            p3 = (g0 & q3) ^ (g1 & q2) ^ (g2 & q1) ^ (g3 & q0);
            p4 = (g0 & q4) ^ (g1 & q3) ^ (g2 & q2) ^ (g3 & q1) ^ (g4 & q0);
            p5 = (g0 & q5) ^ (g1 & q4) ^ (g2 & q3) ^ (g3 & q2) ^ (g4 & q1) ^ (g5 & q0);
            p6 = (g0 & q6) ^ (g1 & q5) ^ (g2 & q4) ^ (g3 & q3) ^ (g4 & q2) ^ (g5 & q1) ^ (g6 & q0);
            p7 = (g0 & q7) ^ (g1 & q6) ^ (g2 & q5) ^ (g3 & q4) ^ (g4 & q3) ^ (g5 & q2) ^ (g6 & q1) ^ (g7 & q0);
            p8 = (g1 & q7) ^ (g2 & q6) ^ (g3 & q5) ^ (g4 & q4) ^ (g5 & q3) ^ (g6 & q2) ^ (g7 & q1);
            p9 = (g2 & q7) ^ (g3 & q6) ^ (g4 & q5) ^ (g5 & q4) ^ (g6 & q3) ^ (g7 & q2);
            p10 = (g3 & q7) ^ (g4 & q6) ^ (g5 & q5) ^ (g6 & q4) ^ (g7 & q3);
            p11 = (g4 & q7) ^ (g5 & q6) ^ (g6 & q5) ^ (g7 & q4);
            p12 = (g5 & q7) ^ (g6 & q6) ^ (g7 & q5);
            p13 = (g6 & q7) ^ (g7 & q6);
            p14 = (g7 & q7);
            p10 ^= p14; p9 ^= p14; p7 ^= p14; p6 ^= p14;
            p9 ^= p13; p8 ^= p13; p6 ^= p13; p5 ^= p13;
            p8 ^= p12; p7 ^= p12; p5 ^= p12; p4 ^= p12;
            p7 ^= p11; p6 ^= p11; p4 ^= p11; p3 ^= p11;
            p6 ^= p10; p5 ^= p10; p3 ^= p10; p2 ^= p10;
            p5 ^= p9; p4 ^= p9; p2 ^= p9; p1 ^= p9;
            p4 ^= p8; p3 ^= p8; p1 ^= p8; p0 ^= p8;
            uint h0 = p0;
            uint h1 = p1;
            uint h2 = p2;
            uint h3 = p3;
            uint h4 = p4;
            uint h5 = p5;
            uint h6 = p6;
            uint h7 = p7;
            // h = x^254
            s[0] = h0;
            s[1] = h1;
            s[2] = h2;
            s[3] = h3;
            s[4] = h4;
            s[5] = h5;
            s[6] = h6;
            s[7] = h7;
        }
    }
}
