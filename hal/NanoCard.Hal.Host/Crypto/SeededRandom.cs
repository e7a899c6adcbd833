using NanoCard.Hal.Crypto;

namespace NanoCard.Hal.Host.Crypto;

/// <summary>
/// A reproducible <see cref="IRandom"/>: System.Random with a seed, whose sequence for a given
/// seed is fixed across .NET versions. For output that must be the same bytes on every run (the
/// teaching lessons' keys and challenges); never for a card that holds anything real.
/// </summary>
public sealed class SeededRandom(int seed) : IRandom
{
    private readonly Random random = new(seed);

    public void NextBytes(byte[] buffer, short offset, short length)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        random.NextBytes(buffer.AsSpan(offset, length));
    }
}
