using System.Security.Cryptography;
using NanoCard.Hal.Crypto;
using HashAlgorithm = NanoCard.Hal.Crypto.HashAlgorithm;

namespace NanoCard.Hal.Tests
{
    /// <summary>
    /// Test-only <see cref="IMessageDigest"/> over .NET's IncrementalHash, standing in for the
    /// managed SHA-256/384 until they are merged. Allocation-free per call after construction.
    /// </summary>
    internal sealed class DotNetDigest : IMessageDigest
    {
        private readonly IncrementalHash _hash;

        public DotNetDigest(byte algorithm)
        {
            Algorithm = algorithm;
            Length = HashAlgorithm.LengthOf(algorithm);
            _hash = IncrementalHash.CreateHash(algorithm == HashAlgorithm.Sha384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256);
        }

        public byte Algorithm { get; }

        public short Length { get; }

        public void Reset()
        {
            Span<byte> discard = stackalloc byte[64];
            _hash.GetHashAndReset(discard);
        }

        public void Update(byte[] input, short offset, short length)
        {
            _hash.AppendData(input, offset, length);
        }

        public short DoFinal(byte[] input, short inOffset, short inLength, byte[] output, short outOffset)
        {
            _hash.AppendData(input, inOffset, inLength);
            _hash.GetHashAndReset(output.AsSpan(outOffset, Length));
            return Length;
        }
    }
}
