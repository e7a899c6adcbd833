using NanoCard.Hal.Crypto;
using NanoCard.Hal.Crypto.Managed;
using NanoCard.Hal.Host.Crypto;

namespace NanoCard.Differential;

/// <summary>
/// The engines held against each other: the managed engine (portable C#, what stock nanoFramework
/// runs), the .NET engine (HostCrypto, the simulator's), the native core (<see cref="NativeCore"/>,
/// what the board runs), and, where the native core has no such function (AES, CMAC, HMAC, the
/// KDF), an independent third: BouncyCastle or .NET's own classes. RSA keys come from a pool.
/// </summary>
public sealed class Engines
{
    public Engines(int rsaKeys)
        : this(new ManagedCrypto(new SystemRandom()), new HostCrypto(), rsaKeys)
    {
    }

    /// <summary>Other engines in the two ICrypto places (a test puts a broken one there to see it caught).</summary>
    public Engines(ICrypto managed, ICrypto host, int rsaKeys)
    {
        Managed = managed;
        Host = host;
        RsaPool = new RsaKeyPool(this, rsaKeys);
    }

    public ICrypto Managed { get; }

    public ICrypto Host { get; }

    public RsaKeyPool RsaPool { get; }

    /// <summary>Both ICrypto engines with their names, for the comparisons that run through ICrypto.</summary>
    public IEnumerable<(string Name, ICrypto Crypto)> Both => [("managed", Managed), (".NET", Host)];
}
