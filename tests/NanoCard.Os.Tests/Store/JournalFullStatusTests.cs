using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Os.Runtime;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Os.Tests.Store;

/// <summary>
/// The store reports a transaction its staging cannot hold in its own terms
/// (<see cref="TransactionException"/>); the runtime, not the store, answers it with 6A84, and
/// the card is as it was before the command.
/// </summary>
public sealed class JournalFullStatusTests
{
    [Fact]
    public void A_command_whose_writes_outgrow_the_staging_answers_6A84_and_changes_nothing()
    {
        RamNvm nvm = CardHarness.NewMemory();
        // Staging for 256 bytes: the applet's 1 000-byte rewrite in one transaction cannot fit.
        var store = new CardStore(nvm, StoreLayout.WithSize(nvm.Size, nvm.PageSize), new SecretSeal(new HostCrypto(new SeededRandom(1)), null), 256);
        var card = new CardRuntime(CardConfig.Desktop(), store, new SystemRandom());
        var applet = new TestApplet(store, 1);
        card.Install(applet, CardHarness.MainAid, 0, (byte)CardHarness.MainAid.Length);
        Assert.Equal(Sw.NoError, Transmit(card, "00A4040C05" + Convert.ToHexString(CardHarness.MainAid)));
        byte[] before = nvm.Snapshot();
        nvm.ResetCounters();

        Assert.Equal(Sw.NotEnoughMemoryInFile, Transmit(card, "80" + Convert.ToHexString([TestApplet.InsRewriteLarge]) + "0007"));

        Assert.Equal(0, nvm.TotalPageWrites);
        Assert.Equal(before, nvm.Snapshot());
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
