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

        private readonly IMessageDigest _digest;
        private readonly int _blockSize;
        private readonly byte[] _innerKey;
        private readonly byte[] _outerKey;
        private readonly byte[] _innerHash;
        private readonly byte[] _empty;
        private bool _keyed;

        public Hmac(IMessageDigest digest)
        {
            if (digest == null)
            {
                throw new System.ArgumentNullException("digest");
            }
            _digest = digest;
            // Block sizes: SHA-256 64 bytes, SHA-384 128 bytes (FIPS 180-4 §1).
            if (digest.Algorithm == HashAlgorithm.Sha256)
            {
                _blockSize = 64;
            }
            else if (digest.Algorithm == HashAlgorithm.Sha384)
            {
                _blockSize = 128;
            }
            else
            {
                throw new System.ArgumentException("digest");
            }
            _innerKey = new byte[_blockSize];
            _outerKey = new byte[_blockSize];
            _innerHash = new byte[digest.Length];
            _empty = new byte[0];
        }

        /// <summary>MAC length in bytes (the digest length).</summary>
        public short Length { get { return _digest.Length; } }

        /// <summary>Sets the key and starts a message.</summary>
        public void Init(byte[] key, short offset, short length)
        {
            int bs = _blockSize;
            System.Array.Clear(_innerKey, 0, bs);
            if (length > bs)
            {
                // RFC 2104 §2: keys longer than B bytes are first hashed.
                _digest.Reset();
                _digest.DoFinal(key, offset, length, _innerKey, 0);
            }
            else
            {
                System.Array.Copy(key, offset, _innerKey, 0, length);
            }
            for (int i = 0; i < bs; i++)
            {
                byte k = _innerKey[i];
                _innerKey[i] = (byte)(k ^ Ipad);
                _outerKey[i] = (byte)(k ^ Opad);
            }
            _keyed = true;
            Restart();
        }

        /// <summary>Starts a new message under the current key.</summary>
        public void Restart()
        {
            if (!_keyed)
            {
                throw new System.InvalidOperationException("no key");
            }
            _digest.Reset();
            _digest.Update(_innerKey, 0, (short)_blockSize);
        }

        public void Update(byte[] input, short offset, short length)
        {
            _digest.Update(input, offset, length);
        }

        /// <summary>Adds the last input, writes the MAC, restarts for the next message; returns the MAC length.</summary>
        public short DoFinal(byte[] input, short inOffset, short inLength, byte[] mac, short macOffset)
        {
            if (input == null)
            {
                input = _empty;
                inOffset = 0;
                inLength = 0;
            }
            short hl = _digest.DoFinal(input, inOffset, inLength, _innerHash, 0);
            _digest.Update(_outerKey, 0, (short)_blockSize);
            _digest.DoFinal(_innerHash, 0, hl, mac, macOffset);
            Restart();
            return hl;
        }

        /// <summary>Overwrites the key material.</summary>
        public void Clear()
        {
            System.Array.Clear(_innerKey, 0, _blockSize);
            System.Array.Clear(_outerKey, 0, _blockSize);
            System.Array.Clear(_innerHash, 0, _innerHash.Length);
            _keyed = false;
            _digest.Reset();
        }
    }
}
