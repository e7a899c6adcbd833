using System.Security.Cryptography;
using CsCheck;
using NanoCard.Hal.Crypto;
using NanoCard.Hal.Host.Crypto;
using HalHash = NanoCard.Hal.Crypto.HashAlgorithm;

namespace NanoCard.Hal.Tests;

public class HostCryptoDigestTests
{
    private readonly HostCrypto crypto = new();

    private static byte[] Reference(byte algorithm, byte[] data) =>
        algorithm == HalHash.Sha256 ? SHA256.HashData(data) : SHA384.HashData(data);

    [Theory]
    // FIPS 180-4 examples (NIST CSRC "Examples with Intermediate Values"): the message "abc".
    [InlineData(HalHash.Sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData(HalHash.Sha384, "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")]
    public void Abc_KnownAnswer(byte algorithm, string expectedHex)
    {
        byte[] input = "abc"u8.ToArray();
        byte[] output = new byte[60];
        short length = crypto.Digest(algorithm, input, 0, 3, output, 5);
        Assert.Equal(HalHash.LengthOf(algorithm), length);
        Assert.Equal(expectedHex, Convert.ToHexStringLower(output, 5, length));
        Assert.All(output.AsSpan(0, 5).ToArray(), b => Assert.Equal(0, b));
        Assert.All(output.AsSpan(5 + length).ToArray(), b => Assert.Equal(0, b));

        IMessageDigest digest = crypto.CreateDigest(algorithm);
        Assert.Equal(algorithm, digest.Algorithm);
        Assert.Equal(length, digest.Length);
        byte[] streamed = new byte[length];
        digest.Update(input, 0, 1);
        Assert.Equal(length, digest.DoFinal(input, 1, 2, streamed, 0));
        Assert.Equal(expectedHex, Convert.ToHexStringLower(streamed));
    }

    [Theory]
    [InlineData(HalHash.Sha256)]
    [InlineData(HalHash.Sha384)]
    public void OneShot_MatchesDotNet(byte algorithm)
    {
        Gen.Byte.Array[0, 700].Sample(data =>
        {
            byte[] padded = new byte[data.Length + 7];
            data.CopyTo(padded, 3);
            byte[] output = new byte[48];
            short length = crypto.Digest(algorithm, padded, 3, (short)data.Length, output, 0);
            Assert.Equal(Reference(algorithm, data), output.AsSpan(0, length).ToArray());
        }, iter: 200);
    }

    [Theory]
    [InlineData(HalHash.Sha256)]
    [InlineData(HalHash.Sha384)]
    public void Streaming_SplitAtRandomPoints_MatchesDotNet(byte algorithm)
    {
        IMessageDigest digest = crypto.CreateDigest(algorithm);
        Gen.Select(Gen.Byte.Array[0, 600], Gen.Int[0, 600].Array[0, 6]).Sample((data, cuts) =>
        {
            // Reuses one digest object across samples: DoFinal must leave it reset.
            int[] points = cuts.Select(c => Math.Min(c, data.Length)).Order().ToArray();
            int start = 0;
            foreach (int point in points)
            {
                digest.Update(data, (short)start, (short)(point - start));
                start = point;
            }
            byte[] output = new byte[digest.Length + 2];
            digest.DoFinal(data, (short)start, (short)(data.Length - start), output, 2);
            Assert.Equal(Reference(algorithm, data), output.AsSpan(2).ToArray());
        }, iter: 200, threads: 1); // one digest object, as on the card: no concurrent use
    }

    [Fact]
    public void Reset_DiscardsPendingInput()
    {
        IMessageDigest digest = crypto.CreateDigest(HalHash.Sha256);
        byte[] junk = [1, 2, 3, 4];
        digest.Update(junk, 0, 4);
        digest.Reset();
        byte[] abc = "abc"u8.ToArray();
        byte[] output = new byte[32];
        digest.DoFinal(abc, 0, 3, output, 0);
        Assert.Equal(SHA256.HashData(abc), output);
    }

    [Fact]
    public void UnknownAlgorithm_Throws()
    {
        Assert.Throws<ArgumentException>(() => crypto.CreateDigest(9));
        Assert.Throws<ArgumentException>(() => crypto.Digest(0, new byte[1], 0, 1, new byte[64], 0));
    }

    [Fact]
    public void SystemRandom_FillsOnlyTheRange()
    {
        byte[] buffer = new byte[64];
        crypto.Random.NextBytes(buffer, 8, 48);
        Assert.All(buffer.AsSpan(0, 8).ToArray(), b => Assert.Equal(0, b));
        Assert.All(buffer.AsSpan(56).ToArray(), b => Assert.Equal(0, b));
        // 48 random bytes all zero has probability 2^-384.
        Assert.Contains(buffer.AsSpan(8, 48).ToArray(), b => b != 0);
    }
}
