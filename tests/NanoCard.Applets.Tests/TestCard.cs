using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Tests;

/// <summary>
/// A card in process: the store over a simulated EEPROM, the runtime and the AP set, as every
/// entry point builds it. Constructing one is a power-up over the memory it is given; a blank
/// memory becomes the profile asked for (gen1 unless told).
/// </summary>
public sealed class TestCard
{
    public TestCard(RamNvm nvm, CardConfig? config = null, byte profile = MynaCard.Gen1)
    {
        Nvm = nvm;
        var card = new SimulatedCard(nvm, new HostCrypto(), config ?? CardConfig.Desktop(), profile, DeviceKey);
        Store = card.Store;
        Runtime = card.Runtime;
        Client = card.Client;
    }

    /// <summary>The test cards' device key: their PINs and keys are sealed as the desktop card's are.</summary>
    public static readonly byte[] DeviceKey = Convert.FromHexString("4E616E6F436172642074657374206465766963652D6B657920666F7220616C6C");

    /// <summary>A blank card (pre-issuance) on a fresh memory.</summary>
    public static TestCard Blank(CardConfig? config = null, byte profile = MynaCard.Gen1)
        => new(new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize), config, profile);

    public RamNvm Nvm { get; }
    public CardStore Store { get; }
    public CardRuntime Runtime { get; }
    public CardClient Client { get; }

    /// <summary>Sends a command, following 61xx and 6Cxx as a client's middleware does.</summary>
    public ResponseApdu Send(string hex) => Client.Send(hex);

    public ResponseApdu Send(byte[] command) => Client.Send(command);

    public ushort Sw(string hex) => Send(hex).Sw;

    public ushort Sw(byte[] command) => Send(command).Sw;

    /// <summary>The card after the power was cut and restored: a new runtime over the same memory.</summary>
    public TestCard PowerCycle()
    {
        Nvm.PowerUp();
        return new TestCard(Nvm, Runtime.Config);
    }
}
