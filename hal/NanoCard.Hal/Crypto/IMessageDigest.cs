namespace NanoCard.Hal.Crypto
{
    /// <summary>A streaming hash, shaped like Java Card's MessageDigest. Made once at install, reused.</summary>
    public interface IMessageDigest
    {
        /// <summary><see cref="HashAlgorithm"/> identifier.</summary>
        byte Algorithm { get; }

        /// <summary>Digest length in bytes.</summary>
        short Length { get; }

        /// <summary>Starts a new message.</summary>
        void Reset();

        void Update(byte[] input, short offset, short length);

        /// <summary>Hashes the last input, writes the digest at <paramref name="outOffset"/>, resets; returns the digest length.</summary>
        short DoFinal(byte[] input, short inOffset, short inLength, byte[] output, short outOffset);
    }
}
