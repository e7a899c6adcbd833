namespace NanoCard.Hal.Crypto.Managed
{
    /// <summary>
    /// Random 1024-bit probable primes for RSA-2048 key generation, after FIPS 186-4 Appendix B.3.3
    /// (random candidates, each tested afresh) with Miller–Rabin per Appendix C.3.1:
    /// candidate = 128 random bytes with the two top bits set (so p ≥ 1.5·2^1023 &gt; √2·2^1023, B.3.3
    /// step 4.4, and n = p·q has exactly 2048 bits) and the low bit set; rejected when divisible by a
    /// prime below 2048 (trial division, a cheap filter) or when gcd(p − 1, e) ≠ 1 (step 4.5); then
    /// <see cref="MillerRabinRounds"/> rounds with random bases.
    /// Timing: the number of candidates, the trial divisions and the rejections depend on the random
    /// candidates (inherent to prime generation); the exponentiations in Miller–Rabin are constant time.
    /// </summary>
    internal sealed class PrimeGenerator
    {
        /// <summary>
        /// FIPS 186-4 Appendix C.3, Table C.3 (FIPS 186-5 Table B.1): for the 1024-bit primes p and q
        /// of a 2048-bit modulus, 4 rounds of M-R give error probability 2^-100 and 5 rounds 2^-112;
        /// we use 5.
        /// </summary>
        internal const int MillerRabinRounds = 5;
        private const int Limbs = 32;
        private const int Bytes = 128;
        private const int SieveLimit = 2048;

        private readonly IRandom random;
        private readonly Montgomery ctx;
        private readonly ushort[] primes;      // odd primes below SieveLimit
        private readonly uint[] groupProduct;  // products of consecutive primes, each < 2^32
        private readonly int[] groupEnd;       // primes[groupStart .. groupEnd) belong to group g
        private readonly byte[] buf = new byte[Bytes];
        private readonly uint[] exp = new uint[Limbs];
        private readonly uint[] b = new uint[Limbs];
        private readonly uint[] z = new uint[Limbs];
        private readonly uint[] minusOne = new uint[Limbs];

        internal PrimeGenerator(IRandom random, Montgomery ctx)
        {
            this.random = random;
            this.ctx = ctx;
            // Sieve of Eratosthenes for the trial-division primes (install time).
            bool[] composite = new bool[SieveLimit];
            int count = 0;
            for (int i = 3; i < SieveLimit; i += 2)
            {
                if (!composite[i])
                {
                    count++;
                    for (int j = i * i; j < SieveLimit; j += 2 * i)
                    {
                        composite[j] = true;
                    }
                }
            }
            primes = new ushort[count];
            int k = 0;
            for (int i = 3; i < SieveLimit; i += 2)
            {
                if (!composite[i])
                {
                    primes[k++] = (ushort)i;
                }
            }
            // Group primes so one 32-bit remainder serves several of them.
            int groups = 0;
            ulong prod = 1;
            for (int i = 0; i < count; i++)
            {
                if (prod * primes[i] > uint.MaxValue)
                {
                    groups++;
                    prod = 1;
                }
                prod *= primes[i];
            }
            groups++;
            groupProduct = new uint[groups];
            groupEnd = new int[groups];
            int g = 0;
            prod = 1;
            for (int i = 0; i < count; i++)
            {
                if (prod * primes[i] > uint.MaxValue)
                {
                    groupProduct[g] = (uint)prod;
                    groupEnd[g] = i;
                    g++;
                    prod = 1;
                }
                prod *= primes[i];
            }
            groupProduct[g] = (uint)prod;
            groupEnd[g] = count;
        }

        /// <summary>Fills p (32 limbs) with a fresh 1024-bit probable prime with gcd(p − 1, e) = 1.</summary>
        internal void Generate(uint[] p, int e)
        {
            while (true)
            {
                random.NextBytes(buf, 0, Bytes);
                buf[0] |= 0xC0;
                buf[Bytes - 1] |= 0x01;
                Mpi.FromBytes(buf, 0, Bytes, p, Limbs);
                if (!PassesTrialDivision(p))
                {
                    continue;
                }
                // gcd(p − 1, e) = 1 (FIPS 186-4 B.3.3 step 4.5).
                uint pm1ModE = (Mpi.ModSmall(p, Limbs, (uint)e) + (uint)e - 1) % (uint)e;
                if (SmallGcd(pm1ModE, (uint)e) != 1)
                {
                    continue;
                }
                if (IsProbablePrime(p, MillerRabinRounds))
                {
                    System.Array.Clear(buf, 0, Bytes);
                    return;
                }
            }
        }

        /// <summary>False when a prime below 2048 divides w (w itself is far larger than them).</summary>
        internal bool PassesTrialDivision(uint[] w)
        {
            int start = 0;
            for (int g = 0; g < groupProduct.Length; g++)
            {
                uint r = Mpi.ModSmall(w, Limbs, groupProduct[g]);
                int end = groupEnd[g];
                for (int i = start; i < end; i++)
                {
                    if (r % primes[i] == 0)
                    {
                        return false;
                    }
                }
                start = end;
            }
            return true;
        }

        /// <summary>
        /// Miller–Rabin (FIPS 186-4 Appendix C.3.1) on an odd 1024-bit w with the top bit set, with
        /// random bases b in [2, w − 2] (b &lt; 2^1023 &lt; w − 2 by construction).
        /// </summary>
        internal bool IsProbablePrime(uint[] w, int rounds)
        {
            ctx.SetModulus(w);
            // w − 1 = 2^a · m with m odd (step 1–2).
            Mpi.Copy(w, exp, Limbs);
            exp[0] &= ~1u;
            int a = 0;
            while ((exp[0] & 1) == 0)
            {
                int k = exp[0] == 0 ? 31 : Mpi.TrailingZeros(exp[0]);
                Mpi.ShiftRightBits(exp, Limbs, k, 0);
                a += k;
            }
            // −1 in Montgomery form: w − R mod w.
            Mpi.Sub(w, ctx.One, minusOne, Limbs);

            for (int round = 0; round < rounds; round++)
            {
                do
                {
                    random.NextBytes(buf, 0, Bytes);
                    buf[0] &= 0x7F;
                    Mpi.FromBytes(buf, 0, Bytes, b, Limbs);
                }
                while (Mpi.IsZero(b, Limbs) || (b[0] == 1 && IsOneAbove(b)));

                ctx.ToMont(b, z);
                ctx.ModExp(z, exp, Limbs, z);
                if (Mpi.EqualMask(z, ctx.One, Limbs) != 0 || Mpi.EqualMask(z, minusOne, Limbs) != 0)
                {
                    continue;
                }
                bool passed = false;
                for (int j = 1; j < a; j++)
                {
                    ctx.Sqr(z, z);
                    if (Mpi.EqualMask(z, minusOne, Limbs) != 0)
                    {
                        passed = true;
                        break;
                    }
                    if (Mpi.EqualMask(z, ctx.One, Limbs) != 0)
                    {
                        break;
                    }
                }
                if (!passed)
                {
                    return false;
                }
            }
            return true;
        }

        private static bool IsOneAbove(uint[] x)
        {
            for (int i = 1; i < Limbs; i++)
            {
                if (x[i] != 0)
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>gcd of two small values (Euclid).</summary>
        internal static uint SmallGcd(uint x, uint y)
        {
            while (y != 0)
            {
                uint r = x % y;
                x = y;
                y = r;
            }
            return x;
        }
    }
}
