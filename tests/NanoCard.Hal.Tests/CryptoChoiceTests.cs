using NanoCard.Device.NativeEngine;
using NanoCard.Hal.Crypto.Managed;
using NanoCard.Hal.Host.Crypto;

namespace NanoCard.Hal.Tests;

/// <summary>
/// The device's engine choice on a runtime without the NanoCard interop: .NET has no implementation
/// of NanoCard.NativeCrypto's InternalCall methods, as a stock nanoCLR image has none
/// (docs/building-firmware.md, "Pairing"), so the card must get ManagedCrypto instead of failing.
/// </summary>
public sealed class CryptoChoiceTests
{
    [Fact]
    public void Without_the_natives_the_self_test_throws_and_the_card_gets_ManagedCrypto()
    {
        Assert.ThrowsAny<Exception>(() => NativeCrypto.NativeCrypto.SelfTest());

        Assert.IsType<ManagedCrypto>(CryptoChoice.Choose(new SeededRandom(1)));
    }
}
