namespace NanoCard.Hal.Crypto.Managed
{
    /// <summary>
    /// SHA-384 (FIPS 180-4 §6.5): the SHA-512 computation (<see cref="Sha512Engine"/>) with its own
    /// H(0) (§5.3.4) and the digest truncated to 48 bytes. Streaming; allocates nothing after construction.
    /// </summary>
    public sealed class Sha384 : IMessageDigest
    {
        // FIPS 180-4 §5.3.4: first 64 bits of the fractional parts of the square roots of the 9th–16th primes.
        private static readonly ulong[] InitialHash =
        {
            0xCBBB9D5DC1059ED8UL,
            0x629A292A367CD507UL,
            0x9159015A3070DD17UL,
            0x152FECD8F70E5939UL,
            0x67332667FFC00B31UL,
            0x8EB44A8768581511UL,
            0xDB0C2E0D64F98FA7UL,
            0x47B5481DBEFA4FA4UL,
        };

        private readonly Sha512Engine engine = new Sha512Engine(InitialHash);

        /// <inheritdoc />
        public byte Algorithm => HashAlgorithm.Sha384;

        /// <inheritdoc />
        public short Length => 48;

        /// <summary>Starts a new message.</summary>
        public void Reset()
        {
            engine.Reset();
        }

        /// <summary>Hashes <paramref name="length"/> bytes of <paramref name="input"/> from <paramref name="offset"/> (any length, including 0).</summary>
        /// <exception cref="System.ArgumentException">The range lies outside <paramref name="input"/>.</exception>
        public void Update(byte[] input, short offset, short length)
        {
            RangeCheck.Check(input, offset, length);
            engine.HashBytes(input, offset, length);
        }

        /// <summary>Hashes the last input, writes the 48-byte digest at <paramref name="outOffset"/> and resets; returns 48.</summary>
        /// <exception cref="System.ArgumentException">A range lies outside its array.</exception>
        public short DoFinal(byte[] input, short inOffset, short inLength, byte[] output, short outOffset)
        {
            RangeCheck.Check(input, inOffset, inLength);
            RangeCheck.Check(output, outOffset, 48);
            engine.HashBytes(input, inOffset, inLength);
            engine.Finish(output, outOffset, 48);
            return 48;
        }
    }
}
