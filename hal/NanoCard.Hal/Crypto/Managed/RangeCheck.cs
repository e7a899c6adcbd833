using System;

namespace NanoCard.Hal.Crypto.Managed
{
    /// <summary>Argument range checks shared by every managed engine (caller bugs → <see cref="ArgumentException"/>, see ICrypto).</summary>
    internal static class RangeCheck
    {
        /// <summary>True when <paramref name="array"/> is not null and [offset, offset + length) lies inside it.</summary>
        internal static bool Fits(byte[] array, int offset, int length)
        {
            return array != null && offset >= 0 && length >= 0 && offset <= array.Length - length;
        }

        /// <summary>
        /// Throws unless [offset, offset + length) lies inside <paramref name="array"/>. A null array is
        /// accepted only with length 0 (an empty update).
        /// </summary>
        internal static void Check(byte[] array, int offset, int length)
        {
            if (array == null)
            {
                if (length == 0)
                {
                    return;
                }
                throw new ArgumentException("array is null");
            }
            if (!Fits(array, offset, length))
            {
                throw new ArgumentException("offset/length outside the array");
            }
        }
    }
}
