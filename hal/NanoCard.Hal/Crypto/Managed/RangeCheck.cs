using System;

namespace NanoCard.Hal.Crypto.Managed
{
    /// <summary>Argument checks shared by the managed digests and ciphers (caller bugs → <see cref="ArgumentException"/>, see ICrypto).</summary>
    internal static class RangeCheck
    {
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
            if (offset < 0 || length < 0 || offset > array.Length - length)
            {
                throw new ArgumentException("offset/length outside the array");
            }
        }
    }
}
