namespace NanoCard.Hal.Crypto.Managed
{
    /// <summary>
    /// The group of points of a short-Weierstrass NIST curve y² = x³ − 3x + b (P-256 or P-384,
    /// FIPS 186-4 §D.1.2.3/§D.1.2.4) in Jacobian coordinates.
    ///
    /// Secret scalars (d at key generation, the nonce k at signing) are multiplied by G only, with
    /// a fixed-base comb (Lim–Lee): the scalar's bits at positions i·D + j (i &lt; W teeth) form
    /// the digit of column j, and k·G = Σ_j 2^j · T[digit_j] where T holds the 2^W subset sums of
    /// 2^(i·D)·G in affine form, built here at construction. Every column costs one doubling,
    /// one masked scan of the whole table and one mixed addition, whatever the digit: no branch
    /// or table index depends on the scalar. The addition's doubling case is a branch (see
    /// <see cref="AddAffineCt"/>), but it is unreachable in the comb for any scalar below n.
    ///
    /// Verification (public u1, u2, Q) uses the faster variable-time <see cref="MulAddVar"/>:
    /// u1·G + u2·Q by interleaved wNAF (Shamir's trick). <see cref="MulVar"/> (4-bit windows,
    /// variable time) is kept for tests. Memory: comb table 2 KB (P-256) / 3 KB (P-384), wNAF
    /// table for G the same, Q's window scratch 1.5 / 2.3 KB. Not thread-safe: scratch buffers are per instance so that operations allocate nothing.
    /// </summary>
    internal sealed class EcGroup
    {
        /// <summary>wNAF widths for verification: 7 for G (table made once), 5 for Q (made per call).</summary>
        private const int GWidth = 7;
        private const int QWidth = 5;
        private const int GOddCount = 1 << (GWidth - 2);   // 32 odd multiples
        private const int QOddCount = 1 << (QWidth - 2);   // 8 odd multiples

        internal readonly EcPrimeField F;
        internal readonly EcScalarField S;
        /// <summary>Limbs per field element / scalar.</summary>
        internal readonly int N;
        /// <summary>Bytes per field element / scalar (32 or 48).</summary>
        internal readonly int Bytes;
        internal readonly uint[] B;
        internal readonly uint[] Gx;
        internal readonly uint[] Gy;

        private readonly int w;
        private readonly int d;
        private readonly uint[] combX;
        private readonly uint[] combY;
        private readonly uint[] gOddX;     // G, 3G, 5G, …, 63G (affine), for wNAF width 7
        private readonly uint[] gOddY;
        private readonly int[] naf1;
        private readonly int[] naf2;
        private readonly uint[] nafK;
        private readonly EcPoint neg;

        private readonly uint[] t1, t2, t3, t4, t5, t6, t7, t8;
        private readonly uint[] selX, selY, one;
        private readonly EcPoint sum;
        private readonly EcPoint[] window;

        internal EcGroup(bool p384)
        {
            F = new EcPrimeField(p384);
            N = F.N;
            Bytes = 4 * N;
            uint[] order = new uint[N];
            B = new uint[N];
            Gx = new uint[N];
            Gy = new uint[N];
            if (p384)
            {
                // FIPS 186-4 §D.1.2.4 (Curve P-384)
                ParseHex(order, "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973");
                ParseHex(B, "B3312FA7E23EE7E4988E056BE3F82D19181D9C6EFE8141120314088F5013875AC656398D8A2ED19D2A85C8EDD3EC2AEF");
                ParseHex(Gx, "AA87CA22BE8B05378EB1C71EF320AD746E1D3B628BA79B9859F741E082542A385502F25DBF55296C3A545E3872760AB7");
                ParseHex(Gy, "3617DE4A96262C6F5D9E98BF9292DC29F8F41DBD289A147CE9DA3113B5F0B8C00A60B1CE1D7E819D7A431D7C90EA0E5F");
            }
            else
            {
                // FIPS 186-4 §D.1.2.3 (Curve P-256)
                ParseHex(order, "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
                ParseHex(B, "5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B");
                ParseHex(Gx, "6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296");
                ParseHex(Gy, "4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5");
            }
            S = new EcScalarField(order);

            int n = N;
            t1 = new uint[n]; t2 = new uint[n]; t3 = new uint[n]; t4 = new uint[n];
            this.t5 = new uint[n]; this.t6 = new uint[n]; this.t7 = new uint[n]; this.t8 = new uint[n];
            selX = new uint[n];
            selY = new uint[n];
            this.one = new uint[n];
            this.one[0] = 1;
            sum = new EcPoint(n);
            this.window = new EcPoint[16];
            for (int i = 0; i < 16; i++)
            {
                this.window[i] = new EcPoint(n);
            }

            // Comb: W = 5 teeth, spacing D = ceil(bits / W). Table of 2^W affine points:
            // 1 KB ×2 (P-256) or 1.5 KB ×2 (P-384).
            this.w = 5;
            int bits = 32 * n;
            this.d = (bits + this.w - 1) / this.w;
            int size = 1 << this.w;
            combX = new uint[size * n];
            combY = new uint[size * n];
            gOddX = new uint[GOddCount * n];
            gOddY = new uint[GOddCount * n];
            naf1 = new int[32 * n + 1];
            naf2 = new int[32 * n + 1];
            nafK = new uint[n + 1];
            neg = new EcPoint(n);
            BuildComb();
        }

        private static void ParseHex(uint[] r, string hex)
        {
            int n = r.Length;
            for (int i = 0; i < n; i++)
            {
                uint v = 0;
                int start = hex.Length - 8 * (i + 1);
                for (int j = 0; j < 8; j++)
                {
                    char c = hex[start + j];
                    uint d = c <= '9' ? (uint)(c - '0') : c <= 'F' ? (uint)(c - 'A' + 10) : (uint)(c - 'a' + 10);
                    v = (v << 4) | d;
                }
                r[i] = v;
            }
        }

        /// <summary>Construction only (variable time on public data): T[m] = Σ_{bit i of m} 2^(i·D)·G, affine.</summary>
        private void BuildComb()
        {
            int n = N;
            int size = 1 << this.w;
            EcPoint[] t = new EcPoint[size];
            for (int i = 0; i < size; i++)
            {
                t[i] = new EcPoint(n);
            }
            t[0].SetInfinity();
            EcLimbs.Copy(t[1].X, Gx, n);
            EcLimbs.Copy(t[1].Y, Gy, n);
            EcLimbs.Copy(t[1].Z, this.one, n);
            for (int i = 1; i < this.w; i++)
            {
                EcPoint p = t[1 << i];
                p.CopyFrom(t[1 << (i - 1)]);
                for (int j = 0; j < this.d; j++)
                {
                    Double(p, p);
                }
            }
            for (int m = 3; m < size; m++)
            {
                int top = 1;
                while ((top << 1) <= m)
                {
                    top <<= 1;
                }
                if (top != m)
                {
                    AddVar(t[m], t[m - top], t[top]);
                }
            }
            ToAffineTable(t, size, combX, combY);
            EcLimbs.Clear(selX, n);
            EcLimbs.Clear(selY, n);

            // G, 3G, …, 63G in affine form for the verification's wNAF (index m ↔ (2m−1)·G; the
            // table helper skips index 0).
            EcPoint[] odd = new EcPoint[GOddCount + 1];
            for (int i = 0; i <= GOddCount; i++)
            {
                odd[i] = new EcPoint(n);
            }
            EcPoint twoG = new EcPoint(n);
            EcLimbs.Copy(odd[1].X, Gx, n);
            EcLimbs.Copy(odd[1].Y, Gy, n);
            EcLimbs.Copy(odd[1].Z, this.one, n);
            Double(twoG, odd[1]);
            for (int i = 2; i <= GOddCount; i++)
            {
                AddVar(odd[i], odd[i - 1], twoG);
            }
            uint[] ox = new uint[(GOddCount + 1) * n];
            uint[] oy = new uint[(GOddCount + 1) * n];
            ToAffineTable(odd, GOddCount + 1, ox, oy);
            System.Array.Copy(ox, n, gOddX, 0, GOddCount * n);
            System.Array.Copy(oy, n, gOddY, 0, GOddCount * n);
        }

        /// <summary>
        /// Points t[1..count−1] (none at infinity) to affine, into outX/outY at index m·N, with one
        /// inversion (Montgomery's simultaneous inversion): prefix[m] = Z1·…·Zm, then walk back
        /// peeling one Z at a time. Keeps install time low on the device, where an inversion
        /// costs ~300 multiplications. Construction only (allocates its temporaries).
        /// </summary>
        private void ToAffineTable(EcPoint[] t, int size, uint[] outX, uint[] outY)
        {
            int n = N;
            EcPrimeField f = F;
            uint[] prefix = new uint[size * n];
            uint[] acc = new uint[n];
            uint[] zi = new uint[n];
            EcLimbs.Copy(acc, this.one, n);
            for (int m = 1; m < size; m++)
            {
                f.Mul(acc, acc, t[m].Z);
                System.Array.Copy(acc, 0, prefix, m * n, n);
            }
            f.Invert(acc, acc);                       // (Z1·…·Z(size−1))⁻¹
            uint[] prev = new uint[n];
            for (int m = size - 1; m >= 1; m--)
            {
                if (m > 1)
                {
                    System.Array.Copy(prefix, (m - 1) * n, prev, 0, n);
                }
                else
                {
                    EcLimbs.Copy(prev, this.one, n);
                }
                f.Mul(zi, acc, prev);                 // Zm⁻¹
                f.Mul(acc, acc, t[m].Z);              // (Z1·…·Z(m−1))⁻¹
                f.Sqr(t1, zi);
                f.Mul(selX, t[m].X, t1);
                f.Mul(t1, t1, zi);
                f.Mul(selY, t[m].Y, t1);
                System.Array.Copy(selX, 0, outX, m * n, n);
                System.Array.Copy(selY, 0, outY, m * n, n);
            }
        }

        /// <summary>
        /// r = 2p (r may alias p), dbl-2001-b for a = −3: δ = Z², γ = Y², β = Xγ,
        /// α = 3(X − δ)(X + δ), X' = α² − 8β, Z' = (Y + Z)² − γ − δ, Y' = α(4β − X') − 8γ².
        /// Infinity (Z = 0) maps to Z' = 0. No branches.
        /// </summary>
        internal void Double(EcPoint r, EcPoint p)
        {
            EcPrimeField f = F;
            uint[] delta = t1, gamma = t2, beta = t3, alpha = t4, t5 = this.t5, t6 = this.t6, t7 = this.t7;
            f.Sqr(delta, p.Z);
            f.Sqr(gamma, p.Y);
            f.Mul(beta, p.X, gamma);
            f.Sub(alpha, p.X, delta);
            f.Add(t5, p.X, delta);
            f.Mul(alpha, alpha, t5);
            f.Add(t5, alpha, alpha);
            f.Add(alpha, t5, alpha);
            // Z' (reads p.Y, p.Z before they are overwritten)
            f.Add(t5, p.Y, p.Z);
            f.Sqr(t5, t5);
            f.Sub(t5, t5, gamma);
            f.Sub(r.Z, t5, delta);
            // X'
            f.Add(beta, beta, beta);   // 2β
            f.Add(beta, beta, beta);   // 4β
            f.Sqr(t6, alpha);
            f.Add(t7, beta, beta);     // 8β
            f.Sub(r.X, t6, t7);
            // Y'
            f.Sub(beta, beta, r.X);
            f.Mul(beta, alpha, beta);
            f.Sqr(gamma, gamma);
            f.Add(gamma, gamma, gamma);
            f.Add(gamma, gamma, gamma);
            f.Add(gamma, gamma, gamma);
            f.Sub(r.Y, beta, gamma);
        }

        /// <summary>
        /// acc = acc + (x2, y2) for an affine point, in constant time (madd: U2 = x2·Z1², S2 =
        /// y2·Z1³, H = U2 − X1, R = S2 − Y1, X3 = R² − H³ − 2X1H², Y3 = R(X1H² − X3) − Y1H³,
        /// Z3 = Z1·H). The special cases are chosen with masks: acc at infinity gives (x2, y2, 1),
        /// <paramref name="infT"/> (all ones when the table point is the point at infinity, digit
        /// 0) keeps acc, and acc = −(x2, y2) gives Z3 = 0 from the formula itself.
        /// acc = (x2, y2) needs a doubling and branches (kept so the addition is complete). The
        /// branch is never taken by the comb for a scalar k &lt; n (all secret uses: d, k ∈
        /// [1, n−1]): before adding column j, acc = a·G with a = Σ 2^(p−j) over k's set bits p
        /// whose position in their tooth (p mod D) exceeds j, so a ≤ ⌊k/2^j⌋ &lt; n, and the
        /// table point is b·G with b = Σ 2^(i·D) over the bits of column j, b ≤ k &lt; n. Equal
        /// points need a ≡ b (mod n), so a = b; but a's bits lie at offsets ≢ 0 (mod D) and b's at
        /// offsets ≡ 0, so a = b = 0, which is the both-at-infinity case masked out below.
        /// (a + b = n, acc = −T, yields Z3 = 0 from the formula, also without a branch.)
        /// </summary>
        private void AddAffineCt(EcPoint acc, uint[] x2, uint[] y2, uint infT)
        {
            EcPrimeField f = F;
            int n = N;
            uint infQ = EcLimbs.IsZeroMask(acc.Z, n);
            uint[] z1z1 = t1, h = t2, r = t3, hh = t4, hhh = this.t5, v = this.t6, t7 = this.t7;
            f.Sqr(z1z1, acc.Z);
            f.Mul(h, x2, z1z1);
            f.Mul(r, acc.Z, z1z1);
            f.Mul(r, r, y2);
            f.Sub(h, h, acc.X);
            f.Sub(r, r, acc.Y);
            uint same = EcLimbs.IsZeroMask(h, n) & EcLimbs.IsZeroMask(r, n) & ~infQ & ~infT;
            if (same != 0)
            {
                Double(acc, acc);
                return;
            }
            f.Sqr(hh, h);
            f.Mul(hhh, h, hh);
            f.Mul(v, acc.X, hh);
            EcPoint s = sum;
            f.Sqr(t7, r);
            f.Sub(t7, t7, hhh);
            f.Sub(t7, t7, v);
            f.Sub(s.X, t7, v);
            f.Sub(v, v, s.X);
            f.Mul(v, r, v);
            f.Mul(hhh, acc.Y, hhh);
            f.Sub(s.Y, v, hhh);
            f.Mul(s.Z, acc.Z, h);
            EcLimbs.Select(s.X, x2, infQ, n);
            EcLimbs.Select(s.Y, y2, infQ, n);
            EcLimbs.Select(s.Z, this.one, infQ, n);
            uint take = ~infT;
            EcLimbs.Select(acc.X, s.X, take, n);
            EcLimbs.Select(acc.Y, s.Y, take, n);
            EcLimbs.Select(acc.Z, s.Z, take, n);
        }

        /// <summary>
        /// r = p + q for any Jacobian points, variable time (public data only): infinity on either
        /// side, p = q (doubling) and p = −q (infinity) are handled by branches. r may alias p or q.
        /// </summary>
        internal void AddVar(EcPoint r, EcPoint p, EcPoint q)
        {
            EcPrimeField f = F;
            int n = N;
            if (EcLimbs.IsZeroMask(p.Z, n) != 0)
            {
                r.CopyFrom(q);
                return;
            }
            if (EcLimbs.IsZeroMask(q.Z, n) != 0)
            {
                r.CopyFrom(p);
                return;
            }
            uint[] z1z1 = t1, z2z2 = t2, u1 = t3, u2 = t4, s1 = this.t5, s2 = this.t6, t7 = this.t7, t8 = this.t8;
            f.Sqr(z1z1, p.Z);
            f.Sqr(z2z2, q.Z);
            f.Mul(u1, p.X, z2z2);
            f.Mul(u2, q.X, z1z1);
            f.Mul(s1, p.Y, q.Z);
            f.Mul(s1, s1, z2z2);
            f.Mul(s2, q.Y, p.Z);
            f.Mul(s2, s2, z1z1);
            f.Sub(u2, u2, u1);   // H
            f.Sub(s2, s2, s1);   // R
            if (EcLimbs.IsZeroMask(u2, n) != 0)
            {
                if (EcLimbs.IsZeroMask(s2, n) != 0)
                {
                    Double(r, p);
                }
                else
                {
                    r.SetInfinity();
                }
                return;
            }
            EcPoint s = sum;
            f.Mul(t8, p.Z, q.Z);
            f.Mul(s.Z, t8, u2);       // Z3 = Z1·Z2·H
            f.Sqr(z1z1, u2);          // HH
            f.Mul(z2z2, u2, z1z1);    // HHH
            f.Mul(u1, u1, z1z1);      // V = U1·HH
            f.Sqr(t7, s2);
            f.Sub(t7, t7, z2z2);
            f.Sub(t7, t7, u1);
            f.Sub(s.X, t7, u1);       // X3 = R² − HHH − 2V
            f.Sub(u1, u1, s.X);
            f.Mul(u1, s2, u1);
            f.Mul(s1, s1, z2z2);
            f.Sub(s.Y, u1, s1);       // Y3 = R(V − X3) − S1·HHH
            r.CopyFrom(s);
        }

        /// <summary>r = k·G by the comb, constant time in k (k &lt; 2^(32N), any value; see the class comment).</summary>
        internal void MulG(EcPoint r, uint[] k)
        {
            int n = N;
            int bits = 32 * n;
            r.SetInfinity();
            uint[] sx = selX, sy = selY;
            int size = 1 << this.w;
            for (int j = this.d - 1; j >= 0; j--)
            {
                Double(r, r);
                uint digit = 0;
                for (int i = 0; i < this.w; i++)
                {
                    int pos = i * this.d + j;
                    if (pos < bits) // public: depends on the column only
                    {
                        digit |= ((k[pos >> 5] >> (pos & 31)) & 1u) << i;
                    }
                }
                // Scan the whole table: every entry is read, the wanted one kept by mask.
                EcLimbs.Clear(sx, n);
                EcLimbs.Clear(sy, n);
                for (int e = 1; e < size; e++)
                {
                    uint mask = EcLimbs.EqualMask((uint)e, digit);
                    int b = e * n;
                    for (int l = 0; l < n; l++)
                    {
                        sx[l] |= combX[b + l] & mask;
                        sy[l] |= combY[b + l] & mask;
                    }
                }
                AddAffineCt(r, sx, sy, EcLimbs.EqualMask(digit, 0));
            }
        }

        /// <summary>r = k·q, variable time (public k and q only): fixed 4-bit windows, table of 1..15·q.</summary>
        internal void MulVar(EcPoint r, EcPoint q, uint[] k)
        {
            EcPoint[] t = this.window;
            t[1].CopyFrom(q);
            Double(t[2], q);
            for (int i = 3; i < 16; i++)
            {
                AddVar(t[i], t[i - 1], q);
            }
            r.SetInfinity();
            bool started = false;
            for (int bit = 32 * N - 4; bit >= 0; bit -= 4)
            {
                if (started)
                {
                    Double(r, r);
                    Double(r, r);
                    Double(r, r);
                    Double(r, r);
                }
                uint digit = (k[bit >> 5] >> (bit & 31)) & 0xF;
                if (digit != 0)
                {
                    AddVar(r, r, t[digit]);
                    started = true;
                }
            }
        }

        /// <summary>
        /// r = u1·G + u2·q, variable time (verification: public u1, u2, q): Shamir's trick over
        /// width-w NAF digits (odd, |digit| &lt; 2^(w−1)), one chain of doublings for both scalars;
        /// G's odd multiples come from the affine table made at construction (w = 7), q's are
        /// made here (w = 5, Jacobian). r must not be q.
        /// </summary>
        internal void MulAddVar(EcPoint r, uint[] u1, EcPoint q, uint[] u2)
        {
            int n = N;
            EcPoint[] t = this.window;               // t[m] = (2m+1)·q, m = 0..7
            t[0].CopyFrom(q);
            Double(neg, q);
            for (int i = 1; i < QOddCount; i++)
            {
                AddVar(t[i], t[i - 1], neg);
            }
            int len1 = Naf(naf1, u1, GWidth);
            int len2 = Naf(naf2, u2, QWidth);
            int top = len1 > len2 ? len1 : len2;
            r.SetInfinity();
            bool started = false;
            for (int i = top - 1; i >= 0; i--)
            {
                if (started)
                {
                    Double(r, r);
                }
                int d1 = i < len1 ? naf1[i] : 0;
                int d2 = i < len2 ? naf2[i] : 0;
                if (d1 != 0)
                {
                    int m = (d1 > 0 ? d1 : -d1) >> 1;
                    System.Array.Copy(gOddX, m * n, selX, 0, n);
                    System.Array.Copy(gOddY, m * n, selY, 0, n);
                    if (d1 < 0)
                    {
                        EcLimbs.Clear(this.t8, n);
                        F.Sub(selY, this.t8, selY);
                    }
                    AddAffineCt(r, selX, selY, 0);
                    started = true;
                }
                if (d2 != 0)
                {
                    EcPoint p = t[(d2 > 0 ? d2 : -d2) >> 1];
                    if (d2 < 0)
                    {
                        neg.CopyFrom(p);
                        Negate(neg);
                        p = neg;
                    }
                    AddVar(r, r, p);
                    started = true;
                }
            }
        }

        /// <summary>
        /// Width-w NAF of k (public): digits naf[i] ∈ {0, ±1, ±3, …, ±(2^(w−1) − 1)}, k = Σ naf[i]·2^i,
        /// at most one nonzero in any w consecutive digits. Returns the digit count.
        /// </summary>
        private int Naf(int[] naf, uint[] k, int w)
        {
            int n = N;
            uint[] x = nafK;
            EcLimbs.Copy(x, k, n);
            x[n] = 0;
            int full = 1 << w;
            int half = full >> 1;
            int len = 0;
            while (true)
            {
                bool zero = true;
                for (int i = 0; i <= n; i++)
                {
                    if (x[i] != 0)
                    {
                        zero = false;
                        break;
                    }
                }
                if (zero)
                {
                    break;
                }
                int d = 0;
                if ((x[0] & 1) != 0)
                {
                    d = (int)(x[0] & (uint)(full - 1));
                    if (d >= half)
                    {
                        d -= full;
                    }
                    // x −= d (x + |d| for negative d): x becomes divisible by 2^w.
                    long c = -(long)d;
                    for (int i = 0; i <= n && c != 0; i++)
                    {
                        c += x[i];
                        x[i] = (uint)c;
                        c >>= 32;
                    }
                }
                naf[len++] = d;
                for (int i = 0; i < n; i++)
                {
                    x[i] = (x[i] >> 1) | (x[i + 1] << 31);
                }
                x[n] >>= 1;
            }
            return len;
        }

        /// <summary>Affine (x, y) of p; returns false (x, y zero) for the point at infinity. Inversion is constant time.</summary>
        internal bool ToAffine(EcPoint p, uint[] x, uint[] y)
        {
            EcPrimeField f = F;
            uint inf = EcLimbs.IsZeroMask(p.Z, N);
            uint[] zi = this.t8, zi2 = this.t7;
            f.Invert(zi, p.Z);
            f.Sqr(zi2, zi);
            f.Mul(x, p.X, zi2);
            f.Mul(zi2, zi2, zi);
            f.Mul(y, p.Y, zi2);
            return inf == 0;
        }

        /// <summary>True when x, y &lt; p and y² = x³ − 3x + b (SEC 1 §3.2.2.1 steps 2–3).</summary>
        internal bool IsOnCurve(uint[] x, uint[] y)
        {
            int n = N;
            uint[] p = F.P;
            if (EcLimbs.LessThanMask(x, p, n) == 0 || EcLimbs.LessThanMask(y, p, n) == 0)
            {
                return false;
            }
            EcPrimeField f = F;
            uint[] lhs = t1, rhs = t2, t = t3;
            f.Sqr(lhs, y);
            f.Sqr(rhs, x);
            f.Mul(rhs, rhs, x);
            f.Add(t, x, x);
            f.Add(t, t, x);
            f.Sub(rhs, rhs, t);
            f.Add(rhs, rhs, B);
            f.Sub(t, lhs, rhs);
            return EcLimbs.IsZeroMask(t, n) != 0;
        }

        /// <summary>Sets p to the affine point (x, y) with Z = 1.</summary>
        internal void SetAffine(EcPoint p, uint[] x, uint[] y)
        {
            EcLimbs.Copy(p.X, x, N);
            EcLimbs.Copy(p.Y, y, N);
            EcLimbs.Copy(p.Z, this.one, N);
        }

        /// <summary>
        /// Overwrites the scratch of the last operation: after a comb multiplication it holds the
        /// last selected table point (the scalar's lowest column) and partial sums.
        /// </summary>
        internal void Wipe()
        {
            int n = N;
            EcLimbs.Clear(t1, n); EcLimbs.Clear(t2, n); EcLimbs.Clear(t3, n); EcLimbs.Clear(t4, n);
            EcLimbs.Clear(this.t5, n); EcLimbs.Clear(this.t6, n); EcLimbs.Clear(this.t7, n); EcLimbs.Clear(this.t8, n);
            EcLimbs.Clear(selX, n);
            EcLimbs.Clear(selY, n);
            sum.SetInfinity();
            S.Wipe();
        }

        /// <summary>p = −p (Y → p − Y).</summary>
        internal void Negate(EcPoint p)
        {
            EcLimbs.Clear(t1, N);
            F.Sub(p.Y, t1, p.Y);
        }
    }
}
