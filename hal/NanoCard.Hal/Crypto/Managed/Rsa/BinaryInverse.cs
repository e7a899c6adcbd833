namespace NanoCard.Hal.Crypto.Managed
{
    /// <summary>
    /// Modular inverse modulo an odd modulus m by the binary extended GCD, batched as in T. Pornin,
    /// "Optimized Binary GCD for Modular Inversion" (IACR ePrint 2020/972), Algorithm 2: each outer
    /// round runs 31 binary-GCD steps on 64-bit approximations of a and b (exact low 31 bits and the top
    /// 33 bits), collecting them into a 2×2 matrix of small signed factors, then applies the matrix to
    /// the full values a, b and to their cofactors u, v (with a Montgomery-style exact division by
    /// 2^31 mod m). Invariants: a ≡ x·u and b ≡ x·v (mod m); at the end a = 0, b = gcd(x, m), and
    /// v = x⁻¹ when b = 1. About 2·2048/31 rounds of a few linear passes for 2048 bits.
    /// NOT constant time (the loop runs until a = 0 and the approximation branches on data). The RSA
    /// engine only inverts r·v mod n where v is a fresh secret random factor, so the timing reveals
    /// nothing about r (see <see cref="RsaEngine"/>). Scratch allocated once; no allocation per call.
    /// </summary>
    internal sealed class BinaryInverse
    {
        private const int K = 31;
        private const uint LowMask = 0x7FFFFFFFu;

        private readonly int s;
        private readonly uint[] a;
        private readonly uint[] b;
        private readonly uint[] u;
        private readonly uint[] v;
        private readonly uint[] t1;
        private readonly uint[] t2;

        internal BinaryInverse(int limbs)
        {
            s = limbs;
            a = new uint[limbs];
            b = new uint[limbs];
            u = new uint[limbs];
            v = new uint[limbs];
            t1 = new uint[limbs];
            t2 = new uint[limbs];
        }

        /// <summary>
        /// result = x⁻¹ mod m for 0 ≤ x &lt; m, m odd; n0 = −m⁻¹ mod 2³². False when gcd(x, m) ≠ 1 (or x = 0).
        /// </summary>
        internal bool Invert(uint[] x, uint[] m, uint n0, uint[] result)
        {
            Mpi.Copy(x, a, s);
            Mpi.Copy(m, b, s);
            Mpi.SetSmall(u, 1, s);
            Mpi.SetSmall(v, 0, s);
            // Binary GCD needs at most 2·len − 1 steps (Pornin §3), i.e. about 2·32s/31 rounds here;
            // the cap (twice that) only guards against a bug looping forever: the caller retries.
            int rounds = 4 * 32 * s / K + 8;
            while (!Mpi.IsZero(a, s))
            {
                if (--rounds < 0)
                {
                    Mpi.SetSmall(b, 0, s);
                    break;
                }
                // 64-bit approximations: exact when both fit in 64 bits, else top 33 ‖ low 31 bits.
                int len = BitLength(a);
                int lb = BitLength(b);
                if (lb > len)
                {
                    len = lb;
                }
                ulong xa, xb;
                if (len <= 64)
                {
                    xa = a[0] | ((ulong)a[1] << 32);
                    xb = b[0] | ((ulong)b[1] << 32);
                }
                else
                {
                    xa = (Bits33(a, len - 33) << K) | (a[0] & LowMask);
                    xb = (Bits33(b, len - 33) << K) | (b[0] & LowMask);
                }

                long f0 = 1, g0 = 0, f1 = 0, g1 = 1;
                for (int i = 0; i < K; i++)
                {
                    if ((xa & 1) != 0)
                    {
                        if (xa < xb)
                        {
                            ulong tx = xa; xa = xb; xb = tx;
                            long tf = f0; f0 = f1; f1 = tf;
                            long tg = g0; g0 = g1; g1 = tg;
                        }
                        xa -= xb;
                        f0 -= f1;
                        g0 -= g1;
                    }
                    xa >>= 1;
                    f1 <<= 1;
                    g1 <<= 1;
                }

                // (a, b) ← ((a·f0 + b·g0) / 2^31, (a·f1 + b·g1) / 2^31), made non-negative.
                bool negA = LinearShift(a, b, f0, g0, t1);
                bool negB = LinearShift(a, b, f1, g1, t2);
                Mpi.Copy(t1, a, s);
                Mpi.Copy(t2, b, s);
                if (negA)
                {
                    f0 = -f0;
                    g0 = -g0;
                }
                if (negB)
                {
                    f1 = -f1;
                    g1 = -g1;
                }
                // (u, v) ← ((u·f0 + v·g0) / 2^31 mod m, (u·f1 + v·g1) / 2^31 mod m).
                LinearModM(u, v, f0, g0, m, n0, t1);
                LinearModM(u, v, f1, g1, m, n0, t2);
                Mpi.Copy(t1, u, s);
                Mpi.Copy(t2, v, s);
            }
            bool one = b[0] == 1;
            for (int i = 1; i < s; i++)
            {
                one &= b[i] == 0;
            }
            if (one)
            {
                Mpi.Copy(v, result, s);
            }
            Mpi.Clear(a, s);
            Mpi.Clear(b, s);
            Mpi.Clear(u, s);
            Mpi.Clear(v, s);
            Mpi.Clear(t1, s);
            Mpi.Clear(t2, s);
            return one;
        }

        /// <summary>
        /// r = |x·f + y·g| / 2^31 (exact division by construction); returns true when the signed value
        /// was negative. |f| + |g| ≤ 2^31 keeps every partial sum inside a signed 64-bit word.
        /// </summary>
        private bool LinearShift(uint[] x, uint[] y, long f, long g, uint[] r)
        {
            long c = 0;
            for (int i = 0; i < s; i++)
            {
                long z = (long)x[i] * f + (long)y[i] * g + c;
                r[i] = (uint)z;
                c = z >> 32;
            }
            // Shift the (s+1)-limb signed value right by 31; |result| < 2^(32s), so the top is 0 or −1.
            for (int i = 0; i < s - 1; i++)
            {
                r[i] = (r[i] >> K) | (r[i + 1] << (32 - K));
            }
            r[s - 1] = (r[s - 1] >> K) | ((uint)c << (32 - K));
            if (c < 0)
            {
                // Two's complement negation over s limbs.
                ulong carry = 1;
                for (int i = 0; i < s; i++)
                {
                    carry += (uint)~r[i];
                    r[i] = (uint)carry;
                    carry >>= 32;
                }
                return true;
            }
            return false;
        }

        /// <summary>
        /// r = (x·f + y·g)·2^(−31) mod m, for x, y &lt; m: adds q·m with q = t·(−m⁻¹) mod 2^31 so the low
        /// 31 bits vanish, shifts, and brings the result from (−m, 2m) into [0, m).
        /// </summary>
        private void LinearModM(uint[] x, uint[] y, long f, long g, uint[] m, uint n0, uint[] r)
        {
            long c = 0;
            for (int i = 0; i < s; i++)
            {
                long z = (long)x[i] * f + (long)y[i] * g + c;
                r[i] = (uint)z;
                c = z >> 32;
            }
            ulong q = (r[0] * n0) & LowMask;
            long cc = 0;
            for (int i = 0; i < s; i++)
            {
                // r[i] + q·m[i] + cc stays below 2^63 in magnitude (q < 2^31).
                long z = (long)r[i] + (long)(q * m[i]) + cc;
                r[i] = (uint)z;
                cc = z >> 32;
            }
            long top = c + cc;
            for (int i = 0; i < s - 1; i++)
            {
                r[i] = (r[i] >> K) | (r[i + 1] << (32 - K));
            }
            r[s - 1] = (r[s - 1] >> K) | ((uint)top << (32 - K));
            top >>= K;
            if (top < 0)
            {
                Mpi.Add(r, m, r, s);
            }
            else if (top > 0 || Mpi.LessMask(r, m, s) == 0)
            {
                Mpi.Sub(r, m, r, s);
            }
        }

        private int BitLength(uint[] x)
        {
            for (int i = s - 1; i >= 0; i--)
            {
                uint w = x[i];
                if (w != 0)
                {
                    int bits = 0;
                    while (w != 0)
                    {
                        w >>= 1;
                        bits++;
                    }
                    return 32 * i + bits;
                }
            }
            return 0;
        }

        /// <summary>The 33 bits of x starting at bit position pos (pos ≥ 32 here).</summary>
        private static ulong Bits33(uint[] x, int pos)
        {
            int li = pos >> 5;
            int sh = pos & 31;
            ulong lo = x[li] | ((ulong)x[li + 1] << 32);
            // sh ≤ 31, so the 64-bit window holds all 33 bits.
            return (lo >> sh) & 0x1FFFFFFFFUL;
        }
    }
}
