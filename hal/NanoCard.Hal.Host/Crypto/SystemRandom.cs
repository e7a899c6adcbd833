using System.Security.Cryptography;
using NanoCard.Hal.Crypto;

namespace NanoCard.Hal.Host.Crypto;

/// <summary>The operating system's CSPRNG (OpenSSL / getrandom on Linux) behind <see cref="IRandom"/>.</summary>
public sealed class SystemRandom : IRandom
{
    public void NextBytes(byte[] buffer, short offset, short length)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        RandomNumberGenerator.Fill(buffer.AsSpan(offset, length));
    }
}
