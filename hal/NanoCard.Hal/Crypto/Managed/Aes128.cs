using System;

namespace NanoCard.Hal.Crypto.Managed
{
    /// <summary>
    /// AES-128 (FIPS 197) in portable managed code, bitsliced so that it is constant-time: no table is
    /// indexed by key or data, and no branch depends on them. The 16-byte state is held as eight 16-bit
    /// bit-planes (plane i holds bit i of every state byte; byte n of the block is lane n, i.e. lane
    /// 4c + r for row r, column c). SubBytes computes the GF(2^8) inverse in the tower field
    /// GF((2^4)^2) with bitwise AND/XOR on the planes (all 16 bytes at once); ShiftRows and MixColumns
    /// are fixed bit permutations and XORs. The key schedule is expanded once by <see cref="SetKey"/>
    /// into a preallocated array; encryption and decryption allocate nothing. ECB and CBC helpers work
    /// on whole blocks (no padding); output may be the input array at the same offset. One instance
    /// per user, not thread-safe.
    /// </summary>
    public sealed class Aes128
    {
        /// <summary>Block size in bytes.</summary>
        public const short BlockSize = 16;

        /// <summary>Key size in bytes.</summary>
        public const short KeySize = 16;

        private const int Rounds = 10;

        // Round keys 0..10 as bit-planes, 8 words each.
        private readonly uint[] roundKeys = new uint[(Rounds + 1) * 8];
        private readonly uint[] state = new uint[8];
        // Byte form of the expanded key (FIPS 197 §5.2 words w[0..43]), wiped after SetKey.
        private readonly byte[] expanded = new byte[(Rounds + 1) * 16];
        // CBC chaining value and a copy of the current ciphertext block (decryption in place).
        private readonly byte[] chain = new byte[16];
        private readonly byte[] saved = new byte[16];
        private bool hasKey;

        /// <summary>True once <see cref="SetKey"/> has been called (and <see cref="ClearKey"/> has not).</summary>
        public bool HasKey => hasKey;

        /// <summary>Expands a 16-byte key (FIPS 197 §5.2) into the round-key array. Constant-time.</summary>
        /// <exception cref="ArgumentException">Fewer than 16 bytes at <paramref name="keyOffset"/>.</exception>
        public void SetKey(byte[] key, short keyOffset)
        {
            RangeCheck.Check(key, keyOffset, KeySize); // also rejects null (length 16)
            byte[] w = this.expanded;
            uint[] s = this.state;
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
            uint[] rk = roundKeys;
            for (int r = 0; r <= Rounds; r++)
            {
                Pack(w, r * 16, s);
                Array.Copy(s, 0, rk, r * 8, 8);
            }
            Array.Clear(w, 0, w.Length);
            Array.Clear(s, 0, 8);
            hasKey = true;
        }

        /// <summary>Wipes the round keys.</summary>
        public void ClearKey()
        {
            Array.Clear(roundKeys, 0, roundKeys.Length);
            Array.Clear(this.chain, 0, 16);
            Array.Clear(this.saved, 0, 16);
            hasKey = false;
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
            byte[] chain = this.chain;
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
            byte[] chain = this.chain;
            byte[] saved = this.saved;
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
            if (!hasKey)
            {
                throw new ArgumentException("no key");
            }
            if (input == null || output == null || (length & 15) != 0)
            {
                throw new ArgumentException("null array or length not a multiple of 16");
            }
            RangeCheck.Check(input, inOffset, length);
            RangeCheck.Check(output, outOffset, length);
        }

        private static void CheckIv(byte[] iv, int ivOffset)
        {
            RangeCheck.Check(iv, ivOffset, 16); // also rejects null
        }

        /// <summary>Cipher() of FIPS 197 §5.1 on the bit-planes.</summary>
        internal void EncryptCore(byte[] input, int inOffset, byte[] output, int outOffset)
        {
            uint[] s = this.state;
            uint[] rk = roundKeys;
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
            uint[] s = this.state;
            uint[] rk = roundKeys;
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

        /// <summary>
        /// SubBytes (§5.1.1): S(x) = A·x⁻¹ ⊕ {63}. The inverse is taken in a tower field (see
        /// <see cref="InvertTower"/>): x is first mapped into the tower basis by a fixed GF(2)-linear map T,
        /// and the result is mapped back by A·T⁻¹ (the affine map of §5.1.1 folded in), so SubBytes is
        /// linear map, inversion, linear map — all straight-line XOR/AND code over the 16 lanes.
        /// </summary>
        internal static void SubBytes(uint[] s)
        {
            uint x0 = s[0], x1 = s[1], x2 = s[2], x3 = s[3], x4 = s[4], x5 = s[5], x6 = s[6], x7 = s[7];
            uint t0 = x0 ^ x5;
            uint t1 = x2 ^ x3 ^ x5;
            uint t2 = x1 ^ x6 ^ x7;
            uint t3 = x1 ^ x3 ^ x6 ^ x7;
            uint t4 = x2 ^ x3 ^ x4 ^ x6 ^ x7;
            uint t5 = x2 ^ x3 ^ x5 ^ x7;
            uint t6 = x1 ^ x4 ^ x5 ^ x6;
            uint t7 = x5 ^ x7;
            s[0] = t0; s[1] = t1; s[2] = t2; s[3] = t3; s[4] = t4; s[5] = t5; s[6] = t6; s[7] = t7;
            InvertTower(s);
            t0 = s[0]; t1 = s[1]; t2 = s[2]; t3 = s[3]; t4 = s[4]; t5 = s[5]; t6 = s[6]; t7 = s[7];
            // A·T⁻¹, then ⊕ {63} (complementing lanes 0–15 of planes 0, 1, 5, 6).
            s[0] = t0 ^ t4 ^ t5 ^ t7 ^ 0xFFFF;
            s[1] = t0 ^ t2 ^ 0xFFFF;
            s[2] = t0 ^ t1 ^ t3;
            s[3] = t0 ^ t4 ^ t6;
            s[4] = t0 ^ t1 ^ t2 ^ t4 ^ t5 ^ t7;
            s[5] = t1 ^ t2 ^ t4 ^ t5 ^ t7 ^ 0xFFFF;
            s[6] = t4 ^ t7 ^ 0xFFFF;
            s[7] = t1 ^ t2 ^ t3 ^ t4;
        }

        /// <summary>
        /// InvSubBytes (§5.3.2): S⁻¹(y) = (A⁻¹·(y ⊕ {63}))⁻¹ = (A⁻¹·y ⊕ {05})⁻¹: the inverse affine map and T
        /// folded into one linear map plus the constant T·{05}, the tower inversion, then T⁻¹.
        /// </summary>
        internal static void InvSubBytes(uint[] s)
        {
            uint x0 = s[0], x1 = s[1], x2 = s[2], x3 = s[3], x4 = s[4], x5 = s[5], x6 = s[6], x7 = s[7];
            uint t0 = x4 ^ x5 ^ 0xFFFF;
            uint t1 = x0 ^ x1 ^ x5 ^ 0xFFFF;
            uint t2 = x1 ^ x4 ^ x5;
            uint t3 = x0 ^ x1 ^ x2 ^ x4;
            uint t4 = x1 ^ x2 ^ x7 ^ 0xFFFF;
            uint t5 = x0 ^ x4 ^ x5 ^ x6 ^ 0xFFFF;
            uint t6 = x1 ^ x2 ^ x3 ^ x4 ^ x5 ^ x7;
            uint t7 = x1 ^ x2 ^ x6 ^ x7;
            s[0] = t0; s[1] = t1; s[2] = t2; s[3] = t3; s[4] = t4; s[5] = t5; s[6] = t6; s[7] = t7;
            InvertTower(s);
            t0 = s[0]; t1 = s[1]; t2 = s[2]; t3 = s[3]; t4 = s[4]; t5 = s[5]; t6 = s[6]; t7 = s[7];
            s[0] = t0 ^ t1 ^ t5 ^ t7;
            s[1] = t4 ^ t5 ^ t6;
            s[2] = t2 ^ t3 ^ t5 ^ t7;
            s[3] = t2 ^ t3;
            s[4] = t2 ^ t6 ^ t7;
            s[5] = t1 ^ t5 ^ t7;
            s[6] = t1 ^ t2 ^ t4 ^ t6;
            s[7] = t1 ^ t5;
        }

        /// <summary>
        /// In-place multiplicative inverse (0 maps to 0) of all lanes, on planes in the tower basis: an
        /// element is a·Y + b with a, b in GF(2^4) = GF(2)[z]/(z^4 + z + 1) and Y² = Y + λ, λ = z³ + z
        /// ({a} in the nibble encoding). Then (a·Y + b)⁻¹ = aΔ⁻¹·Y + (a + b)Δ⁻¹ with Δ = λa² + ab + b²
        /// in GF(2^4). The tower field is isomorphic to the AES field GF(2)[x]/(x^8 + x^4 + x^3 + x + 1)
        /// (FIPS 197 §4.2) through x ↦ β = {4c}; the basis changes are the linear maps in
        /// <see cref="SubBytes"/>/<see cref="InvSubBytes"/> (derived offline, and checked exhaustively by
        /// the tests against the S-box computed from its definition). Straight-line AND/XOR code: no
        /// branch or memory index depends on the data. Only bitwise operations, so bits above lane 15
        /// never reach the lanes that are read.
        /// </summary>
        private static void InvertTower(uint[] s)
        {
            uint t0 = s[0], t1 = s[1], t2 = s[2], t3 = s[3], t4 = s[4], t5 = s[5], t6 = s[6], t7 = s[7];
            // input: the tower representation a·Y + b, a = (t4..t7), b = (t0..t3)
            uint a0 = t4, a1 = t5, a2 = t6, a3 = t7;
            // Δ = λa² + ab + b²  (the norm; Δ = 0 only for 0)
            uint q0 = a2 ^ a3;
            uint q1 = a0 ^ a1;
            uint q2 = a1 ^ a2;
            uint q3 = a0 ^ a1 ^ a2;
            uint r0 = t0 ^ t2;
            uint r1 = t2;
            uint r2 = t1 ^ t3;
            uint r3 = t3;
            uint p0 = (a0 & t0);
            uint p1 = (a0 & t1) ^ (a1 & t0);
            uint p2 = (a0 & t2) ^ (a1 & t1) ^ (a2 & t0);
            uint p3 = (a0 & t3) ^ (a1 & t2) ^ (a2 & t1) ^ (a3 & t0);
            uint p4 = (a1 & t3) ^ (a2 & t2) ^ (a3 & t1);
            uint p5 = (a2 & t3) ^ (a3 & t2);
            uint p6 = (a3 & t3);
            p2 ^= p6; p3 ^= p6;
            p1 ^= p5; p2 ^= p5;
            p0 ^= p4; p1 ^= p4;
            uint m0 = p0;
            uint m1 = p1;
            uint m2 = p2;
            uint m3 = p3;
            uint n0 = q0 ^ r0 ^ m0, n1 = q1 ^ r1 ^ m1, n2 = q2 ^ r2 ^ m2, n3 = q3 ^ r3 ^ m3;
            // Δ⁻¹ = Δ^14 = Δ² · Δ⁴ · Δ⁸ in GF(2^4) (squarings are linear)
            uint u0 = n0 ^ n2;
            uint u1 = n2;
            uint u2 = n1 ^ n3;
            uint u3 = n3;
            uint v0 = n0 ^ n1 ^ n2 ^ n3;
            uint v1 = n1 ^ n3;
            uint v2 = n2 ^ n3;
            uint v3 = n3;
            uint w0 = n0 ^ n1;
            uint w1 = n2 ^ n3;
            uint w2 = n1;
            uint w3 = n3;
            p0 = (u0 & v0);
            p1 = (u0 & v1) ^ (u1 & v0);
            p2 = (u0 & v2) ^ (u1 & v1) ^ (u2 & v0);
            p3 = (u0 & v3) ^ (u1 & v2) ^ (u2 & v1) ^ (u3 & v0);
            p4 = (u1 & v3) ^ (u2 & v2) ^ (u3 & v1);
            p5 = (u2 & v3) ^ (u3 & v2);
            p6 = (u3 & v3);
            p2 ^= p6; p3 ^= p6;
            p1 ^= p5; p2 ^= p5;
            p0 ^= p4; p1 ^= p4;
            uint k0 = p0;
            uint k1 = p1;
            uint k2 = p2;
            uint k3 = p3;
            p0 = (k0 & w0);
            p1 = (k0 & w1) ^ (k1 & w0);
            p2 = (k0 & w2) ^ (k1 & w1) ^ (k2 & w0);
            p3 = (k0 & w3) ^ (k1 & w2) ^ (k2 & w1) ^ (k3 & w0);
            p4 = (k1 & w3) ^ (k2 & w2) ^ (k3 & w1);
            p5 = (k2 & w3) ^ (k3 & w2);
            p6 = (k3 & w3);
            p2 ^= p6; p3 ^= p6;
            p1 ^= p5; p2 ^= p5;
            p0 ^= p4; p1 ^= p4;
            uint z0 = p0;
            uint z1 = p1;
            uint z2 = p2;
            uint z3 = p3;
            // inverse = aΔ⁻¹·Y + (a + b)Δ⁻¹
            p0 = (a0 & z0);
            p1 = (a0 & z1) ^ (a1 & z0);
            p2 = (a0 & z2) ^ (a1 & z1) ^ (a2 & z0);
            p3 = (a0 & z3) ^ (a1 & z2) ^ (a2 & z1) ^ (a3 & z0);
            p4 = (a1 & z3) ^ (a2 & z2) ^ (a3 & z1);
            p5 = (a2 & z3) ^ (a3 & z2);
            p6 = (a3 & z3);
            p2 ^= p6; p3 ^= p6;
            p1 ^= p5; p2 ^= p5;
            p0 ^= p4; p1 ^= p4;
            uint h0 = p0;
            uint h1 = p1;
            uint h2 = p2;
            uint h3 = p3;
            uint e0 = a0 ^ t0, e1 = a1 ^ t1, e2 = a2 ^ t2, e3 = a3 ^ t3;
            p0 = (e0 & z0);
            p1 = (e0 & z1) ^ (e1 & z0);
            p2 = (e0 & z2) ^ (e1 & z1) ^ (e2 & z0);
            p3 = (e0 & z3) ^ (e1 & z2) ^ (e2 & z1) ^ (e3 & z0);
            p4 = (e1 & z3) ^ (e2 & z2) ^ (e3 & z1);
            p5 = (e2 & z3) ^ (e3 & z2);
            p6 = (e3 & z3);
            p2 ^= p6; p3 ^= p6;
            p1 ^= p5; p2 ^= p5;
            p0 ^= p4; p1 ^= p4;
            uint l0 = p0;
            uint l1 = p1;
            uint l2 = p2;
            uint l3 = p3;
            t0 = l0; t1 = l1; t2 = l2; t3 = l3; t4 = h0; t5 = h1; t6 = h2; t7 = h3;
            s[0] = t0;
            s[1] = t1;
            s[2] = t2;
            s[3] = t3;
            s[4] = t4;
            s[5] = t5;
            s[6] = t6;
            s[7] = t7;
        }
    }
}
