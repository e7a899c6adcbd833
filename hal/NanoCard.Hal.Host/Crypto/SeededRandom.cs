using NanoCard.Hal.Crypto;

namespace NanoCard.Hal.Host.Crypto;

/// <summary>
/// A reproducible <see cref="IRandom"/>: System.Random with a seed, whose sequence for a given
/// seed is fixed across .NET versions. For output that must be the same bytes on every run (the
/// teaching lessons' keys and challenges, the power-cut campaigns' PIN salts); never for a card
/// that holds anything real.
/// </summary>
public sealed class SeededRandom(int seed) : IRandom
{
    private readonly Random random = new(seed);
    private long drawn;

    public void NextBytes(byte[] buffer, short offset, short length)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        random.NextBytes(buffer.AsSpan(offset, length));
        drawn += length;
    }

    /// <summary>A source that continues exactly as this one will (a twin card in a comparison).</summary>
    public SeededRandom Fork()
    {
        var twin = new SeededRandom(seed);
        twin.random.NextBytes(new byte[drawn]);
        twin.drawn = drawn;
        return twin;
    }
}
