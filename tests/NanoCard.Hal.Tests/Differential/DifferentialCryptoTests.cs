using CsCheck;
using NanoCard.Differential;
using NanoCard.Hal.Crypto;
using NanoCard.Hal.Host.Crypto;

namespace NanoCard.Hal.Tests.Differential;

/// <summary>
/// The bounded differential run of ./test.sh (docs/reliability.md, "Differential crypto"): the
/// managed engine, the .NET engine and the native core (artifacts/native/libnanocard_crypto.so,
/// built by ./test.sh before the tests) on random cases of every kind; the million-case run is
/// <c>dotnet run -c Release --project tools/bench -- diffcrypto</c>.
/// </summary>
public sealed class DifferentialCryptoTests
{
    private static readonly string[] EveryKind =
    [
        "SHA-256", "SHA-384", "HMAC-SHA-256", "HMAC-SHA-384", "AES-128-ECB", "AES-128-CBC", "AES-CMAC",
        "SCP03 KDF (SP 800-108)", "ECDSA P-256", "ECDSA P-384", "RSA-2048 PKCS#1 v1.5",
    ];

    [Fact]
    public void The_three_engines_agree_on_random_cases()
    {
        var campaign = new DifferentialCampaign(new Engines(rsaKeys: 2));
        campaign.Run(3000);
        campaign.RunEveryKind(30);
        Assert.Equal(3000 + 7 * 30, campaign.Tally.Values.Sum());
        Assert.Equal(EveryKind.Order(StringComparer.Ordinal), campaign.Tally.Keys.Order(StringComparer.Ordinal));
        // docs/reliability.md's table of the long run names every kind.
        string doc = File.ReadAllText(Path.Combine(Path.GetDirectoryName(NativeCore.LibraryPath())!, "..", "..", "docs", "reliability.md"));
        Assert.All(EveryKind, kind => Assert.Contains($"| {kind} |", doc, StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrong_engine_is_caught()
    {
        var campaign = new DifferentialCampaign(new Engines(new CmacOffByOne(new HostCrypto()), new HostCrypto(), rsaKeys: 0));
        var error = Assert.Throws<CsCheckException>(() => campaign.Run(3000));
        Assert.Contains("AES-CMAC", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The .NET engine with one bit of every CMAC tag over more than 100 bytes wrong.</summary>
    private sealed class CmacOffByOne(ICrypto inner) : ForwardingCrypto(inner)
    {
        public override void AesCmac(byte[] key, short keyOffset, byte[] input, short inOffset, short length, byte[] mac, short macOffset)
        {
            base.AesCmac(key, keyOffset, input, inOffset, length, mac, macOffset);
            if (length > 100)
            {
                mac[macOffset + 15] ^= 1;
            }
        }
    }
}
