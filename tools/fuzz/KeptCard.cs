using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Fuzz;

/// <summary>
/// One issued card kept from input to input (docs/reliability.md, "Fuzzing"). Building a card is a
/// power-up: the store's checks and the installation of every AP, about a millisecond. Most fuzzed
/// inputs write nothing to the memory, and then the card after a warm reset is the issued card
/// (RAM state is what the reset clears), so it is handed out again as it is. Only an input that
/// wrote a page makes the next <see cref="Ready"/> restore the issued image and power up over it.
/// With <c>keep</c> false every input gets a newly built card (the harness before keeping cards;
/// <c>--bench</c> compares the two).
/// </summary>
public sealed class KeptCard(byte[] image, byte[] deviceKey, bool keep)
{
    private readonly HostCrypto crypto = new();
    private RamNvm? nvm;
    private SimulatedCard? card;

    /// <summary>Whether the memory changed since the card was built over the issued image.</summary>
    public bool Written => nvm is not null && nvm.TotalPageWrites != 0;

    /// <summary>The memory under the card (for the power cycle).</summary>
    public RamNvm Memory => nvm ?? throw new InvalidOperationException("no card yet");

    /// <summary>The card as issued: the kept one after a warm reset, or one built over the restored image.</summary>
    public SimulatedCard Ready()
    {
        if (card is null || Written || !keep)
        {
            nvm = new RamNvm(image, StoreLayout.DefaultPageSize);
            card = PowerUp(nvm);
            nvm.ResetCounters();
        }
        else
        {
            card.Runtime.Reset();
        }
        return card;
    }

    /// <summary>A power-up over <paramref name="memory"/>: the store's recovery and checks, then the APs.</summary>
    public SimulatedCard PowerUp(RamNvm memory) => new(memory, crypto, CardConfig.Desktop(), deviceKey: deviceKey);
}
