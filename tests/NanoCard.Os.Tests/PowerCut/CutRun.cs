using NanoCard.Hal.Host.Storage;
using NanoCard.Os.Store;

namespace NanoCard.Os.Tests.PowerCut;

/// <summary>
/// Runs a script of APDUs on a card booted from an image, optionally with a power cut armed, and
/// records for each command the state before and after it.
/// </summary>
public sealed class CutRun
{
    public required byte[] BaseImage { get; init; }
    public required string[] Script { get; init; }

    /// <summary>Index of the command the cut struck, or -1 when every command ran.</summary>
    public int Interrupted { get; private set; } = -1;

    public List<CardImage> ImagesBefore { get; } = [];
    public List<Tries> TriesBefore { get; } = [];
    public List<ushort> Sws { get; } = [];
    public CardImage? FinalImage { get; private set; }
    public RamNvm Nvm { get; private set; } = null!;

    /// <summary>Page writes the whole script made (a dry run, no cut).</summary>
    public long PageWrites { get; private set; }

    public static CutRun Dry(byte[] image, string[] script)
    {
        var run = new CutRun { BaseImage = image, Script = script };
        run.Execute(0, false);
        return run;
    }

    /// <summary>Boots from the base image, cuts the power at page write <paramref name="cutAt"/> (0: never), stops there.</summary>
    public void Execute(long cutAt, bool garble)
    {
        Nvm = new RamNvm(BaseImage, StoreLayout.DefaultPageSize);
        var card = new CardHarness(Nvm);
        Assert.True(card.Store.IsHealthy);
        Nvm.ResetCounters();
        if (cutAt > 0) Nvm.CutPowerAfter(cutAt, garble, seed: (int)cutAt);
        for (int i = 0; i < Script.Length; i++)
        {
            ImagesBefore.Add(CardImage.Of(Nvm));
            TriesBefore.Add(Tries.Of(card));
            var sw = card.Sw(Script[i]);
            if (Nvm.IsPowerLost)
            {
                Interrupted = i;
                return;
            }
            Sws.Add(sw);
        }
        FinalImage = CardImage.Of(Nvm);
        PageWrites = Nvm.TotalPageWrites;
    }
}
