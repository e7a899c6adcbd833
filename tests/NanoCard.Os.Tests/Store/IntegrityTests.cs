using NanoCard.Hal.Host.Storage;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Os.Tests.Store;

/// <summary>A damaged store never serves data: 6581 to everything but the diagnostic GET DATA.</summary>
public class IntegrityTests
{
    private static readonly StoreLayout Layout = StoreLayout.Default();

    public static TheoryData<string, int, byte> Damage => new()
    {
        { "header magic", Layout.HeaderAddress + StoreHeader.OffsetMagic, StoreHealth.HeaderCorrupt },
        { "header life cycle", Layout.HeaderAddress + StoreHeader.OffsetLifeCycle, StoreHealth.HeaderCorrupt },
        { "first directory entry", Layout.DirectoryAddress + DirectoryEntry.OffsetAddress, StoreHealth.DirectoryCorrupt },
        { "tenth directory entry", Layout.DirectoryAddress + 9 * DirectoryEntry.Length + DirectoryEntry.OffsetId, StoreHealth.DirectoryCorrupt },
    };

    [Theory]
    [MemberData(nameof(Damage))]
    public void A_flipped_bit_in_the_header_or_directory_makes_every_command_answer_6581(string what, int address, byte health)
    {
        var nvm = PersonalizedMemory();
        var image = nvm.Snapshot();
        image[address] ^= 0x01;
        var card = new CardHarness(new RamNvm(image, nvm.PageSize));
        Assert.Equal(health, card.Store.Health);
        Assert.Equal(Sw.MemoryFailure, card.Sw("00A4040C05F04E430001"));
        Assert.Equal(Sw.MemoryFailure, card.Sw("00B0810000"));
        Assert.Equal(Sw.MemoryFailure, card.Sw("0020009104" + Convert.ToHexString("1234"u8)));
        var diagnostic = card.Send("00CADF4E00");
        Assert.Equal(Sw.NoError, diagnostic.Sw);
        Assert.True(diagnostic.Data[DiagnosticObject.OffsetHealth] == health, what);
    }

    [Fact]
    public void Every_counter_snapshot_damaged_is_a_memory_failure()
    {
        var nvm = PersonalizedMemory();
        var image = nvm.Snapshot();
        for (int slot = 0; slot < Layout.CounterSlots; slot++) image[Layout.CounterSlotAddress(slot) + 9] ^= 0x80;
        var card = new CardHarness(new RamNvm(image, nvm.PageSize));
        Assert.Equal(StoreHealth.CountersCorrupt, card.Store.Health);
        Assert.Equal(Sw.MemoryFailure, card.Sw("00A4040C05F04E430001"));
    }

    [Fact]
    public void An_image_made_with_another_layout_is_refused()
    {
        var nvm = PersonalizedMemory();
        var other = new StoreLayout(Layout.Size, Layout.PageSize, Layout.DirectoryEntries, Layout.JournalSize * 2, Layout.CounterSlots, Layout.CounterCapacity);
        Assert.Equal(StoreHealth.LayoutMismatch, new CardStore(nvm, other).Health);
    }

    [Fact]
    public void The_diagnostic_object_reports_a_healthy_store()
    {
        var card = new CardHarness();
        var reply = card.Send("00CADF4E00");
        Assert.Equal(Sw.NoError, reply.Sw);
        Assert.Equal(DiagnosticObject.Length, reply.Data.Length);
        Assert.Equal(StoreHealth.Ok, reply.Data[DiagnosticObject.OffsetHealth]);
        Assert.Equal(LifeCycle.OpReady, reply.Data[DiagnosticObject.OffsetLifeCycle]);
        Assert.Equal(card.Store.ObjectCount, (reply.Data[DiagnosticObject.OffsetObjects] << 8) | reply.Data[DiagnosticObject.OffsetObjects + 1]);
        Assert.Equal(Sw.WrongLength, card.Sw("00CADF4E"));
        Assert.Equal(4, card.Send("00CADF4E04").Data.Length);
    }

    [Fact]
    public void Life_cycle_changes_survive_a_power_cycle()
    {
        var nvm = PersonalizedMemory();
        new CardStore(nvm, Layout).SetLifeCycle(LifeCycle.Secured);
        Assert.Equal(LifeCycle.Secured, new CardStore(nvm, Layout).LifeCycle);
    }

    [Fact]
    public void A_blank_memory_is_formatted_at_the_first_power_up()
    {
        var nvm = CardHarness.NewMemory();
        var store = new CardStore(nvm, Layout);
        Assert.True(store.IsHealthy);
        Assert.Equal(0, store.ObjectCount);
        Assert.True(StoreHeader.IsSound(nvm.Snapshot(), Layout.HeaderAddress));
        Assert.Equal(Layout.DataSize, store.FreeBytes);
    }

    [Fact]
    public void Crc32_is_the_iso_hdlc_crc()
    {
        var data = new byte[1000];
        new Random(5).NextBytes(data);
        Assert.Equal(System.IO.Hashing.Crc32.HashToUInt32(data), Crc32.Compute(data, 0, data.Length));
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8.ToArray(), 0, 9));
    }

    private static RamNvm PersonalizedMemory()
    {
        var nvm = CardHarness.NewMemory();
        _ = new CardHarness(nvm, personalize: true);
        return nvm;
    }
}
