using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Os.Runtime;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Os.Tests.Store;

/// <summary>
/// The store reports a transaction its journal region cannot hold in its own terms
/// (<see cref="TransactionException"/>); the runtime, not the store, answers it with 6A84, and
/// the card is as it was before the command.
/// </summary>
public sealed class JournalFullStatusTests
{
    [Fact]
    public void A_command_whose_writes_outgrow_the_journal_answers_6A84_and_changes_nothing()
    {
        RamNvm nvm = CardHarness.NewMemory();
        // A 512-byte journal region (7 pages): the applet's 1 000-byte rewrite in one transaction cannot fit.
        var layout = new StoreLayout(nvm.Size, nvm.PageSize, StoreLayout.DefaultDirectoryEntries, 512, StoreLayout.DefaultCounterSlots, StoreLayout.DefaultCounterCapacity);
        var store = new CardStore(nvm, layout, new SecretSeal(new HostCrypto(new SeededRandom(1)), null));
        var card = new CardRuntime(CardConfig.Desktop(), store, new SystemRandom());
        var applet = new TestApplet(store, 1);
        card.Install(applet, CardHarness.MainAid, 0, (byte)CardHarness.MainAid.Length);
        Assert.Equal(Sw.NoError, Transmit(card, "00A4040C05" + Convert.ToHexString(CardHarness.MainAid)));
        byte[] before = nvm.Snapshot();

        Assert.Equal(Sw.NotEnoughMemoryInFile, Transmit(card, "80" + Convert.ToHexString([TestApplet.InsRewriteLarge]) + "0007"));

        // Only the journal region took the pages staged before the one that did not fit: never sealed, never replayed.
        byte[] after = nvm.Snapshot();
        Assert.Equal(before[..layout.JournalAddress], after[..layout.JournalAddress]);
        Assert.Equal(before[layout.DataAddress..], after[layout.DataAddress..]);
        Assert.False(store.InTransaction);
    }

    private static ushort Transmit(CardRuntime card, string hex)
    {
        byte[] command = Convert.FromHexString(hex);
        var response = new byte[300];
        int n = card.Transmit(command, command.Length, response);
        return (ushort)((response[n - 2] << 8) | response[n - 1]);
    }
}
