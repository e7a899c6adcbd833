using NanoCard.Hal.Crypto;

namespace NanoCard.Applets.Tests.Scp03;

/// <summary>A "random" source that gives the same bytes on every call: a known card challenge, so a session repeats exactly.</summary>
public sealed class FixedRandom(byte[] bytes) : IRandom
{
    public void NextBytes(byte[] buffer, short offset, short length)
    {
        for (int i = 0; i < length; i++)
        {
            buffer[offset + i] = bytes[i % bytes.Length];
        }
    }
}
