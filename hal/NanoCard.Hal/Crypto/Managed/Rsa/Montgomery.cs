namespace NanoCard.Hal.Crypto.Managed
{
    /// <summary>
    /// Montgomery arithmetic modulo one odd modulus m of exactly 32·s bits (top bit set), s a power of
    /// two (32 limbs for a 1024-bit prime, 64 for a 2048-bit RSA modulus); R = 2^(32·s).
    /// Multiplication is CIOS (Koç, Acar, Kaliski, "Analyzing and comparing Montgomery multiplication
    /// algorithms", IEEE Micro 1996) with the multiply and reduce loops fused: 32-bit limbs, 64-bit
    /// accumulators. Squaring is dedicated: the off-diagonal products once (two rows per pass), doubled,
    /// plus the diagonal, then a separate reduction taking two Montgomery digits per pass (≈ 1.5 s²
    /// word products instead of 2 s², and fewer passes over memory).
    /// Constant time: fixed loop counts, no branch or index on the values; the final subtraction is
    /// always computed and kept or dropped by a mask. (At the C# level: the interpreter's or CPU's own
    /// timing for a 64-bit multiply is assumed not to depend on the operands.) Scratch is allocated
    /// here, once; no method allocates. Not thread-safe.
    /// </summary>
    internal sealed class Montgomery
    {
        /// <summary>Window width of <see cref="ModExp"/>: 16 table entries, 256 windows for 1024 bits.</summary>
        private const int Window = 4;
        private const int TableSize = 1 << Window;

        private readonly int s;
        private readonly uint[] m;
        private uint n0; // −m⁻¹ mod 2³²
        private readonly uint[] t;     // s + 1 limbs: CIOS accumulator
        private readonly uint[] w;     // 2s limbs: full square / wide value
        private readonly uint[] lo;    // s limbs
        private readonly uint[] hi;    // s limbs
        private readonly uint[] oneNormal; // the integer 1 (to leave the Montgomery domain)
        private readonly uint[][] table;  // ModExp window table (null when not needed)
        private readonly uint[] acc;
        private readonly uint[] sel;

        /// <summary>R² mod m: <c>Mul(a, RR)</c> enters the Montgomery domain.</summary>
        internal readonly uint[] RR;
        /// <summary>R³ mod m: used to reduce a 2s-limb value.</summary>
        internal readonly uint[] RRR;
        /// <summary>R mod m: the Montgomery form of 1.</summary>
        internal readonly uint[] One;

        internal Montgomery(int limbs, bool withExpTable)
        {
            s = limbs;
            m = new uint[limbs];
            t = new uint[limbs + 1];
            w = new uint[2 * limbs];
            lo = new uint[limbs];
            hi = new uint[limbs];
            oneNormal = new uint[limbs];
            oneNormal[0] = 1;
            RR = new uint[limbs];
            RRR = new uint[limbs];
            One = new uint[limbs];
            acc = new uint[limbs];
            sel = new uint[limbs];
            if (withExpTable)
            {
                table = new uint[TableSize][];
                for (int i = 0; i < TableSize; i++)
                {
                    table[i] = new uint[limbs];
                }
            }
        }

        internal int Limbs { get { return s; } }

        /// <summary>The modulus (do not modify).</summary>
        internal uint[] Modulus { get { return m; } }

        /// <summary>−m⁻¹ mod 2³².</summary>
        internal uint N0 { get { return n0; } }

        /// <summary>
        /// Loads the modulus and computes the Montgomery constants: n0' = −m⁻¹ mod 2³² by Newton
        /// iteration, R mod m = 2^(32s) − m (valid because m &gt; R/2), then R·2³² mod m by 32 modular
        /// doublings and log2(s) Montgomery squarings (each doubles the exponent of 2): R·2^(32s) = R².
        /// Cost ≈ one Montgomery product per doubling pair, negligible beside an exponentiation.
        /// The caller guarantees: length s, odd, top bit set.
        /// </summary>
        internal void SetModulus(uint[] modulus)
        {
            Mpi.Copy(modulus, m, s);
            // Newton: x ← x(2 − m0·x) doubles the number of correct low bits; m0 itself is right to 3.
            uint m0 = m[0];
            uint x = m0;
            for (int i = 0; i < 4; i++)
            {
                x *= 2 - m0 * x;
            }
            n0 = 0u - x;

            // One = R − m (two's complement of m over s limbs).
            ulong borrow = 0;
            for (int i = 0; i < s; i++)
            {
                ulong d = 0UL - m[i] - borrow;
                One[i] = (uint)d;
                borrow = d >> 63;
            }

            Mpi.Copy(One, RR, s);
            for (int i = 0; i < 32; i++)
            {
                ModAdd(RR, RR, RR);
            }
            for (int k = s; k > 1; k >>= 1)
            {
                Sqr(RR, RR);
            }
            Mul(RR, RR, RRR);
        }

        /// <summary>r = a + b mod m for a, b &lt; m; constant time. r may alias a or b.</summary>
        internal void ModAdd(uint[] a, uint[] b, uint[] r)
        {
            uint carry = Mpi.Add(a, b, r, s);
            // Subtract m; keep the difference when the sum overflowed or did not borrow.
            ulong borrow = 0;
            uint[] tt = t;
            for (int i = 0; i < s; i++)
            {
                ulong d = (ulong)r[i] - m[i] - borrow;
                tt[i] = (uint)d;
                borrow = d >> 63;
            }
            uint mask = 0u - (carry | ((uint)borrow ^ 1u));
            Mpi.Select(mask, tt, r, r, s);
        }

        /// <summary>r = a − b mod m for a, b &lt; m; constant time. r may alias a or b.</summary>
        internal void ModSub(uint[] a, uint[] b, uint[] r)
        {
            uint borrow = Mpi.Sub(a, b, r, s);
            Mpi.AddMasked(r, m, 0u - borrow, r, s);
        }

        /// <summary>
        /// r = a·b·R⁻¹ mod m (CIOS). Needs a &lt; R and b &lt; m (then the result is &lt; m). r may alias a or b.
        /// </summary>
        internal void Mul(uint[] a, uint[] b, uint[] r)
        {
            uint[] mm = m;
            uint[] tt = t;
            int n = s;
            uint k0 = n0;
            for (int i = 0; i <= n; i++)
            {
                tt[i] = 0;
            }
            for (int i = 0; i < n; i++)
            {
                ulong bi = b[i];
                ulong p = a[0] * bi + tt[0];
                ulong c1 = p >> 32;
                uint u = (uint)p * k0;
                ulong q = (ulong)u * mm[0] + (uint)p;
                ulong c2 = q >> 32;
                for (int j = 1; j < n; j++)
                {
                    p = a[j] * bi + tt[j] + c1;
                    c1 = p >> 32;
                    q = (ulong)u * mm[j] + (uint)p + c2;
                    c2 = q >> 32;
                    tt[j - 1] = (uint)q;
                }
                p = tt[n] + c1 + c2;
                tt[n - 1] = (uint)p;
                tt[n] = (uint)(p >> 32);
            }
            FinalSubtract(tt, 0, tt[n], r);
        }

        /// <summary>r = a²·R⁻¹ mod m for a &lt; m. r may alias a.</summary>
        internal void Sqr(uint[] a, uint[] r)
        {
            uint[] ww = w;
            int n = s;
            // Off-diagonal products a[i]·a[j], i < j, each once, into ww[1 .. 2n−2]. Rows i and i + 1
            // share one pass with two carry chains (row i + 1's products land one limb further up);
            // each pass writes its two top limbs fresh, so only the low half needs clearing.
            for (int i = 0; i <= n; i++)
            {
                ww[i] = 0;
            }
            ww[2 * n - 1] = 0;
            int i2 = 0;
            for (; i2 + 3 < n; i2 += 2)
            {
                ulong ai = a[i2];
                ulong ai1 = a[i2 + 1];
                ulong pA = ai * a[i2 + 1] + ww[2 * i2 + 1];
                ww[2 * i2 + 1] = (uint)pA;
                ulong cA = pA >> 32;
                pA = ai * a[i2 + 2] + ww[2 * i2 + 2] + cA;
                ww[2 * i2 + 2] = (uint)pA;
                cA = pA >> 32;
                ulong cB = 0;
                for (int j = i2 + 3; j < n; j++)
                {
                    pA = ai * a[j] + ww[i2 + j] + cA;
                    cA = pA >> 32;
                    ulong pB = ai1 * a[j - 1] + (uint)pA + cB;
                    cB = pB >> 32;
                    ww[i2 + j] = (uint)pB;
                }
                ulong z = ai1 * a[n - 1] + cA + cB;
                ww[i2 + n] = (uint)z;
                ww[i2 + n + 1] = (uint)(z >> 32);
            }
            for (int i = i2; i < n - 1; i++)
            {
                ulong ai = a[i];
                ulong c = 0;
                for (int j = i + 1; j < n; j++)
                {
                    c += ai * a[j] + ww[i + j];
                    ww[i + j] = (uint)c;
                    c >>= 32;
                }
                ww[i + n] = (uint)c;
            }
            // Double them and add the diagonal squares in one pass.
            ulong cc = 0;
            uint top = 0;
            for (int i = 0; i < n; i++)
            {
                ulong ai = a[i];
                uint x0 = ww[2 * i];
                uint x1 = ww[2 * i + 1];
                cc += ai * ai + ((x0 << 1) | top);
                ww[2 * i] = (uint)cc;
                cc = (cc >> 32) + ((x1 << 1) | (x0 >> 31));
                ww[2 * i + 1] = (uint)cc;
                cc >>= 32;
                top = x1 >> 31;
            }
            Reduce(ww, r);
        }

        /// <summary>
        /// Montgomery reduction of the 2s-limb value in w: r = w·R⁻¹ mod m, for w &lt; m·R (s even).
        /// Two Montgomery digits per pass: u0 zeroes the lowest limb and u1 (computed ahead from the
        /// two lowest limbs) the next, and one pass adds u0·m + u1·m·2³² with two independent carry
        /// chains, as CIOS does for a·b and u·m. The (s+1)-limb window t slides down two limbs per pass
        /// while the next two limbs of w come in at the top, so all indexes stay simple.
        /// </summary>
        private void Reduce(uint[] ww, uint[] r)
        {
            uint[] mm = m;
            uint[] tt = t;
            int n = s;
            uint k0 = n0;
            System.Array.Copy(ww, 0, tt, 0, n);
            tt[n] = 0;
            ulong m0 = mm[0];
            ulong m1 = mm[1];
            for (int i = 0; i < n; i += 2)
            {
                uint u0 = tt[0] * k0;
                ulong pA = u0 * m0 + tt[0];
                ulong cA = pA >> 32;                    // (uint)pA is 0
                pA = u0 * m1 + tt[1] + cA;
                cA = pA >> 32;
                uint u1 = (uint)pA * k0;
                ulong pB = u1 * m0 + (uint)pA;
                ulong cB = pB >> 32;                    // (uint)pB is 0
                for (int j = 2; j < n; j++)
                {
                    pA = u0 * (ulong)mm[j] + tt[j] + cA;
                    cA = pA >> 32;
                    pB = u1 * (ulong)mm[j - 1] + (uint)pA + cB;
                    cB = pB >> 32;
                    tt[j - 2] = (uint)pB;
                }
                // Position s: the carry limb plus the next limb of w; position s + 1: the one after.
                pA = (ulong)tt[n] + ww[n + i] + cA;
                cA = pA >> 32;
                pB = u1 * (ulong)mm[n - 1] + (uint)pA + cB;
                cB = pB >> 32;
                tt[n - 2] = (uint)pB;
                ulong z = (ulong)ww[n + i + 1] + cA + cB;
                tt[n - 1] = (uint)z;
                tt[n] = (uint)(z >> 32);
            }
            FinalSubtract(tt, 0, tt[n], r);
        }

        /// <summary>
        /// r = v − m when v ≥ m else v, where v = src[off..off+s) + top·R &lt; 2m. Always subtracts and
        /// selects by mask (no branch on the value).
        /// </summary>
        private void FinalSubtract(uint[] src, int off, uint top, uint[] r)
        {
            uint[] mm = m;
            int n = s;
            ulong borrow = 0;
            for (int j = 0; j < n; j++)
            {
                ulong d = (ulong)src[off + j] - mm[j] - borrow;
                r[j] = (uint)d;
                borrow = d >> 63;
            }
            uint mask = 0u - (top | ((uint)borrow ^ 1u));
            for (int j = 0; j < n; j++)
            {
                r[j] = (r[j] & mask) | (src[off + j] & ~mask);
            }
        }

        /// <summary>r = a·R mod m (into the Montgomery domain), a &lt; R.</summary>
        internal void ToMont(uint[] a, uint[] r)
        {
            Mul(a, RR, r);
        }

        /// <summary>r = a·R⁻¹ mod m (out of the Montgomery domain).</summary>
        internal void FromMont(uint[] a, uint[] r)
        {
            Mul(a, oneNormal, r);
        }

        /// <summary>
        /// r = x·R mod m (Montgomery form) for a 2s-limb x: x = hi·R + lo, so x·R ≡ hi·R² + lo·R, which
        /// is Mul(hi, R³) + Mul(lo, R²). This is the reduction of a 2048-bit value modulo a 1024-bit
        /// prime used by the CRT (constant time).
        /// </summary>
        internal void ReduceWideToMont(uint[] x, uint[] r)
        {
            System.Array.Copy(x, 0, lo, 0, s);
            System.Array.Copy(x, s, hi, 0, s);
            Mul(lo, RR, lo);
            Mul(hi, RRR, hi);
            ModAdd(lo, hi, r);
            Mpi.Clear(lo, s);
            Mpi.Clear(hi, s);
        }

        /// <summary>
        /// r = base^exp in the Montgomery domain (baseMont and r in Montgomery form), exponent over
        /// <paramref name="expLimbs"/> limbs, every bit processed (leading zeros included). Fixed 4-bit
        /// window, left to right: per window 4 squarings and one multiplication by a table entry that is
        /// fetched by reading all 16 entries and keeping one by mask, so neither the branches nor the
        /// memory addresses depend on the exponent (constant time for secret exponents).
        /// r may alias baseMont.
        /// </summary>
        internal void ModExp(uint[] baseMont, uint[] exp, int expLimbs, uint[] r)
        {
            uint[][] tab = table;
            int n = s;
            Mpi.Copy(One, tab[0], n);
            Mpi.Copy(baseMont, tab[1], n);
            for (int i = 2; i < TableSize; i++)
            {
                Mul(tab[i - 1], tab[1], tab[i]);
            }

            int windows = expLimbs * (32 / Window);
            bool first = true;
            for (int wi = windows - 1; wi >= 0; wi--)
            {
                uint bits = (exp[wi >> 3] >> ((wi & 7) << 2)) & (TableSize - 1);
                // Constant-time table read.
                for (int j = 0; j < n; j++)
                {
                    sel[j] = 0;
                }
                for (int k = 0; k < TableSize; k++)
                {
                    uint mask = (uint)(((ulong)(bits ^ (uint)k) - 1UL) >> 32);
                    uint[] row = tab[k];
                    for (int j = 0; j < n; j++)
                    {
                        sel[j] |= row[j] & mask;
                    }
                }
                if (first)
                {
                    // The accumulator starts at 1, so the first window's squarings are skipped
                    // (public: depends only on the exponent's fixed length).
                    Mpi.Copy(sel, acc, n);
                    first = false;
                }
                else
                {
                    for (int k = 0; k < Window; k++)
                    {
                        Sqr(acc, acc);
                    }
                    Mul(acc, sel, acc);
                }
            }
            Mpi.Copy(acc, r, n);
            Mpi.Clear(acc, n);
            Mpi.Clear(sel, n);
            for (int i = 0; i < TableSize; i++)
            {
                Mpi.Clear(tab[i], n);
            }
        }

        /// <summary>
        /// r = a^e mod m for a public exponent e &gt; 0 (a and r in normal form). Square and multiply over
        /// the bits of e: variable time in e only, which is public.
        /// </summary>
        internal void ModExpPublic(uint[] a, int e, uint[] r)
        {
            int n = s;
            Mul(a, RR, sel);          // a·R
            Mpi.Copy(sel, acc, n);
            int topBit = 30;
            while (topBit > 0 && ((e >> topBit) & 1) == 0)
            {
                topBit--;
            }
            for (int i = topBit - 1; i >= 0; i--)
            {
                Sqr(acc, acc);
                if (((e >> i) & 1) != 0)
                {
                    Mul(acc, sel, acc);
                }
            }
            FromMont(acc, r);
            Mpi.Clear(acc, n);
            Mpi.Clear(sel, n);
        }
    }
}
