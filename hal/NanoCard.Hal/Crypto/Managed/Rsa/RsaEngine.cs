namespace NanoCard.Hal.Crypto.Managed
{
    /// <summary>
    /// RSA-2048 in portable C#: key generation, key import from p and q, and RSASSA-PKCS1-v1_5
    /// signatures (RFC 8017 §8.2) over a caller-built DigestInfo. Private operations use the CRT with
    /// Garner's recombination, constant-time fixed-window exponentiation, base blinding with a fresh
    /// random r, and a verification of the result before it is released (a fault in one CRT half would
    /// otherwise let anyone factor n from a single faulty signature — the Boneh–DeMillo–Lipton attack).
    /// All scratch is allocated in the constructor; the operations allocate nothing. Not thread-safe
    /// (one engine per card, like the rest of the card's crypto objects).
    /// Constant time: the private-key path of <see cref="SignPkcs1"/> (reduction mod p and q, the two
    /// exponentiations, Garner, unblinding) has no branch or index on secret data. Not constant time,
    /// by design: (1) the modular inverse used for blinding (binary GCD) — its input r·v is uniformly
    /// random and independent of r; (2) key generation — the prime search (how many candidates, trial
    /// division and Miller–Rabin early exits) and the derivation of dP, dQ use the CPU's division on
    /// p − 1 and q − 1; these run at generation/import only, not per signature; (3) validity checks at
    /// import (p, q odd, n of 2048 bits). The Montgomery constants (n0', R² mod m) live in the engine,
    /// not the key slot (which holds bytes only), so they are recomputed at the start of each
    /// signature — a few dozen modular doublings and squarings, about 2% of a signature.
    /// </summary>
    public sealed class RsaEngine
    {
        private const int Half = 32;         // limbs of p, q, dP, dQ, qInv
        private const int Full = 64;         // limbs of n
        private const int K = RsaKey.ModulusLength;   // 256 bytes
        private const int HalfBytes = RsaKey.PrimeLength;
        /// <summary>
        /// Longest block: RFC 8017 §9.2 step 3 needs emLen ≥ tLen + 11 (00 01, at least eight FF, 00).
        /// </summary>
        public const int MaxBlockLength = K - 11;
        private const int GeneratedExponent = 65537;

        private readonly IRandom random;
        private readonly Montgomery ctxP = new Montgomery(Half, true);
        private readonly Montgomery ctxQ = new Montgomery(Half, true);
        private readonly Montgomery ctxN = new Montgomery(Full, false);
        private readonly BinaryInverse inverse = new BinaryInverse(Full);
        private readonly PrimeGenerator primes;

        private readonly uint[] p = new uint[Half];
        private readonly uint[] q = new uint[Half];
        private readonly uint[] dp = new uint[Half];
        private readonly uint[] dq = new uint[Half];
        private readonly uint[] qinv = new uint[Half];
        private readonly uint[] h1 = new uint[Half];
        private readonly uint[] h2 = new uint[Half];
        private readonly uint[] h3 = new uint[Half + 1];
        private readonly uint[] n = new uint[Full];
        private readonly uint[] m = new uint[Full];
        private readonly uint[] r = new uint[Full];
        private readonly uint[] v = new uint[Full];
        private readonly uint[] x = new uint[Full];
        private readonly uint[] y = new uint[Full];
        private readonly uint[] rinv = new uint[Full];
        private readonly uint[] re = new uint[Full];
        private readonly byte[] em = new byte[K];
        private readonly byte[] rnd = new byte[K];

        public RsaEngine(IRandom random)
        {
            if (random == null)
            {
                throw new System.ArgumentException("random");
            }
            this.random = random;
            primes = new PrimeGenerator(random, ctxP);
        }

        /// <summary>
        /// Fresh 2048-bit key, e = 65537 (FIPS 186-4 Appendix B.3.3): two 1024-bit probable primes with
        /// the top two bits set, gcd(e, p − 1) = gcd(e, q − 1) = 1, |p − q| &gt; 2^(nlen/2 − 100) (step 5.4),
        /// p &gt; q. Fills n, p, q, dP, dQ, qInv.
        /// </summary>
        public void GenerateKey(RsaKey key)
        {
            if (key == null)
            {
                throw new System.ArgumentException("key");
            }
            while (true)
            {
                primes.Generate(p, GeneratedExponent);
                primes.Generate(q, GeneratedExponent);
                OrderPrimes();
                // |p − q| > 2^924 (B.3.3 step 5.4); we ask for a bit at position ≥ 925 to be set.
                Mpi.Sub(p, q, h1, Half);
                bool far = (h1[28] >> 29) != 0 || h1[29] != 0 || h1[30] != 0 || h1[31] != 0;
                if (far)
                {
                    break;
                }
            }
            FinishKey(key, GeneratedExponent);
        }

        /// <summary>
        /// Loads a key from p and q (each 128 bytes big-endian) and e. Swaps them when p &lt; q; derives
        /// n, dP = e⁻¹ mod (p − 1), dQ = e⁻¹ mod (q − 1), qInv = q⁻¹ mod p. Throws
        /// <see cref="System.ArgumentException"/> when n would not have exactly 2048 bits, p or q is even,
        /// p = q, e is even or below 3, or e is not invertible modulo p − 1 or q − 1.
        /// </summary>
        public void ImportKey(RsaKey key, byte[] pBytes, short pOffset, byte[] qBytes, short qOffset, int publicExponent)
        {
            if (key == null || !RangeCheck.Fits(pBytes, pOffset, HalfBytes) || !RangeCheck.Fits(qBytes, qOffset, HalfBytes))
            {
                throw new System.ArgumentException("RSA import: bad arguments");
            }
            if (publicExponent < 3 || (publicExponent & 1) == 0)
            {
                throw new System.ArgumentException("RSA import: e must be odd and at least 3");
            }
            Mpi.FromBytes(pBytes, pOffset, HalfBytes, p, Half);
            Mpi.FromBytes(qBytes, qOffset, HalfBytes, q, Half);
            if ((p[0] & q[0] & 1) == 0)
            {
                throw new System.ArgumentException("RSA import: p and q must be odd");
            }
            OrderPrimes();
            if (Mpi.EqualMask(p, q, Half) != 0)
            {
                throw new System.ArgumentException("RSA import: p = q");
            }
            FinishKey(key, publicExponent);
        }

        /// <summary>
        /// RSASSA-PKCS1-v1_5 signature generation (RFC 8017 §8.2.1) with the encoding of §9.2 steps 5–6
        /// applied to the caller's block T: EM = 0x00 ‖ 0x01 ‖ PS (0xFF…, at least 8) ‖ 0x00 ‖ T, then
        /// s = EM^d mod n (RSASP1, §5.2.1, CRT form 2.b). Writes 256 bytes; returns 256.
        /// </summary>
        public short SignPkcs1(RsaKey key, byte[] block, short blockOffset, short blockLength, byte[] signature, short sigOffset)
        {
            if (key == null || !key.IsInitialized)
            {
                throw new System.ArgumentException("RSA sign: key not initialised");
            }
            if (blockLength < 0 || blockLength > MaxBlockLength || !RangeCheck.Fits(block, blockOffset, blockLength))
            {
                throw new System.ArgumentException("RSA sign: block must be at most 245 bytes");
            }
            if (!RangeCheck.Fits(signature, sigOffset, K))
            {
                throw new System.ArgumentException("RSA sign: signature buffer too small");
            }
            Encode(block, blockOffset, blockLength);
            Mpi.FromBytes(em, 0, K, m, Full);

            Mpi.FromBytes(key.P, 0, HalfBytes, p, Half);
            Mpi.FromBytes(key.Q, 0, HalfBytes, q, Half);
            Mpi.FromBytes(key.DP, 0, HalfBytes, dp, Half);
            Mpi.FromBytes(key.DQ, 0, HalfBytes, dq, Half);
            Mpi.FromBytes(key.QInv, 0, HalfBytes, qinv, Half);
            Mpi.FromBytes(key.Modulus, 0, K, n, Full);
            // The Montgomery constants are recomputed per signature (the key slot only holds bytes):
            // a few dozen modular doublings and squarings, about 2% of the signature.
            ctxP.SetModulus(p);
            ctxQ.SetModulus(q);
            ctxN.SetModulus(n);
            int e = key.PublicExponent;

            // Blinding (Kocher 1996; RFC 8017 §5.1.2 note): m' = m·r^e, so m'^d = s·r, then × r⁻¹.
            // r⁻¹ is obtained as v·(r·v)⁻¹ with a second random v, so the variable-time binary inverse
            // only ever sees r·v, which is uniformly random and independent of r.
            do
            {
                RandomBelowN(r);
                RandomBelowN(v);
                ctxN.Mul(r, v, x);                       // x = r·v·R⁻¹
            }
            while (!inverse.Invert(x, n, ctxN.N0, y));   // y = R·(r·v)⁻¹
            ctxN.Mul(v, y, rinv);                         // r⁻¹
            ctxN.ModExpPublic(r, e, re);                  // r^e
            ctxN.Mul(m, re, x);                           // m·r^e·R⁻¹
            ctxN.Mul(x, ctxN.RR, x);                      // m' = m·r^e mod n

            // CRT halves: m' mod p (2048-bit value reduced modulo the 1024-bit prime), then ^dP.
            ctxP.ReduceWideToMont(x, h1);
            ctxP.ModExp(h1, dp, Half, h1);
            ctxP.FromMont(h1, h1);                        // s_p
            ctxQ.ReduceWideToMont(x, h2);
            ctxQ.ModExp(h2, dq, Half, h2);
            ctxQ.FromMont(h2, h2);                        // s_q (< q < p, so already reduced mod p)

            // Garner: h = qInv·(s_p − s_q) mod p; s' = s_q + q·h (< n).
            ctxP.ModSub(h1, h2, h1);
            ctxP.Mul(h1, qinv, h1);                       // (s_p − s_q)·qInv·R⁻¹
            ctxP.Mul(h1, ctxP.RR, h1);                    // h
            Mpi.Mul(q, Half, h1, Half, y);
            h3[Half] = Mpi.Add(h2, y, h3, Half);          // low half + s_q, carry
            Mpi.Copy(h3, y, Half);
            ulong c = h3[Half];
            for (int i = Half; i < Full; i++)
            {
                c += y[i];
                y[i] = (uint)c;
                c >>= 32;
            }

            // Unblind: s = s'·r⁻¹ mod n.
            ctxN.Mul(y, rinv, y);
            ctxN.Mul(y, ctxN.RR, y);

            // Fault check: s^e mod n must give back EM before s leaves the card.
            ctxN.ModExpPublic(y, e, x);
            bool ok = Mpi.EqualMask(x, m, Full) != 0;
            if (ok)
            {
                Mpi.ToBytes(y, Full, signature, sigOffset, K);
            }
            Wipe();
            if (!ok)
            {
                throw new System.InvalidOperationException("RSA sign: result check failed (fault or inconsistent key)");
            }
            return K;
        }

        /// <summary>
        /// RSASSA-PKCS1-v1_5 verification (RFC 8017 §8.2.2): true only when the signature is 256 bytes,
        /// s &lt; n, and s^e mod n equals the full encoding of <paramref name="block"/> (compared as a
        /// whole, not parsed). Any invalid input — null arrays, bad offsets or lengths, n not of exactly
        /// 2048 bits or even, e even or below 3 — gives false; this method does not throw.
        /// </summary>
        public bool VerifyPkcs1(byte[] modulus, short modulusOffset, int publicExponent,
            byte[] block, short blockOffset, short blockLength, byte[] signature, short sigOffset, short sigLength)
        {
            if (sigLength != K || blockLength < 0 || blockLength > MaxBlockLength
                || !RangeCheck.Fits(modulus, modulusOffset, K) || !RangeCheck.Fits(block, blockOffset, blockLength)
                || !RangeCheck.Fits(signature, sigOffset, K))
            {
                return false;
            }
            if (publicExponent < 3 || (publicExponent & 1) == 0)
            {
                return false;
            }
            Mpi.FromBytes(modulus, modulusOffset, K, n, Full);
            if ((n[0] & 1) == 0 || (n[Full - 1] & 0x80000000u) == 0)
            {
                return false;
            }
            Mpi.FromBytes(signature, sigOffset, K, y, Full);
            if (Mpi.LessMask(y, n, Full) == 0)
            {
                return false; // §5.2.2 step 1: s must be below n
            }
            ctxN.SetModulus(n);
            ctxN.ModExpPublic(y, publicExponent, x);
            Encode(block, blockOffset, blockLength);
            Mpi.FromBytes(em, 0, K, m, Full);
            return Mpi.EqualMask(x, m, Full) != 0;
        }

        /// <summary>EMSA-PKCS1-v1_5 steps 5–6 (RFC 8017 §9.2) into em: 00 01 FF…FF 00 ‖ T.</summary>
        private void Encode(byte[] block, int off, int len)
        {
            em[0] = 0x00;
            em[1] = 0x01;
            int psEnd = K - len - 1;
            for (int i = 2; i < psEnd; i++)
            {
                em[i] = 0xFF;
            }
            em[psEnd] = 0x00;
            System.Array.Copy(block, off, em, psEnd + 1, len);
        }

        /// <summary>A random value below 2^2040 (so below n, whose top bit is set); never zero.</summary>
        private void RandomBelowN(uint[] dst)
        {
            do
            {
                rnd[0] = 0;
                random.NextBytes(rnd, 1, K - 1);
                Mpi.FromBytes(rnd, 0, K, dst, Full);
            }
            while (Mpi.IsZero(dst, Full));
        }

        /// <summary>Puts the larger prime in p (constant-time conditional swap).</summary>
        private void OrderPrimes()
        {
            uint swap = Mpi.LessMask(p, q, Half);
            for (int i = 0; i < Half; i++)
            {
                uint d = (p[i] ^ q[i]) & swap;
                p[i] ^= d;
                q[i] ^= d;
            }
        }

        /// <summary>From p &gt; q in the scratch: n, dP, dQ, qInv into the key slot.</summary>
        private void FinishKey(RsaKey key, int e)
        {
            Mpi.Mul(p, Half, q, Half, n);
            if ((n[Full - 1] & 0x80000000u) == 0)
            {
                Wipe();
                throw new System.ArgumentException("RSA key: n must have exactly 2048 bits");
            }
            if (!InverseOfE(p, e, dp) || !InverseOfE(q, e, dq))
            {
                Wipe();
                throw new System.ArgumentException("RSA key: e is not invertible modulo p - 1 or q - 1");
            }
            // qInv = q^(p−2) mod p (Fermat; p is prime), with the constant-time exponentiation.
            ctxP.SetModulus(p);
            Mpi.Copy(p, h1, Half);
            h1[0] -= 2;                                   // p is odd and > 2: no borrow
            ctxP.ToMont(q, h2);
            ctxP.ModExp(h2, h1, Half, h2);
            ctxP.FromMont(h2, qinv);

            key.Clear();
            Mpi.ToBytes(n, Full, key.Modulus, 0, K);
            Mpi.ToBytes(p, Half, key.P, 0, HalfBytes);
            Mpi.ToBytes(q, Half, key.Q, 0, HalfBytes);
            Mpi.ToBytes(dp, Half, key.DP, 0, HalfBytes);
            Mpi.ToBytes(dq, Half, key.DQ, 0, HalfBytes);
            Mpi.ToBytes(qinv, Half, key.QInv, 0, HalfBytes);
            key.PublicExponent = e;
            key.IsInitialized = true;
            Wipe();
        }

        /// <summary>
        /// d = e⁻¹ mod (w − 1) for an odd prime w, without a multi-precision inverse: e·d = 1 + k(w − 1)
        /// with k ≡ −(w − 1)⁻¹ (mod e), 0 ≤ k &lt; e, so d = (1 + k(w − 1)) / e, an exact division by the
        /// small e (and d &lt; w − 1). Uses the CPU's division for (w − 1) mod e and the quotient; that is
        /// only done at key generation/import. False when gcd(e, w − 1) ≠ 1.
        /// </summary>
        private bool InverseOfE(uint[] w, int e, uint[] d)
        {
            uint ue = (uint)e;
            Mpi.Copy(w, h3, Half);
            h3[0] &= ~1u;                                 // w − 1
            uint a = Mpi.ModSmall(h3, Half, ue);
            long ainv = SmallInverse(a, ue);
            if (ainv < 0)
            {
                return false;
            }
            uint k = (uint)((ue - (ulong)ainv) % ue);
            h3[Half] = Mpi.MulSmallAdd(h3, k, 1, h3, Half);   // 1 + k(w − 1), 33 limbs
            uint rem = Mpi.DivSmall(h3, Half + 1, ue, h3);
            Mpi.Copy(h3, d, Half);
            Mpi.Clear(h3, Half + 1);
            return rem == 0;
        }

        /// <summary>a⁻¹ mod m for small values (extended Euclid), or −1 when gcd(a, m) ≠ 1.</summary>
        private static long SmallInverse(uint a, uint mod)
        {
            long r0 = mod, r1 = a, t0 = 0, t1 = 1;
            while (r1 != 0)
            {
                long qt = r0 / r1;
                long tmp = r0 - qt * r1;
                r0 = r1;
                r1 = tmp;
                tmp = t0 - qt * t1;
                t0 = t1;
                t1 = tmp;
            }
            if (r0 != 1)
            {
                return -1;
            }
            return t0 < 0 ? t0 + mod : t0;
        }

        /// <summary>Clears every scratch value derived from the private key.</summary>
        private void Wipe()
        {
            Mpi.Clear(p, Half);
            Mpi.Clear(q, Half);
            Mpi.Clear(dp, Half);
            Mpi.Clear(dq, Half);
            Mpi.Clear(qinv, Half);
            Mpi.Clear(h1, Half);
            Mpi.Clear(h2, Half);
            Mpi.Clear(h3, Half + 1);
            Mpi.Clear(r, Full);
            Mpi.Clear(v, Full);
            Mpi.Clear(x, Full);
            Mpi.Clear(y, Full);
            Mpi.Clear(rinv, Full);
            Mpi.Clear(re, Full);
            System.Array.Clear(rnd, 0, K);
        }
    }
}
