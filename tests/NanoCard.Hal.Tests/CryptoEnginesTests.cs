using NanoCard.Hal.Crypto.Managed;
using NanoCard.Hal.Host.Crypto;

namespace NanoCard.Hal.Tests;

public class CryptoEnginesTests
{
    [Fact]
    public void Names_select_the_engines()
    {
        Assert.IsType<HostCrypto>(CryptoEngines.Create("host"));
        Assert.IsType<ManagedCrypto>(CryptoEngines.Create("Managed"));
        Assert.Equal(["host", "managed"], CryptoEngines.Names);
    }

    [Fact]
    public void An_unknown_name_is_refused_with_the_choices()
    {
        var error = Assert.Throws<ArgumentException>(() => CryptoEngines.Create("native"));
        Assert.Contains("host or managed", error.Message);
    }
}
