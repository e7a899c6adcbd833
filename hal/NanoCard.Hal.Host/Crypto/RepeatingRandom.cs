using NanoCard.Hal.Crypto;

namespace NanoCard.Hal.Host.Crypto;

/// <summary>
/// Not random at all: every call gives the same bytes (repeated to the length asked). For tests and
/// benchmarks that need a known card challenge, so that a recorded session replays exactly.
/// </summary>
public sealed class RepeatingRandom(byte[] bytes) : IRandom
{
    public void NextBytes(byte[] buffer, short offset, short length)
    {
        for (int i = 0; i < length; i++)
        {
            buffer[offset + i] = bytes[i % bytes.Length];
        }
    }
}
