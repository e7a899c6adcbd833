namespace NanoCard.Hal.Crypto
{
    /// <summary>
    /// HMAC (RFC 2104; FIPS 198-1) over any <see cref="IMessageDigest"/>:
    /// HMAC(K, m) = H((K0 ⊕ opad) ‖ H((K0 ⊕ ipad) ‖ m)), K0 the key zero-padded to the block size
    /// (hashed first when longer than a block). Buffers are allocated here; Init/Update/DoFinal
    /// allocate nothing. After DoFinal the same key is ready for the next message. Not thread-safe.
    /// </summary>
    public sealed class Hmac
    {
        private const byte Ipad = 0x36;
        private const byte Opad = 0x5C;

        private readonly IMessageDigest digest;
        private readonly int blockSize;
        private readonly byte[] innerKey;
        private readonly byte[] outerKey;
        private readonly byte[] innerHash;
        private readonly byte[] empty;
        private bool keyed;

        public Hmac(IMessageDigest digest)
        {
            if (digest == null)
            {
                throw new System.ArgumentNullException("digest");
            }
            this.digest = digest;
            // Block sizes: SHA-256 64 bytes, SHA-384 128 bytes (FIPS 180-4 §1).
            if (digest.Algorithm == HashAlgorithm.Sha256)
            {
                blockSize = 64;
            }
            else if (digest.Algorithm == HashAlgorithm.Sha384)
            {
                blockSize = 128;
            }
            else
            {
                throw new System.ArgumentException("digest");
            }
            innerKey = new byte[blockSize];
            outerKey = new byte[blockSize];
            innerHash = new byte[digest.Length];
            empty = new byte[0];
        }

        /// <summary>MAC length in bytes (the digest length).</summary>
        public short Length { get { return this.digest.Length; } }

        /// <summary>Sets the key and starts a message.</summary>
        public void Init(byte[] key, short offset, short length)
        {
            int bs = blockSize;
            System.Array.Clear(innerKey, 0, bs);
            if (length > bs)
            {
                // RFC 2104 §2: keys longer than B bytes are first hashed.
                this.digest.Reset();
                this.digest.DoFinal(key, offset, length, innerKey, 0);
            }
            else
            {
                System.Array.Copy(key, offset, innerKey, 0, length);
            }
            for (int i = 0; i < bs; i++)
            {
                byte k = innerKey[i];
                innerKey[i] = (byte)(k ^ Ipad);
                outerKey[i] = (byte)(k ^ Opad);
            }
            keyed = true;
            Restart();
        }

        /// <summary>Starts a new message under the current key.</summary>
        public void Restart()
        {
            if (!keyed)
            {
                throw new System.InvalidOperationException("no key");
            }
            this.digest.Reset();
            this.digest.Update(innerKey, 0, (short)blockSize);
        }

        public void Update(byte[] input, short offset, short length)
        {
            this.digest.Update(input, offset, length);
        }

        /// <summary>Adds the last input, writes the MAC, restarts for the next message; returns the MAC length.</summary>
        public short DoFinal(byte[] input, short inOffset, short inLength, byte[] mac, short macOffset)
        {
            if (input == null)
            {
                input = empty;
                inOffset = 0;
                inLength = 0;
            }
            short hl = this.digest.DoFinal(input, inOffset, inLength, innerHash, 0);
            this.digest.Update(outerKey, 0, (short)blockSize);
            this.digest.DoFinal(innerHash, 0, hl, mac, macOffset);
            Restart();
            return hl;
        }

        /// <summary>Overwrites the key material.</summary>
        public void Clear()
        {
            System.Array.Clear(innerKey, 0, blockSize);
            System.Array.Clear(outerKey, 0, blockSize);
            System.Array.Clear(innerHash, 0, innerHash.Length);
            keyed = false;
            this.digest.Reset();
        }
    }
}
