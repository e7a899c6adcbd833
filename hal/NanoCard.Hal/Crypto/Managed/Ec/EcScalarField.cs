namespace NanoCard.Hal.Crypto.Managed
{
    /// <summary>
    /// Arithmetic modulo the group order n (for ECDSA, FIPS 186-4 §6.4: s = k⁻¹(z + r·d) mod n) in
    /// Montgomery form with R = 2^(32·N): MontMul(a, b) = a·b·R⁻¹ mod n by word-serial (CIOS)
    /// Montgomery multiplication, the final subtraction of n chosen with a mask. Inversion is
    /// Fermat's a^(n−2) with fixed 4-bit windows and a masked table scan, so nothing branches on
    /// or indexes by secret values (k, d). Not thread-safe (per-instance scratch).
    /// </summary>
    internal sealed class EcScalarField
    {
        internal readonly int N;
        internal readonly uint[] Order;
        private readonly uint n0Inv;          // −n⁻¹ mod 2^32
        private readonly uint[] r2;           // R² mod n
        private readonly uint[] rModN;        // R mod n (Montgomery one)
        private readonly uint[] one;          // the integer 1
        private readonly uint[] nMinus2;
        private readonly uint[] t;            // N + 2 words of CIOS accumulator
        private readonly uint[] scratch;
        private readonly uint[] powTable;
        private readonly uint[] powAcc;
        private readonly uint[] powX;

        internal EcScalarField(uint[] order)
        {
            N = order.Length;
            int n = N;
            Order = new uint[n];
            EcLimbs.Copy(Order, order, n);
            // Newton iteration for n0⁻¹ mod 2^32 (each step doubles the correct low bits).
            uint n0 = order[0];
            uint inv = n0;
            for (int i = 0; i < 5; i++)
            {
                inv *= 2u - n0 * inv;
            }
            n0Inv = 0u - inv;
            this.t = new uint[n + 2];
            this.scratch = new uint[n];
            this.one = new uint[n];
            this.one[0] = 1;
            // R mod n = 2^(32N) − n, since 2^(32N−1) < n < 2^(32N).
            rModN = new uint[n];
            long borrow = 0;
            for (int i = 0; i < n; i++)
            {
                borrow = 0L - order[i] + borrow;
                rModN[i] = (uint)borrow;
                borrow >>= 32;
            }
            // R² mod n: double R mod n 32N times (construction only).
            r2 = new uint[n];
            EcLimbs.Copy(r2, rModN, n);
            for (int i = 0; i < 32 * n; i++)
            {
                Add(r2, r2, r2);
            }
            nMinus2 = new uint[n];
            EcLimbs.Copy(nMinus2, order, n);
            nMinus2[0] -= 2; // n's low word is far above 2 for both curves
            powTable = new uint[16 * n];
            powAcc = new uint[n];
            powX = new uint[n];
        }

        /// <summary>r = a + b mod n (a, b &lt; n). r may alias.</summary>
        internal void Add(uint[] r, uint[] a, uint[] b)
        {
            EcLimbs.AddMod(r, a, b, Order, this.scratch, N);
        }

        /// <summary>r = a mod n for a &lt; 2n (one masked subtraction).</summary>
        internal void ReduceOnce(uint[] r, uint[] a)
        {
            EcLimbs.ConditionalSubtract(r, a, Order, this.scratch, N, 0);
        }

        /// <summary>r = a·b·R⁻¹ mod n (a, b &lt; n). r may alias a or b.</summary>
        internal void MontMul(uint[] r, uint[] a, uint[] b)
        {
            int n = N;
            uint[] t = this.t;
            uint[] m = Order;
            for (int i = 0; i < n + 2; i++)
            {
                t[i] = 0;
            }
            for (int i = 0; i < n; i++)
            {
                uint bi = b[i];
                ulong c = 0;
                for (int j = 0; j < n; j++)
                {
                    c += (ulong)a[j] * bi + t[j];
                    t[j] = (uint)c;
                    c >>= 32;
                }
                c += t[n];
                t[n] = (uint)c;
                t[n + 1] = (uint)(c >> 32);

                uint q = t[0] * n0Inv;
                c = (ulong)q * m[0] + t[0];
                c >>= 32;
                for (int j = 1; j < n; j++)
                {
                    c += (ulong)q * m[j] + t[j];
                    t[j - 1] = (uint)c;
                    c >>= 32;
                }
                c += t[n];
                t[n - 1] = (uint)c;
                t[n] = t[n + 1] + (uint)(c >> 32);
            }
            // t < 2n: subtract n once under a mask.
            EcLimbs.ConditionalSubtract(r, t, m, this.scratch, n, t[n]);
        }

        /// <summary>r = a·R mod n (a &lt; n).</summary>
        internal void ToMont(uint[] r, uint[] a)
        {
            MontMul(r, a, r2);
        }

        /// <summary>r = a·R⁻¹ mod n: out of Montgomery form.</summary>
        internal void FromMont(uint[] r, uint[] a)
        {
            MontMul(r, a, this.one);
        }

        /// <summary>r = a⁻¹ (both in Montgomery form): (aR)^(n−2) in Montgomery arithmetic = a⁻¹R.</summary>
        internal void InvertMont(uint[] r, uint[] a)
        {
            int n = N;
            uint[] table = powTable;
            uint[] acc = powAcc;
            uint[] x = powX;
            System.Array.Copy(rModN, 0, table, 0, n);
            EcLimbs.Copy(x, a, n);
            System.Array.Copy(x, 0, table, n, n);
            for (int i = 2; i < 16; i++)
            {
                MontMul(x, x, a);
                System.Array.Copy(x, 0, table, i * n, n);
            }
            EcLimbs.Copy(acc, rModN, n);
            for (int bit = 32 * n - 4; bit >= 0; bit -= 4)
            {
                MontMul(acc, acc, acc);
                MontMul(acc, acc, acc);
                MontMul(acc, acc, acc);
                MontMul(acc, acc, acc);
                uint digit = (nMinus2[bit >> 5] >> (bit & 31)) & 0xF;
                EcLimbs.Lookup16(x, table, digit, n);
                MontMul(acc, acc, x);
            }
            EcLimbs.Copy(r, acc, n);
        }

        /// <summary>Overwrites the scratch that held powers of a secret (the nonce's inverse).</summary>
        internal void Wipe()
        {
            System.Array.Clear(powTable, 0, powTable.Length);
            System.Array.Clear(powAcc, 0, N);
            System.Array.Clear(powX, 0, N);
            System.Array.Clear(this.t, 0, this.t.Length);
            System.Array.Clear(this.scratch, 0, N);
        }

        /// <summary>0xFFFFFFFF when 1 ≤ a ≤ n − 1, else 0 (constant time).</summary>
        internal uint InRangeMask(uint[] a)
        {
            return EcLimbs.LessThanMask(a, Order, N) & ~EcLimbs.IsZeroMask(a, N);
        }
    }
}
