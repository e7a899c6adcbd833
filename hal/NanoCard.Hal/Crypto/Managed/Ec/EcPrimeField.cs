namespace NanoCard.Hal.Crypto.Managed
{
    /// <summary>
    /// Arithmetic modulo the P-256 or P-384 prime on 8 or 12 little-endian 32-bit limbs, every
    /// result fully reduced into [0, p). Products are schoolbook with 64-bit accumulators, then
    /// the fast reduction for generalized-Mersenne primes of FIPS 186-4 §D.2.3 (P-256) and §D.2.4
    /// (P-384): the high words are added back in the fixed patterns the standard gives, with a
    /// signed carry. Constant time: no branch or index depends on the values, the final
    /// subtraction of p is chosen with a mask. Not thread-safe (scratch buffers are per instance,
    /// allocated here so the operations allocate nothing).
    /// </summary>
    internal sealed class EcPrimeField
    {
        internal readonly int N;
        internal readonly uint[] P;
        private readonly bool p384;
        private readonly uint[] wide;
        private readonly uint[] scratch;
        private readonly uint[] pMinus2;
        private readonly uint[] powTable; // 16 × N: a^0 .. a^15 for the fixed-window exponentiation
        private readonly uint[] powAcc;
        private readonly uint[] powBase;

        internal EcPrimeField(bool p384)
        {
            this.p384 = p384;
            N = p384 ? 12 : 8;
            P = new uint[N];
            if (p384)
            {
                // p = 2^384 − 2^128 − 2^96 + 2^32 − 1 (FIPS 186-4 §D.1.2.4)
                uint[] v = { 0xFFFFFFFF, 0x00000000, 0x00000000, 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFF,
                             0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF };
                System.Array.Copy(v, P, N);
            }
            else
            {
                // p = 2^256 − 2^224 + 2^192 + 2^96 − 1 (FIPS 186-4 §D.1.2.3)
                uint[] v = { 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000, 0x00000000, 0x00000000,
                             0x00000001, 0xFFFFFFFF };
                System.Array.Copy(v, P, N);
            }
            wide = new uint[2 * N];
            this.scratch = new uint[N];
            pMinus2 = new uint[N];
            System.Array.Copy(P, pMinus2, N);
            pMinus2[0] -= 2; // p is odd and its low word is 0xFFFFFFFF: no borrow
            powTable = new uint[16 * N];
            powAcc = new uint[N];
            powBase = new uint[N];
        }

        /// <summary>r = a + b mod p (a, b &lt; p). r may alias a or b.</summary>
        internal void Add(uint[] r, uint[] a, uint[] b)
        {
            EcLimbs.AddMod(r, a, b, P, this.scratch, N);
        }

        /// <summary>r = a − b mod p (a, b &lt; p). r may alias a or b.</summary>
        internal void Sub(uint[] r, uint[] a, uint[] b)
        {
            int n = N;
            long borrow = 0;
            for (int i = 0; i < n; i++)
            {
                borrow = (long)a[i] - b[i] + borrow;
                r[i] = (uint)borrow;
                borrow >>= 32;
            }
            // Borrow −1: add p back (masked, so the same instructions run either way).
            uint mask = (uint)borrow;
            ulong carry = 0;
            uint[] p = P;
            for (int i = 0; i < n; i++)
            {
                carry += (ulong)r[i] + (p[i] & mask);
                r[i] = (uint)carry;
                carry >>= 32;
            }
        }

        /// <summary>r = a · b mod p. r may alias a or b.</summary>
        internal void Mul(uint[] r, uint[] a, uint[] b)
        {
            int n = N;
            uint[] w = wide;
            ulong carry = 0;
            uint ai = a[0];
            for (int j = 0; j < n; j++)
            {
                carry += (ulong)ai * b[j];
                w[j] = (uint)carry;
                carry >>= 32;
            }
            w[n] = (uint)carry;
            for (int i = 1; i < n; i++)
            {
                ai = a[i];
                carry = 0;
                int k = i;
                for (int j = 0; j < n; j++, k++)
                {
                    carry += (ulong)ai * b[j] + w[k];
                    w[k] = (uint)carry;
                    carry >>= 32;
                }
                w[k] = (uint)carry;
            }
            Reduce(r, w);
        }

        /// <summary>r = a² mod p: the cross products once, doubled, plus the squares. r may alias a.</summary>
        internal void Sqr(uint[] r, uint[] a)
        {
            int n = N;
            uint[] w = wide;
            for (int i = 0; i < n; i++)
            {
                w[i] = 0;
            }
            for (int i = 0; i < n - 1; i++)
            {
                uint ai = a[i];
                ulong carry = 0;
                int k = 2 * i + 1;
                for (int j = i + 1; j < n; j++, k++)
                {
                    carry += (ulong)ai * a[j] + w[k];
                    w[k] = (uint)carry;
                    carry >>= 32;
                }
                w[k] = (uint)carry;
            }
            w[2 * n - 1] = 0;
            // Double the cross products.
            uint top = 0;
            for (int i = 0; i < 2 * n; i++)
            {
                uint v = w[i];
                w[i] = (v << 1) | top;
                top = v >> 31;
            }
            // Add the squares a[i]² at word 2i.
            ulong c = 0;
            for (int i = 0; i < n; i++)
            {
                ulong sq = (ulong)a[i] * a[i];
                c += (ulong)w[2 * i] + (uint)sq;
                w[2 * i] = (uint)c;
                c >>= 32;
                c += (ulong)w[2 * i + 1] + (sq >> 32);
                w[2 * i + 1] = (uint)c;
                c >>= 32;
            }
            Reduce(r, w);
        }

        private void Reduce(uint[] r, uint[] c)
        {
            if (this.p384)
            {
                Reduce384(r, c);
            }
            else
            {
                Reduce256(r, c);
            }
            // Both leave N words, below 2^(32N) < 2p: subtract p once under a mask.
            EcLimbs.ConditionalSubtract(r, r, P, this.scratch, N, 0);
        }

        /// <summary>
        /// FIPS 186-4 §D.2.3: with c = (c15, …, c0) the 512-bit product,
        /// c ≡ s1 + 2s2 + 2s3 + s4 + s5 − s6 − s7 − s8 − s9 (mod p). The terms are summed word by
        /// word with a signed 64-bit carry; the small signed top word t is then folded back with
        /// 2^256 ≡ 2^224 − 2^192 − 2^96 + 1 (twice, which always brings it to 0); <see cref="Reduce"/>
        /// then subtracts p once under a mask.
        /// </summary>
        private void Reduce256(uint[] r, uint[] w)
        {
            long c0 = w[0], c1 = w[1], c2 = w[2], c3 = w[3], c4 = w[4], c5 = w[5], c6 = w[6], c7 = w[7];
            long c8 = w[8], c9 = w[9], c10 = w[10], c11 = w[11], c12 = w[12], c13 = w[13], c14 = w[14], c15 = w[15];
            long acc = c0 + c8 + c9 - c11 - c12 - c13 - c14;
            r[0] = (uint)acc; acc >>= 32;
            acc += c1 + c9 + c10 - c12 - c13 - c14 - c15;
            r[1] = (uint)acc; acc >>= 32;
            acc += c2 + c10 + c11 - c13 - c14 - c15;
            r[2] = (uint)acc; acc >>= 32;
            acc += c3 + 2 * (c11 + c12) + c13 - c15 - c8 - c9;
            r[3] = (uint)acc; acc >>= 32;
            acc += c4 + 2 * (c12 + c13) + c14 - c9 - c10;
            r[4] = (uint)acc; acc >>= 32;
            acc += c5 + 2 * (c13 + c14) + c15 - c10 - c11;
            r[5] = (uint)acc; acc >>= 32;
            acc += c6 + 3 * c14 + 2 * c15 + c13 - c8 - c9;
            r[6] = (uint)acc; acc >>= 32;
            acc += c7 + 3 * c15 + c8 - c10 - c11 - c12 - c13;
            r[7] = (uint)acc; acc >>= 32;
            long t = Fold256(r, acc);
            Fold256(r, t);
        }

        private static long Fold256(uint[] r, long t)
        {
            long acc = (long)r[0] + t;
            r[0] = (uint)acc; acc >>= 32;
            acc += r[1]; r[1] = (uint)acc; acc >>= 32;
            acc += r[2]; r[2] = (uint)acc; acc >>= 32;
            acc += (long)r[3] - t; r[3] = (uint)acc; acc >>= 32;
            acc += r[4]; r[4] = (uint)acc; acc >>= 32;
            acc += r[5]; r[5] = (uint)acc; acc >>= 32;
            acc += (long)r[6] - t; r[6] = (uint)acc; acc >>= 32;
            acc += (long)r[7] + t; r[7] = (uint)acc; acc >>= 32;
            return acc;
        }

        /// <summary>
        /// FIPS 186-4 §D.2.4: with c = (c23, …, c0),
        /// c ≡ s1 + 2s2 + s3 + s4 + s5 + s6 + s7 − d1 − d2 − d3 (mod p), summed per word with a
        /// signed carry; the top word is folded back twice with 2^384 ≡ 2^128 + 2^96 − 2^32 + 1;
        /// <see cref="Reduce"/> then subtracts p once under a mask.
        /// </summary>
        private void Reduce384(uint[] r, uint[] w)
        {
            long c0 = w[0], c1 = w[1], c2 = w[2], c3 = w[3], c4 = w[4], c5 = w[5], c6 = w[6], c7 = w[7];
            long c8 = w[8], c9 = w[9], c10 = w[10], c11 = w[11], c12 = w[12], c13 = w[13], c14 = w[14], c15 = w[15];
            long c16 = w[16], c17 = w[17], c18 = w[18], c19 = w[19], c20 = w[20], c21 = w[21], c22 = w[22], c23 = w[23];
            long acc = c0 + c12 + c21 + c20 - c23;
            r[0] = (uint)acc; acc >>= 32;
            acc += c1 + c13 + c22 + c23 - c12 - c20;
            r[1] = (uint)acc; acc >>= 32;
            acc += c2 + c14 + c23 - c13 - c21;
            r[2] = (uint)acc; acc >>= 32;
            acc += c3 + c15 + c12 + c20 + c21 - c14 - c22 - c23;
            r[3] = (uint)acc; acc >>= 32;
            acc += c4 + 2 * c21 + c16 + c13 + c12 + c20 + c22 - c15 - 2 * c23;
            r[4] = (uint)acc; acc >>= 32;
            acc += c5 + 2 * c22 + c17 + c14 + c13 + c21 + c23 - c16;
            r[5] = (uint)acc; acc >>= 32;
            acc += c6 + 2 * c23 + c18 + c15 + c14 + c22 - c17;
            r[6] = (uint)acc; acc >>= 32;
            acc += c7 + c19 + c16 + c15 + c23 - c18;
            r[7] = (uint)acc; acc >>= 32;
            acc += c8 + c20 + c17 + c16 - c19;
            r[8] = (uint)acc; acc >>= 32;
            acc += c9 + c21 + c18 + c17 - c20;
            r[9] = (uint)acc; acc >>= 32;
            acc += c10 + c22 + c19 + c18 - c21;
            r[10] = (uint)acc; acc >>= 32;
            acc += c11 + c23 + c20 + c19 - c22;
            r[11] = (uint)acc; acc >>= 32;
            long t = Fold384(r, acc);
            Fold384(r, t);
        }

        private static long Fold384(uint[] r, long t)
        {
            long acc = (long)r[0] + t;
            r[0] = (uint)acc; acc >>= 32;
            acc += (long)r[1] - t; r[1] = (uint)acc; acc >>= 32;
            acc += r[2]; r[2] = (uint)acc; acc >>= 32;
            acc += (long)r[3] + t; r[3] = (uint)acc; acc >>= 32;
            acc += (long)r[4] + t; r[4] = (uint)acc; acc >>= 32;
            for (int i = 5; i < 12; i++)
            {
                acc += r[i];
                r[i] = (uint)acc;
                acc >>= 32;
            }
            return acc;
        }

        /// <summary>
        /// r = a⁻¹ mod p by Fermat's little theorem, a^(p−2) (a ≠ 0; 0 maps to 0). Fixed 4-bit
        /// windows over the public exponent with a table lookup by mask scan, so the sequence of
        /// operations and memory accesses does not depend on a.
        /// </summary>
        internal void Invert(uint[] r, uint[] a)
        {
            ModPow(r, a, pMinus2);
        }

        private void ModPow(uint[] r, uint[] a, uint[] e)
        {
            int n = N;
            uint[] table = powTable;
            uint[] acc = powAcc;
            uint[] x = powBase;
            // table[0] = 1, table[i] = a^i
            EcLimbs.Clear(acc, n);
            acc[0] = 1;
            System.Array.Copy(acc, 0, table, 0, n);
            EcLimbs.Copy(x, a, n);
            System.Array.Copy(x, 0, table, n, n);
            for (int i = 2; i < 16; i++)
            {
                Mul(x, x, a);
                System.Array.Copy(x, 0, table, i * n, n);
            }
            for (int bit = 32 * n - 4; bit >= 0; bit -= 4)
            {
                if (bit != 32 * n - 4)
                {
                    Sqr(acc, acc);
                    Sqr(acc, acc);
                    Sqr(acc, acc);
                    Sqr(acc, acc);
                }
                // The exponent is public (p − 2), but the lookup is a full scan anyway.
                uint digit = (e[bit >> 5] >> (bit & 31)) & 0xF;
                EcLimbs.Lookup16(x, table, digit, n);
                Mul(acc, acc, x);
            }
            EcLimbs.Copy(r, acc, n);
        }
    }
}
