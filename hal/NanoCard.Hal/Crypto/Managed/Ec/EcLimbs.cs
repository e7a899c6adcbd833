namespace NanoCard.Hal.Crypto.Managed
{
    /// <summary>
    /// Helpers on fixed-width little-endian 32-bit limb arrays (limb 0 is least significant), the
    /// representation of field elements and scalars for the EC code. Everything here is constant
    /// time in the values (loops depend only on the public limb count); masks are 0 or 0xFFFFFFFF.
    /// </summary>
    internal static class EcLimbs
    {
        /// <summary>Big-endian bytes (exactly 4·n of them) to n limbs (SEC 1 §2.3.8 octet-string to integer).</summary>
        internal static void FromBytes(uint[] r, int n, byte[] src, int offset)
        {
            int p = offset + 4 * n - 1;
            for (int i = 0; i < n; i++)
            {
                r[i] = (uint)src[p] | ((uint)src[p - 1] << 8) | ((uint)src[p - 2] << 16) | ((uint)src[p - 3] << 24);
                p -= 4;
            }
        }

        /// <summary>n limbs to 4·n big-endian bytes (SEC 1 §2.3.7 integer to octet string).</summary>
        internal static void ToBytes(byte[] dst, int offset, uint[] a, int n)
        {
            int p = offset + 4 * n - 1;
            for (int i = 0; i < n; i++)
            {
                uint v = a[i];
                dst[p] = (byte)v;
                dst[p - 1] = (byte)(v >> 8);
                dst[p - 2] = (byte)(v >> 16);
                dst[p - 3] = (byte)(v >> 24);
                p -= 4;
            }
        }

        /// <summary>0xFFFFFFFF when a is zero, else 0.</summary>
        internal static uint IsZeroMask(uint[] a, int n)
        {
            uint acc = 0;
            for (int i = 0; i < n; i++)
            {
                acc |= a[i];
            }
            return NonZeroBit(acc) - 1u;
        }

        /// <summary>1 when v != 0, else 0, without a branch.</summary>
        internal static uint NonZeroBit(uint v)
        {
            return (v | (0u - v)) >> 31;
        }

        /// <summary>0xFFFFFFFF when a == b (small public-width integers, e.g. table indexes), else 0.</summary>
        internal static uint EqualMask(uint a, uint b)
        {
            return NonZeroBit(a ^ b) - 1u;
        }

        /// <summary>0xFFFFFFFF when a &lt; b (as n-limb integers), else 0: the borrow of a − b.</summary>
        internal static uint LessThanMask(uint[] a, uint[] b, int n)
        {
            long borrow = 0;
            for (int i = 0; i < n; i++)
            {
                borrow = (long)a[i] - b[i] + borrow;
                borrow >>= 32;
            }
            return (uint)borrow; // 0 or -1
        }

        /// <summary>r = mask ? a : r, word by word.</summary>
        internal static void Select(uint[] r, uint[] a, uint mask, int n)
        {
            uint keep = ~mask;
            for (int i = 0; i < n; i++)
            {
                r[i] = (a[i] & mask) | (r[i] & keep);
            }
        }

        internal static void Copy(uint[] r, uint[] a, int n)
        {
            System.Array.Copy(a, 0, r, 0, n);
        }

        internal static void Clear(uint[] r, int n)
        {
            System.Array.Clear(r, 0, n);
        }

        /// <summary>
        /// r = a + b mod m for a, b &lt; m: the n-limb sum with its carry word, then m subtracted once
        /// under a mask (<see cref="ConditionalSubtract"/>). r may alias a or b.
        /// </summary>
        internal static void AddMod(uint[] r, uint[] a, uint[] b, uint[] m, uint[] scratch, int n)
        {
            ulong carry = 0;
            for (int i = 0; i < n; i++)
            {
                carry += (ulong)a[i] + b[i];
                r[i] = (uint)carry;
                carry >>= 32;
            }
            ConditionalSubtract(r, r, m, scratch, n, (uint)carry);
        }

        /// <summary>
        /// r = entry <paramref name="index"/> (0..15) of a table of 16 consecutive n-limb values, for
        /// the fixed 4-bit-window exponentiations. Every entry is read and ORed in under an
        /// <see cref="EqualMask"/>, so the memory accesses do not depend on the (possibly secret) index.
        /// </summary>
        internal static void Lookup16(uint[] r, uint[] table, uint index, int n)
        {
            Clear(r, n);
            for (uint i = 0; i < 16; i++)
            {
                uint mask = EqualMask(i, index);
                int baseIndex = (int)i * n;
                for (int j = 0; j < n; j++)
                {
                    r[j] |= table[baseIndex + j] & mask;
                }
            }
        }

        /// <summary>r = a − b mod 2^(32n) if that does not borrow, else r = a (mask chooses); used for "subtract m once if a ≥ m".</summary>
        internal static void ConditionalSubtract(uint[] r, uint[] a, uint[] m, uint[] scratch, int n, uint extraHigh)
        {
            // t = a − m; keep t when (a + extraHigh·2^(32n)) ≥ m, i.e. when there is a high carry
            // word or the subtraction does not borrow.
            long borrow = 0;
            for (int i = 0; i < n; i++)
            {
                borrow = (long)a[i] - m[i] + borrow;
                scratch[i] = (uint)borrow;
                borrow >>= 32;
            }
            uint useT = extraHigh | (uint)(borrow + 1); // borrow is 0 or −1: (borrow+1) is 1 when no borrow
            uint mask = 0u - (useT & 1u);
            uint keep = ~mask;
            for (int i = 0; i < n; i++)
            {
                r[i] = (scratch[i] & mask) | (a[i] & keep);
            }
        }
    }
}
