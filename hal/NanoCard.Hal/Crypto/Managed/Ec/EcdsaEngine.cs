namespace NanoCard.Hal.Crypto.Managed
{
    /// <summary>
    /// ECDSA on P-256 and P-384 in portable managed code (FIPS 186-4 §6; SEC 1 §4.1), with the
    /// deterministic nonces of RFC 6979 (HMAC-SHA-256 for P-256, HMAC-SHA-384 for P-384). The
    /// methods have the shape of the matching <see cref="ICrypto"/> ones. A curve's group, comb
    /// tables and scratch are allocated by <see cref="Prepare"/> (at install, when a key of the
    /// curve is created), or by the first operation on a curve not prepared; after that the
    /// operations allocate nothing.
    ///
    /// Constant time for secrets: k·G and d·G use the comb of <see cref="EcGroup"/>, the field
    /// and scalar arithmetic use masks, inversions are Fermat with a public exponent. Branches
    /// that remain on secret-derived values, all with negligible probability or revealing only a
    /// rejected candidate: the range checks of rejection sampling (d and k outside [1, n−1]) and
    /// the r = 0 / s = 0 retries. (The comb's addition has a doubling branch that is provably
    /// unreachable for scalars below n; see EcGroup.AddAffineCt.)
    /// Not thread-safe (one engine per card; scratch is per instance).
    /// </summary>
    public sealed class EcdsaEngine
    {
        private readonly IRandom random;
        private readonly IMessageDigest sha256;
        private readonly IMessageDigest sha384;
        private Context p256;
        private Context p384;

        public EcdsaEngine(IRandom random, IMessageDigest sha256, IMessageDigest sha384)
        {
            if (random == null || sha256 == null || sha384 == null)
            {
                throw new System.ArgumentNullException("random");
            }
            if (sha256.Algorithm != HashAlgorithm.Sha256 || sha384.Algorithm != HashAlgorithm.Sha384)
            {
                throw new System.ArgumentException("digest");
            }
            this.random = random;
            this.sha256 = sha256;
            this.sha384 = sha384;
        }

        /// <summary>Makes the tables and scratch of <paramref name="curve"/> (an <see cref="EcCurve"/>) unless they exist.</summary>
        public void Prepare(byte curve)
        {
            For(curve);
        }

        /// <summary>Per-curve group, nonce generator and scratch.</summary>
        private sealed class Context
        {
            internal readonly EcGroup G;
            internal readonly Rfc6979Nonce Nonce;
            internal readonly int L;
            internal readonly uint[] D, K, Z, R, S, X, Y, T, U1, U2;
            internal readonly byte[] KBytes, H1, HashBuf;
            internal readonly EcPoint P1, P2, P3;

            internal Context(bool p384, IMessageDigest digest)
            {
                G = new EcGroup(p384);
                L = G.Bytes;
                Nonce = new Rfc6979Nonce(new Hmac(digest), L);
                int n = G.N;
                D = new uint[n]; K = new uint[n]; Z = new uint[n]; R = new uint[n]; S = new uint[n];
                X = new uint[n]; Y = new uint[n]; T = new uint[n]; U1 = new uint[n]; U2 = new uint[n];
                KBytes = new byte[L];
                H1 = new byte[L];
                HashBuf = new byte[L];
                P1 = new EcPoint(n);
                P2 = new EcPoint(n);
                P3 = new EcPoint(n);
            }

            internal void Wipe()
            {
                int n = G.N;
                EcLimbs.Clear(D, n);
                EcLimbs.Clear(K, n);
                EcLimbs.Clear(T, n);
                EcLimbs.Clear(U1, n);
                EcLimbs.Clear(U2, n);
                System.Array.Clear(KBytes, 0, L);
                P1.SetInfinity();
                // The DRBG's V equals the last nonce when hlen = qlen: never leave it behind.
                Nonce.Clear();
                G.Wipe();
            }
        }

        private Context For(byte curve)
        {
            if (curve == EcCurve.P256)
            {
                if (p256 == null)
                {
                    p256 = new Context(false, sha256);
                }
                return p256;
            }
            if (curve == EcCurve.P384)
            {
                if (p384 == null)
                {
                    p384 = new Context(true, sha384);
                }
                return p384;
            }
            throw new System.ArgumentException("curve");
        }

        /// <summary>The group of a curve (tests: scalar multiplication and point arithmetic).</summary>
        internal EcGroup GroupOf(byte curve)
        {
            return For(curve).G;
        }

        /// <summary>
        /// A fresh key pair: d uniform in [1, n−1] by rejection sampling of L random bytes
        /// (FIPS 186-4 §B.4.2, testing candidates), Q = d·G (SEC 1 §3.2.1).
        /// </summary>
        public void GenerateKey(EcKey key)
        {
            if (key == null)
            {
                throw new System.ArgumentException("key");
            }
            Context c = For(key.Curve);
            EcGroup g = c.G;
            int n = g.N;
            while (true)
            {
                this.random.NextBytes(c.KBytes, 0, (short)c.L);
                EcLimbs.FromBytes(c.D, n, c.KBytes, 0);
                if (g.S.InRangeMask(c.D) != 0)
                {
                    break;
                }
            }
            g.MulG(c.P1, c.D);
            g.ToAffine(c.P1, c.X, c.Y);
            System.Array.Copy(c.KBytes, 0, key.PrivateScalar, 0, c.L);
            byte[] q = key.PublicPoint;
            q[0] = 0x04;
            EcLimbs.ToBytes(q, 1, c.X, n);
            EcLimbs.ToBytes(q, 1 + c.L, c.Y, n);
            key.IsInitialized = true;
            c.Wipe();
        }

        /// <summary>
        /// ECDSA signature (FIPS 186-4 §6.4) of a given hash with the RFC 6979 nonce; writes r ‖ s,
        /// each L bytes big-endian, and returns 2L.
        /// </summary>
        public short Sign(EcKey key, byte[] hash, short hashOffset, short hashLength, byte[] signature, short sigOffset)
        {
            Context c = CheckSignArguments(key, hash, hashOffset, hashLength);
            if (!RangeCheck.Fits(signature, sigOffset, 2 * c.L))
            {
                throw new System.ArgumentException("signature");
            }
            EcGroup g = c.G;
            EcScalarField sf = g.S;
            int n = g.N;
            StartNonce(c, key, hash, hashOffset, hashLength);
            EcLimbs.FromBytes(c.D, n, key.PrivateScalar, 0);
            sf.ToMont(c.D, c.D);                           // d·R
            while (true)
            {
                NextNonce(c);
                g.MulG(c.P1, c.K);
                g.ToAffine(c.P1, c.X, c.Y);
                sf.ReduceOnce(c.R, c.X);                   // r = x mod n (x < p < 2n)
                if (EcLimbs.IsZeroMask(c.R, n) != 0)
                {
                    continue;                              // RFC 6979 §3.4: next k
                }
                sf.ToMont(c.K, c.K);
                sf.InvertMont(c.K, c.K);                   // k⁻¹·R
                sf.MontMul(c.T, c.R, c.D);                 // r·d
                sf.Add(c.T, c.T, c.Z);                     // z + r·d
                sf.MontMul(c.S, c.K, c.T);                 // k⁻¹(z + r·d)
                if (EcLimbs.IsZeroMask(c.S, n) != 0)
                {
                    continue;
                }
                break;
            }
            EcLimbs.ToBytes(signature, sigOffset, c.R, n);
            EcLimbs.ToBytes(signature, sigOffset + c.L, c.S, n);
            c.Wipe();
            return (short)(2 * c.L);
        }

        /// <summary>The first RFC 6979 nonce k for this key and hash (tests: Appendix A.2 K values).</summary>
        internal void ComputeNonce(EcKey key, byte[] hash, short hashOffset, short hashLength, byte[] k, short kOffset)
        {
            Context c = CheckSignArguments(key, hash, hashOffset, hashLength);
            StartNonce(c, key, hash, hashOffset, hashLength);
            NextNonce(c);
            EcLimbs.ToBytes(k, kOffset, c.K, c.G.N);
            c.Wipe();
        }

        private Context CheckSignArguments(EcKey key, byte[] hash, short hashOffset, short hashLength)
        {
            if (key == null || !key.IsInitialized)
            {
                throw new System.ArgumentException("key");
            }
            Context c = For(key.Curve);
            if (!RangeCheck.Fits(hash, hashOffset, hashLength))
            {
                throw new System.ArgumentException("hash");
            }
            return c;
        }

        /// <summary>z = bits2int(hash) mod n into c.Z, bits2octets into c.H1, and RFC 6979 steps b–g.</summary>
        private void StartNonce(Context c, EcKey key, byte[] hash, short hashOffset, short hashLength)
        {
            HashToScalar(c, hash, hashOffset, hashLength);
            EcLimbs.ToBytes(c.H1, 0, c.Z, c.G.N);
            c.Nonce.Init(key.PrivateScalar, c.H1);
        }

        /// <summary>Next RFC 6979 candidate into c.K, rejecting those outside [1, n−1] (step h.3).</summary>
        private static void NextNonce(Context c)
        {
            EcGroup g = c.G;
            while (true)
            {
                c.Nonce.Next(c.KBytes, 0);
                EcLimbs.FromBytes(c.K, g.N, c.KBytes, 0);
                if (g.S.InRangeMask(c.K) != 0)
                {
                    return;
                }
            }
        }

        /// <summary>
        /// FIPS 186-4 §6.4 / RFC 6979 §2.3.2: z is the leftmost min(N, 8·hashLength) bits of the
        /// hash. The order has exactly 8L bits, so a longer hash is cut to its first L bytes and a
        /// shorter one is the integer of all its bytes. Then z mod n (z &lt; 2^(8L) &lt; 2n).
        /// </summary>
        private static void HashToScalar(Context c, byte[] hash, short hashOffset, short hashLength)
        {
            int l = c.L;
            System.Array.Clear(c.HashBuf, 0, l);
            if (hashLength >= l)
            {
                System.Array.Copy(hash, hashOffset, c.HashBuf, 0, l);
            }
            else
            {
                System.Array.Copy(hash, hashOffset, c.HashBuf, l - hashLength, hashLength);
            }
            EcLimbs.FromBytes(c.Z, c.G.N, c.HashBuf, 0);
            c.G.S.ReduceOnce(c.Z, c.Z);
        }

        /// <summary>
        /// ECDSA verification (FIPS 186-4 §6.4.2; SEC 1 §4.1.4) with an uncompressed point
        /// 04 ‖ X ‖ Y validated per SEC 1 §3.2.2.1. False for any invalid input; throws only for
        /// an unknown curve.
        /// </summary>
        public bool Verify(byte curve, byte[] point, short pointOffset, short pointLength,
            byte[] hash, short hashOffset, short hashLength, byte[] signature, short sigOffset, short sigLength)
        {
            Context c = For(curve);
            EcGroup g = c.G;
            EcScalarField sf = g.S;
            int n = g.N;
            int l = c.L;
            if (pointLength != 1 + 2 * l || sigLength != 2 * l
                || !RangeCheck.Fits(point, pointOffset, pointLength)
                || !RangeCheck.Fits(signature, sigOffset, sigLength)
                || !RangeCheck.Fits(hash, hashOffset, hashLength))
            {
                return false;
            }
            if (point[pointOffset] != 0x04)
            {
                return false;
            }
            EcLimbs.FromBytes(c.X, n, point, pointOffset + 1);
            EcLimbs.FromBytes(c.Y, n, point, pointOffset + 1 + l);
            if (!g.IsOnCurve(c.X, c.Y))
            {
                return false;
            }
            // Q ≠ O holds for any affine point; the prime-order curves have cofactor 1, so n·Q = O.
            EcLimbs.FromBytes(c.R, n, signature, sigOffset);
            EcLimbs.FromBytes(c.S, n, signature, sigOffset + l);
            if (sf.InRangeMask(c.R) == 0 || sf.InRangeMask(c.S) == 0)
            {
                return false;
            }
            HashToScalar(c, hash, hashOffset, hashLength);
            sf.ToMont(c.T, c.S);
            sf.InvertMont(c.T, c.T);          // w = s⁻¹ (Montgomery form)
            sf.MontMul(c.U1, c.Z, c.T);       // u1 = z·w
            sf.MontMul(c.U2, c.R, c.T);       // u2 = r·w
            g.SetAffine(c.P2, c.X, c.Y);
            g.MulAddVar(c.P1, c.U1, c.P2, c.U2);
            if (!g.ToAffine(c.P1, c.X, c.Y))
            {
                return false;
            }
            sf.ReduceOnce(c.X, c.X);          // x mod n
            for (int i = 0; i < n; i++)
            {
                if (c.X[i] != c.R[i])
                {
                    return false;
                }
            }
            return true;
        }
    }
}
