using NanoCard.Os.Store;

namespace NanoCard.Os.Tests.Store;

/// <summary>What a card must keep across power cycles, and the try counters' write pattern.</summary>
public class PersistenceTests
{
    private static readonly string RightPin = "0020009104" + Convert.ToHexString("1234"u8);
    private static readonly string WrongPin = "0020009104" + Convert.ToHexString("0000"u8);

    [Fact]
    public void Used_tries_files_and_changed_pins_survive_a_power_cycle()
    {
        var nvm = CardHarness.NewMemory();
        var card = new CardHarness(nvm, personalize: true);
        card.SelectMain();
        Assert.Equal(0x63C2, card.Sw(WrongPin));
        Assert.Equal(0x63C4, card.Sw("0020009B06" + Convert.ToHexString("AAAAAA"u8)));
        Assert.Equal(Sw.NoError, card.Sw("0020009B06" + Convert.ToHexString("ABC123"u8)));
        Assert.Equal(Sw.NoError, card.Sw("00A4020C020001"));
        Assert.Equal(Sw.SecurityStatusNotSatisfied, card.Sw("00D6000002ABCD"));

        var after = new CardHarness(nvm);
        after.SelectMain();
        Assert.Equal(0x63C2, after.Sw("00200091"));
        Assert.Equal(0x63C5, after.Sw("0020009B"));
        Assert.Equal(Sw.NoError, after.Sw(RightPin));
        Assert.Equal(Sw.NoError, after.Sw("0024019104" + Convert.ToHexString("8765"u8)));
        Assert.Equal(Sw.NoError, after.Sw("00D6810002ABCD"));

        var third = new CardHarness(nvm);
        third.SelectMain();
        Assert.Equal("ABCD", third.Send("00B0810002").Hex);
        Assert.Equal(0x63C2, third.Sw(RightPin));
        Assert.Equal(Sw.NoError, third.Sw("0020009104" + Convert.ToHexString("8765"u8)));
    }

    [Fact]
    public void A_wrong_pin_writes_one_page_and_a_right_pin_on_a_full_counter_two()
    {
        var nvm = CardHarness.NewMemory();
        var card = new CardHarness(nvm, personalize: true);
        card.SelectMain();
        nvm.ResetCounters();
        Assert.Equal(Sw.NoError, card.Sw(RightPin));
        Assert.Equal(2, nvm.TotalPageWrites);   // decrement before the compare, then back to the limit
        nvm.ResetCounters();
        Assert.Equal(0x63C2, card.Sw(WrongPin));
        Assert.Equal(1, nvm.TotalPageWrites);
        nvm.ResetCounters();
        Assert.Equal(0x63C2, card.Sw("00200091"));
        Assert.Equal(0, nvm.TotalPageWrites);   // reading the counter writes nothing
    }

    [Fact]
    public void Counter_writes_take_turns_over_the_counter_slots()
    {
        var nvm = CardHarness.NewMemory();
        var card = new CardHarness(nvm, personalize: true);
        card.SelectMain();
        nvm.ResetCounters();
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(0x63C2, card.Sw(WrongPin));
            Assert.Equal(Sw.NoError, card.Sw(RightPin));
        }
        var layout = card.Store.Layout;
        var counts = nvm.PageWriteCounts();
        long total = counts.Sum();
        long counterWrites = Enumerable.Range(layout.CounterAddress / layout.PageSize, layout.CounterSlots).Sum(p => counts[p]);
        Assert.Equal(total, counterWrites);            // nothing but the counter area is written
        Assert.Equal(3000, counterWrites);             // 1 per wrong PIN, 2 per right PIN
        Assert.True(counts.Max() * 8 <= counterWrites, $"most-written page took {counts.Max()} of {counterWrites}");
    }
}
