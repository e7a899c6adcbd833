namespace NanoCard.Os
{
    /// <summary>Java Card's Util: array helpers and big-endian shorts, with offsets as shorts.</summary>
    public static class Util
    {
        /// <summary>Copies <paramref name="length"/> bytes (overlap-safe) and returns destOffset + length.</summary>
        public static short ArrayCopy(byte[] src, short srcOffset, byte[] dest, short destOffset, short length)
        {
            System.Array.Copy(src, srcOffset, dest, destOffset, length);
            return (short)(destOffset + length);
        }

        /// <summary>Sets <paramref name="length"/> bytes to <paramref name="value"/>; returns offset + length.</summary>
        public static short ArrayFill(byte[] dest, short offset, short length, byte value)
        {
            int end = offset + length;
            for (int i = offset; i < end; i++)
            {
                dest[i] = value;
            }
            return (short)end;
        }

        /// <summary>Lexicographic comparison as unsigned bytes: -1, 0 or 1. Not constant-time: never use it on secrets.</summary>
        public static sbyte ArrayCompare(byte[] a, short aOffset, byte[] b, short bOffset, short length)
        {
            for (int i = 0; i < length; i++)
            {
                int x = a[aOffset + i];
                int y = b[bOffset + i];
                if (x != y)
                {
                    return (sbyte)(x < y ? -1 : 1);
                }
            }
            return 0;
        }

        /// <summary>
        /// Equality whose running time depends only on <paramref name="length"/>, never on where the
        /// first difference is: every byte is looked at and differences are OR-ed together.
        /// </summary>
        public static bool ConstantTimeEquals(byte[] a, short aOffset, byte[] b, short bOffset, short length)
        {
            int diff = 0;
            for (int i = 0; i < length; i++)
            {
                diff |= a[aOffset + i] ^ b[bOffset + i];
            }
            return diff == 0;
        }

        /// <summary>Big-endian short at <paramref name="offset"/>.</summary>
        public static short GetShort(byte[] bArray, short offset)
        {
            return (short)((bArray[offset] << 8) | bArray[offset + 1]);
        }

        /// <summary>Big-endian unsigned 16-bit value at <paramref name="offset"/> (lengths up to 65535).</summary>
        public static int GetUShort(byte[] bArray, int offset)
        {
            return (bArray[offset] << 8) | bArray[offset + 1];
        }

        /// <summary>Writes <paramref name="value"/> big-endian; returns offset + 2.</summary>
        public static short SetShort(byte[] bArray, short offset, short value)
        {
            bArray[offset] = (byte)(value >> 8);
            bArray[offset + 1] = (byte)value;
            return (short)(offset + 2);
        }
    }
}
