namespace NanoCard.Hal.Crypto.Managed
{
    /// <summary>
    /// Fixed-width multi-precision helpers on little-endian <c>uint[]</c> limbs (limb 0 is the least
    /// significant 32 bits). The width is always passed explicitly, so the loops run the same number of
    /// times whatever the values are: the helpers below are constant time unless their comment says
    /// otherwise. Nothing here allocates.
    /// </summary>
    internal static class Mpi
    {
        /// <summary>
        /// OS2IP (RFC 8017 §4.2): big-endian bytes src[off..off+len) into <paramref name="limbs"/> limbs of
        /// dst, zero-extended. The caller guarantees len ≤ 4 × limbs.
        /// </summary>
        internal static void FromBytes(byte[] src, int off, int len, uint[] dst, int limbs)
        {
            for (int i = 0; i < limbs; i++)
            {
                dst[i] = 0;
            }
            int end = off + len; // one past the least significant byte
            for (int k = 0; k < len; k++)
            {
                dst[k >> 2] |= (uint)src[end - 1 - k] << ((k & 3) << 3);
            }
        }

        /// <summary>I2OSP (RFC 8017 §4.1): the low len bytes of src, big-endian, into dst[off..off+len).</summary>
        internal static void ToBytes(uint[] src, int limbs, byte[] dst, int off, int len)
        {
            int end = off + len;
            for (int k = 0; k < len; k++)
            {
                int li = k >> 2;
                uint limb = li < limbs ? src[li] : 0u;
                dst[end - 1 - k] = (byte)(limb >> ((k & 3) << 3));
            }
        }

        /// <summary>r = a + b over n limbs; returns the carry (0 or 1). r may alias a or b.</summary>
        internal static uint Add(uint[] a, uint[] b, uint[] r, int n)
        {
            ulong c = 0;
            for (int i = 0; i < n; i++)
            {
                c += (ulong)a[i] + b[i];
                r[i] = (uint)c;
                c >>= 32;
            }
            return (uint)c;
        }

        /// <summary>r = a − b over n limbs; returns the borrow (0 or 1). r may alias a or b.</summary>
        internal static uint Sub(uint[] a, uint[] b, uint[] r, int n)
        {
            ulong borrow = 0;
            for (int i = 0; i < n; i++)
            {
                ulong d = (ulong)a[i] - b[i] - borrow;
                r[i] = (uint)d;
                borrow = d >> 63;
            }
            return (uint)borrow;
        }

        /// <summary>r = a + (b AND mask) over n limbs; mask is 0 or 0xFFFFFFFF. Returns the carry.</summary>
        internal static uint AddMasked(uint[] a, uint[] b, uint mask, uint[] r, int n)
        {
            ulong c = 0;
            for (int i = 0; i < n; i++)
            {
                c += (ulong)a[i] + (b[i] & mask);
                r[i] = (uint)c;
                c >>= 32;
            }
            return (uint)c;
        }

        /// <summary>r = mask ? a : b, limb by limb, without a branch (mask is 0 or 0xFFFFFFFF).</summary>
        internal static void Select(uint mask, uint[] a, uint[] b, uint[] r, int n)
        {
            for (int i = 0; i < n; i++)
            {
                r[i] = (a[i] & mask) | (b[i] & ~mask);
            }
        }

        /// <summary>0xFFFFFFFF when a == b over n limbs, else 0; constant time.</summary>
        internal static uint EqualMask(uint[] a, uint[] b, int n)
        {
            uint diff = 0;
            for (int i = 0; i < n; i++)
            {
                diff |= a[i] ^ b[i];
            }
            return (uint)(((ulong)diff - 1UL) >> 32);
        }

        /// <summary>0xFFFFFFFF when a &lt; b over n limbs, else 0; constant time (borrow of a − b).</summary>
        internal static uint LessMask(uint[] a, uint[] b, int n)
        {
            ulong borrow = 0;
            for (int i = 0; i < n; i++)
            {
                ulong d = (ulong)a[i] - b[i] - borrow;
                borrow = d >> 63;
            }
            return 0u - (uint)borrow;
        }

        /// <summary>True when the n limbs are all zero (variable time; only for public or random values).</summary>
        internal static bool IsZero(uint[] a, int n)
        {
            uint acc = 0;
            for (int i = 0; i < n; i++)
            {
                acc |= a[i];
            }
            return acc == 0;
        }

        /// <summary>Sets a to the small value v over n limbs.</summary>
        internal static void SetSmall(uint[] a, uint v, int n)
        {
            a[0] = v;
            for (int i = 1; i < n; i++)
            {
                a[i] = 0;
            }
        }

        /// <summary>r (an + bn limbs) = a × b, schoolbook. r must not alias a or b.</summary>
        internal static void Mul(uint[] a, int an, uint[] b, int bn, uint[] r)
        {
            for (int i = 0; i < an + bn; i++)
            {
                r[i] = 0;
            }
            for (int i = 0; i < an; i++)
            {
                ulong ai = a[i];
                ulong c = 0;
                for (int j = 0; j < bn; j++)
                {
                    c += ai * b[j] + r[i + j];
                    r[i + j] = (uint)c;
                    c >>= 32;
                }
                r[i + bn] = (uint)c;
            }
        }

        /// <summary>r = a × k + add over n limbs; returns the carry limb. r may alias a.</summary>
        internal static uint MulSmallAdd(uint[] a, uint k, uint add, uint[] r, int n)
        {
            ulong c = add;
            for (int i = 0; i < n; i++)
            {
                c += (ulong)a[i] * k;
                r[i] = (uint)c;
                c >>= 32;
            }
            return (uint)c;
        }

        /// <summary>
        /// a mod d for a small divisor d (n limbs), by long division from the top limb. Uses the
        /// processor's 64-bit division; its timing is data-dependent on some CPUs (documented where used).
        /// </summary>
        internal static uint ModSmall(uint[] a, int n, uint d)
        {
            ulong rem = 0;
            for (int i = n - 1; i >= 0; i--)
            {
                rem = ((rem << 32) | a[i]) % d;
            }
            return (uint)rem;
        }

        /// <summary>r = a / d (n limbs, small divisor d); returns the remainder. r may alias a.</summary>
        internal static uint DivSmall(uint[] a, int n, uint d, uint[] r)
        {
            ulong rem = 0;
            for (int i = n - 1; i >= 0; i--)
            {
                ulong cur = (rem << 32) | a[i];
                r[i] = (uint)(cur / d);
                rem = cur % d;
            }
            return (uint)rem;
        }

        /// <summary>a = (a &gt;&gt; 1) with <paramref name="topBit"/> shifted into the top, over n limbs.</summary>
        internal static void ShiftRight1(uint[] a, int n, uint topBit)
        {
            for (int i = 0; i < n - 1; i++)
            {
                a[i] = (a[i] >> 1) | (a[i + 1] << 31);
            }
            a[n - 1] = (a[n - 1] >> 1) | (topBit << 31);
        }

        /// <summary>
        /// a = (a &gt;&gt; k) for 1 ≤ k ≤ 31 with the k low bits of <paramref name="top"/> shifted in at the top.
        /// </summary>
        internal static void ShiftRightBits(uint[] a, int n, int k, uint top)
        {
            for (int i = 0; i < n - 1; i++)
            {
                a[i] = (a[i] >> k) | (a[i + 1] << (32 - k));
            }
            a[n - 1] = (a[n - 1] >> k) | (top << (32 - k));
        }

        /// <summary>Number of trailing zero bits of a non-zero limb (variable time, public data only).</summary>
        internal static int TrailingZeros(uint x)
        {
            int k = 0;
            while ((x & 1) == 0)
            {
                x >>= 1;
                k++;
            }
            return k;
        }

        /// <summary>Zeroes n limbs (secret scratch is wiped after use).</summary>
        internal static void Clear(uint[] a, int n)
        {
            System.Array.Clear(a, 0, n);
        }

        /// <summary>Copies n limbs from src to dst.</summary>
        internal static void Copy(uint[] src, uint[] dst, int n)
        {
            System.Array.Copy(src, 0, dst, 0, n);
        }
    }
}
