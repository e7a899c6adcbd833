using System;

namespace NanoCard.Hal.Crypto.Managed
{
    /// <summary>
    /// The streaming half shared by the FIPS 180-4 hashes: collects input into whole message blocks
    /// (§5.2: 64 bytes for SHA-256, 128 for SHA-384/512), hands each block to the subclass's
    /// compression function, and pads the last one (§5.1.1 / §5.1.2). Whole blocks of the caller's
    /// array are compressed in place, without a copy. The buffer is allocated in the constructor;
    /// nothing here allocates afterwards. Only this assembly can derive from it (internal constructor
    /// and members), so it adds nothing a caller can use.
    /// </summary>
    public abstract class BlockDigestBuffer
    {
        private readonly int blockSize;
        private readonly byte[] buffer;
        private int bufferLength;
        private long totalBytes;

        /// <param name="blockSize">Message block size in bytes (FIPS 180-4 §1, Figure 1).</param>
        internal BlockDigestBuffer(int blockSize)
        {
            this.blockSize = blockSize;
            this.buffer = new byte[blockSize];
        }

        /// <summary>Processes one message block of <c>blockSize</c> bytes of <paramref name="block"/> from <paramref name="offset"/>.</summary>
        internal abstract void Compress(byte[] block, int offset);

        /// <summary>Forgets the partial block and the message length (the subclass resets H itself).</summary>
        internal void ResetBuffer()
        {
            bufferLength = 0;
            totalBytes = 0;
            Array.Clear(this.buffer, 0, this.blockSize);
        }

        /// <summary>Hashes <paramref name="length"/> bytes (already range-checked; 0 or less does nothing).</summary>
        internal void HashBytes(byte[] input, int offset, int length)
        {
            if (length <= 0)
            {
                return;
            }
            totalBytes += length;
            int blockSize = this.blockSize;
            byte[] buffer = this.buffer;
            int n = bufferLength;
            if (n > 0)
            {
                int take = blockSize - n;
                if (take > length)
                {
                    take = length;
                }
                Array.Copy(input, offset, buffer, n, take);
                n += take;
                offset += take;
                length -= take;
                if (n < blockSize)
                {
                    bufferLength = n;
                    return;
                }
                Compress(buffer, 0);
                n = 0;
            }
            // Whole blocks straight from the caller's array: no copy.
            while (length >= blockSize)
            {
                Compress(input, offset);
                offset += blockSize;
                length -= blockSize;
            }
            if (length > 0)
            {
                Array.Copy(input, offset, buffer, 0, length);
                n = length;
            }
            bufferLength = n;
        }

        /// <summary>
        /// Pads and compresses the final block(s): bit 1, zeros, then the message length in bits as a
        /// big-endian integer of <paramref name="lengthFieldBytes"/> bytes — 8 for SHA-256 (§5.1.1),
        /// 16 for SHA-384/512 (§5.1.2). Leaves the buffer dirty; the caller resets.
        /// </summary>
        internal void Pad(int lengthFieldBytes)
        {
            long total = totalBytes;
            int blockSize = this.blockSize;
            byte[] buffer = this.buffer;
            int n = bufferLength;
            buffer[n++] = 0x80;
            if (n > blockSize - lengthFieldBytes)
            {
                // No room for the length field: it goes into one more block.
                Array.Clear(buffer, n, blockSize - n);
                Compress(buffer, 0);
                n = 0;
            }
            // Zeros up to the low 64 bits of the length (for a 16-byte field, its upper half too).
            Array.Clear(buffer, n, blockSize - 8 - n);
            ulong lowBits = (ulong)total << 3;
            for (int i = 0; i < 8; i++)
            {
                buffer[blockSize - 1 - i] = (byte)(lowBits >> (8 * i));
            }
            if (lengthFieldBytes > 8)
            {
                // Bits 64..66 of the bit length (a long byte count has at most 63 bits, times 8).
                buffer[blockSize - 9] = (byte)((ulong)total >> 61);
            }
            Compress(buffer, 0);
        }
    }
}
