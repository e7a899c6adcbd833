using NanoCard.Hal.Crypto;
using NanoCard.Hal.Crypto.Managed;

namespace NanoCard.Hal.Host.Crypto;

/// <summary>
/// The crypto engines a desktop card can run on, by name: "host" (.NET/OpenSSL, the default, for
/// speed) or "managed" (the portable C# that stock nanoFramework runs, to exercise the device's
/// code path on the desktop). The simulator's crypto option maps onto this.
/// </summary>
public static class CryptoEngines
{
    public const string Host = "host";
    public const string Managed = "managed";

    public static IReadOnlyList<string> Names { get; } = [Host, Managed];

    /// <summary>The engine called <paramref name="name"/> (case-insensitive), using the OS random source.</summary>
    public static ICrypto Create(string name) => name.ToLowerInvariant() switch
    {
        Host => new HostCrypto(),
        Managed => new ManagedCrypto(new SystemRandom()),
        _ => throw new ArgumentException($"unknown crypto engine '{name}': use {string.Join(" or ", Names)}", nameof(name)),
    };
}
