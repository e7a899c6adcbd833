using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Fuzz;

/// <summary>
/// One issued card kept from input to input (docs/reliability.md, "Fuzzing"). Building a card is a
/// power-up: the store's checks and the installation of every AP, about a millisecond. Most fuzzed
/// inputs write nothing to the memory, and then the card after a warm reset is the issued card
/// (RAM state is what the reset clears), so the next input gets it as it is. An input that wrote a
/// page ends with <see cref="Restore"/>: the issued image back and a power-up over it, inside that
/// input, so the coverage AFL++ sees of each input does not depend on the input before it.
/// With <c>keep</c> false every input gets a newly built card (the harness before it kept cards;
/// <c>--bench</c> compares the two).
/// </summary>
public sealed class KeptCard(byte[] image, byte[] deviceKey, bool keep)
{
    private readonly PooledRsaCrypto crypto = new();
    private RamNvm? nvm;
    private SimulatedCard? card;

    /// <summary>Whether the memory changed since the card was built over the issued image.</summary>
    public bool Written => nvm is not null && nvm.TotalPageWrites != 0;

    /// <summary>The memory under the card (for the power cycle).</summary>
    public RamNvm Memory => nvm ?? throw new InvalidOperationException("no card yet");

    /// <summary>The card as issued for the next input: the kept one after a warm reset, or a newly built one.</summary>
    public SimulatedCard Ready()
    {
        crypto.Rewind();
        if (card is null || !keep || Written)
        {
            // Written here only after an input that broke an oracle before its restore.
            Restore();
        }
        else
        {
            card.Runtime.Reset();
        }
        return card!;
    }

    /// <summary>The issued image back in a memory of its own and a card powered up over it.</summary>
    public void Restore()
    {
        nvm = new RamNvm(image, StoreLayout.DefaultPageSize);
        card = PowerUp(nvm);
        nvm.ResetCounters();
    }

    /// <summary>A power-up over <paramref name="memory"/>: the store's recovery and checks, then the APs.</summary>
    public SimulatedCard PowerUp(RamNvm memory) => new(memory, crypto, CardConfig.Desktop(), deviceKey: deviceKey);
}
