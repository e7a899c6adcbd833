using NanoCard.Hal.Crypto;

namespace NanoCard.Os.Tests;

/// <summary>
/// A repeatable random source for the power-cut campaigns, which compare a cut run's image with a
/// dry run's byte for byte: PIN salts must then be the same in both. Each harness power-up starts
/// a fresh stream; <see cref="Fork"/> gives a twin card the stream where this one stands.
/// </summary>
public sealed class SeededRandom(int seed) : IRandom
{
    private readonly Random random = new(seed);
    private long drawn;

    public void NextBytes(byte[] buffer, short offset, short length)
    {
        random.NextBytes(buffer.AsSpan(offset, length));
        drawn += length;
    }

    /// <summary>A source that continues exactly as this one will.</summary>
    public SeededRandom Fork()
    {
        var twin = new SeededRandom(seed);
        twin.random.NextBytes(new byte[drawn]);
        twin.drawn = drawn;
        return twin;
    }
}
