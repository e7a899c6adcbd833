using System.Security.Cryptography;
using NanoCard.Hal.Crypto;
using HalHash = NanoCard.Hal.Crypto.HashAlgorithm;

namespace NanoCard.Hal.Host.Crypto;

/// <summary>A streaming SHA-256/SHA-384 (FIPS 180-4) over .NET's <see cref="IncrementalHash"/>.</summary>
public sealed class HostMessageDigest : IMessageDigest, IDisposable
{
    private readonly IncrementalHash hash;

    public HostMessageDigest(byte algorithm)
    {
        this.hash = IncrementalHash.CreateHash(HostHashes.NameOf(algorithm));
        Algorithm = algorithm;
        Length = HalHash.LengthOf(algorithm);
    }

    public byte Algorithm { get; }

    public short Length { get; }

    public void Reset()
    {
        // IncrementalHash has no public Reset; finishing into a scratch buffer starts a new message.
        Span<byte> discard = stackalloc byte[HostHashes.MaxLength];
        this.hash.GetHashAndReset(discard);
        CryptographicOperations.ZeroMemory(discard);
    }

    public void Update(byte[] input, short offset, short length)
    {
        ArgumentNullException.ThrowIfNull(input);
        this.hash.AppendData(input.AsSpan(offset, length));
    }

    public short DoFinal(byte[] input, short inOffset, short inLength, byte[] output, short outOffset)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (inLength > 0)
        {
            ArgumentNullException.ThrowIfNull(input);
            this.hash.AppendData(input.AsSpan(inOffset, inLength));
        }
        else if (inLength < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inLength));
        }
        Span<byte> destination = output.AsSpan(outOffset);
        if (destination.Length < Length)
        {
            throw new ArgumentException("Output buffer too short for the digest.", nameof(output));
        }
        this.hash.GetHashAndReset(destination.Slice(0, Length));
        return Length;
    }

    public void Dispose() => this.hash.Dispose();
}

/// <summary>Maps the HAL's hash identifiers to .NET's.</summary>
internal static class HostHashes
{
    public const int MaxLength = 48;

    public static HashAlgorithmName NameOf(byte algorithm) => algorithm switch
    {
        HalHash.Sha256 => HashAlgorithmName.SHA256,
        HalHash.Sha384 => HashAlgorithmName.SHA384,
        _ => throw new ArgumentException("Unknown hash algorithm " + algorithm + ".", nameof(algorithm)),
    };

    /// <summary>One-shot digest; returns the digest length.</summary>
    public static int HashData(byte algorithm, ReadOnlySpan<byte> source, Span<byte> destination) => algorithm switch
    {
        HalHash.Sha256 => SHA256.HashData(source, destination),
        HalHash.Sha384 => SHA384.HashData(source, destination),
        _ => throw new ArgumentException("Unknown hash algorithm " + algorithm + ".", nameof(algorithm)),
    };

    /// <summary>HMAC (RFC 2104) with the given hash; writes the MAC, returns its length.</summary>
    public static int HmacData(byte algorithm, ReadOnlySpan<byte> key, ReadOnlySpan<byte> source, Span<byte> destination) => algorithm switch
    {
        HalHash.Sha256 => HMACSHA256.HashData(key, source, destination),
        HalHash.Sha384 => HMACSHA384.HashData(key, source, destination),
        _ => throw new ArgumentException("Unknown hash algorithm " + algorithm + ".", nameof(algorithm)),
    };
}
