namespace NanoCard.Hal.Crypto.Managed
{
    /// <summary>
    /// Modular inverse modulo an odd modulus by the binary extended Euclidean algorithm (HAC 14.61,
    /// adapted to an odd modulus so only the first cofactor is kept): with A·x ≡ u and C·x ≡ v (mod n)
    /// throughout, u and v shrink to gcd(x, n); when it is 1, C = x⁻¹ mod n.
    /// Runs of k trailing zeros are removed at once and the matching division of A (or C) by 2^k mod n is
    /// done Montgomery-style: add (A·n0' mod 2^k)·n, which makes the low k bits zero, then shift.
    /// NOT constant time: loop counts and branches depend on x. The RSA engine only inverts a value
    /// r·v mod n where v is a fresh secret random factor, so the timing reveals nothing about r (see
    /// <see cref="RsaEngine"/>). Scratch allocated once; no allocation per call.
    /// </summary>
    internal sealed class BinaryInverse
    {
        private readonly int s;
        private readonly uint[] u;
        private readonly uint[] v;
        private readonly uint[] a;
        private readonly uint[] c;
        private readonly uint[] tmp;

        internal BinaryInverse(int limbs)
        {
            s = limbs;
            u = new uint[limbs];
            v = new uint[limbs];
            a = new uint[limbs];
            c = new uint[limbs];
            tmp = new uint[limbs];
        }

        /// <summary>
        /// result = x⁻¹ mod n for 0 &lt; x &lt; n, n odd; n0 = −n⁻¹ mod 2³². False when gcd(x, n) ≠ 1 (or x = 0).
        /// </summary>
        internal bool Invert(uint[] x, uint[] n, uint n0, uint[] result)
        {
            Mpi.Copy(x, u, s);
            Mpi.Copy(n, v, s);
            Mpi.SetSmall(a, 1, s);
            Mpi.SetSmall(c, 0, s);
            if (Mpi.IsZero(u, s))
            {
                return false;
            }
            while (!Mpi.IsZero(u, s))
            {
                StripTwos(u, a, n, n0);
                StripTwos(v, c, n, n0);
                if (Mpi.LessMask(u, v, s) == 0)
                {
                    Mpi.Sub(u, v, u, s);
                    SubMod(a, c, n);
                }
                else
                {
                    Mpi.Sub(v, u, v, s);
                    SubMod(c, a, n);
                }
            }
            // v = gcd(x, n)
            bool one = v[0] == 1;
            for (int i = 1; i < s; i++)
            {
                one &= v[i] == 0;
            }
            if (one)
            {
                Mpi.Copy(c, result, s);
            }
            Mpi.Clear(u, s);
            Mpi.Clear(v, s);
            Mpi.Clear(a, s);
            Mpi.Clear(c, s);
            return one;
        }

        /// <summary>While z is even: z /= 2^k and f = f·2^(−k) mod n (z non-zero or odd on entry).</summary>
        private void StripTwos(uint[] z, uint[] f, uint[] n, uint n0)
        {
            while ((z[0] & 1) == 0)
            {
                int k = z[0] == 0 ? 31 : Mpi.TrailingZeros(z[0]);
                Mpi.ShiftRightBits(z, s, k, 0);
                uint kmask = (uint)((1UL << k) - 1);
                uint q = (f[0] * n0) & kmask; // f + q·n ≡ 0 (mod 2^k)
                uint carry = Mpi.MulSmallAdd(n, q, 0, tmp, s);
                carry += Mpi.Add(f, tmp, f, s);
                Mpi.ShiftRightBits(f, s, k, carry);
            }
        }

        /// <summary>x = x − y mod n for x, y &lt; n.</summary>
        private void SubMod(uint[] x, uint[] y, uint[] n)
        {
            uint borrow = Mpi.Sub(x, y, x, s);
            Mpi.AddMasked(x, n, 0u - borrow, x, s);
        }
    }
}
