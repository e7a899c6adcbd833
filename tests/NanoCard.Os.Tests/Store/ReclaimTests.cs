using NanoCard.Hal.Host.Storage;
using NanoCard.Os.Store;

namespace NanoCard.Os.Tests.Store;

/// <summary>
/// The store gives space back (docs/eeprom-layout.md, "Free space and reclamation"): a deleted
/// object's bytes, directory entry and counter index are used again, deletion joins an open
/// transaction, and the accounts stay exact across power cycles.
/// </summary>
public class ReclaimTests
{
    /// <summary>32 KiB with the default regions: 26,432 bytes of data area, small enough to fill.</summary>
    internal static readonly StoreLayout Small = StoreLayout.WithSize(32 * 1024, StoreLayout.DefaultPageSize);

    [Fact]
    public void Deleting_the_last_object_gives_every_byte_back_and_the_directory_entry_too()
    {
        var (nvm, store) = NewStore();
        store.Allocate(1, ObjectKind.TransparentEf, 700, 0x11);
        int free = store.FreeBytes;
        store.Allocate(2, ObjectKind.AppletData, 40, 0x22);
        Assert.True(store.FreeBytes < free);

        Assert.True(store.Delete(2));

        Assert.False(store.Contains(2, ObjectKind.AppletData));
        Assert.Equal(1, store.ObjectCount);
        Assert.Equal(free, store.FreeBytes);
        StoreAudit.Check(store);
        var again = PowerCycle(nvm);
        Assert.Equal(free, again.FreeBytes);
        Assert.False(again.Contains(2, ObjectKind.AppletData));
        StoreAudit.Check(again);
    }

    [Fact]
    public void A_gap_left_by_a_deletion_takes_an_object_the_end_has_no_room_for()
    {
        var (nvm, store) = NewStore();
        var first = store.Allocate(1, ObjectKind.TransparentEf, 9000, 0x11);
        var middle = store.Allocate(2, ObjectKind.TransparentEf, 7000, 0x22);
        var last = store.Allocate(3, ObjectKind.TransparentEf, 9000, 0x33);
        Assert.True(store.FreeBytes < 5000);
        Assert.Throws<InvalidOperationException>(() => store.Allocate(4, ObjectKind.TransparentEf, 5000, 0x44));

        Assert.True(store.Delete(2));
        Assert.True(store.FreeBytes >= 6000);
        var reused = store.Allocate(4, ObjectKind.TransparentEf, 5000, 0x44);

        Assert.InRange(reused.Address, middle.Address, middle.Address + 7000 - 5000);
        Assert.Equal(Repeat(0x44, 5000), Read(reused));
        StoreAudit.Check(store);
        var again = PowerCycle(nvm);
        StoreAudit.Check(again);
        Assert.Equal(Repeat(0x11, 9000), Read(again.Allocate(1, ObjectKind.TransparentEf, 9000, 0x00)));
        Assert.Equal(Repeat(0x33, 9000), Read(again.Allocate(3, ObjectKind.TransparentEf, 9000, 0x00)));
        Assert.Equal(Repeat(0x44, 5000), Read(again.Allocate(4, ObjectKind.TransparentEf, 5000, 0x00)));
        Assert.Equal(first.Address, again.Allocate(1, ObjectKind.TransparentEf, 9000, 0x00).Address);
        Assert.Equal(last.Address, again.Allocate(3, ObjectKind.TransparentEf, 9000, 0x00).Address);
    }

    [Fact]
    public void A_small_object_put_between_two_others_in_one_page_leaves_both_neighbours_intact()
    {
        var (nvm, store) = NewStore();
        var before = store.Allocate(1, ObjectKind.AppletData, 16, 0x11);
        store.Allocate(2, ObjectKind.AppletData, 16, 0x22);
        var after = store.Allocate(3, ObjectKind.AppletData, 16, 0x33);
        int bigStart = Small.RoundUp(after.Address + 16);
        store.Allocate(9, ObjectKind.TransparentEf, (short)(Small.Size - bigStart - 5), 0x99);
        Assert.True(store.Delete(2));

        var inside = store.Allocate(4, ObjectKind.AppletData, 10, 0x44);

        Assert.InRange(inside.Address, before.Address + 16, after.Address - 10);
        Assert.Equal(Repeat(0x11, 16), Read(before));
        Assert.Equal(Repeat(0x33, 16), Read(after));
        Assert.Equal(Repeat(0x44, 10), Read(inside));
        StoreAudit.Check(PowerCycle(nvm));
    }

    [Fact]
    public void A_deletion_inside_a_transaction_happens_at_its_commit_or_not_at_all()
    {
        var (nvm, store) = NewStore();
        var kept = store.Allocate(1, ObjectKind.AppletData, 40, 0x00);
        store.Allocate(2, ObjectKind.TransparentEf, 700, 0x22);
        int used = store.UsedBytes;

        store.BeginTransaction();
        kept.Write(0, [1, 2, 3], 0, 3);
        Assert.True(store.Delete(2));
        Assert.False(store.Contains(2, ObjectKind.TransparentEf));
        Assert.Equal(used - 700, store.UsedBytes);
        store.AbortTransaction();

        Assert.True(store.Contains(2, ObjectKind.TransparentEf));
        Assert.Equal(used, store.UsedBytes);
        Assert.Equal([0, 0, 0], Read(kept)[..3]);
        StoreAudit.Check(store);

        store.BeginTransaction();
        kept.Write(0, [1, 2, 3], 0, 3);
        Assert.True(store.Delete(2));
        store.CommitTransaction();

        var again = PowerCycle(nvm);
        Assert.False(again.Contains(2, ObjectKind.TransparentEf));
        Assert.Equal([1, 2, 3], Read(again.Allocate(1, ObjectKind.AppletData, 40, 0x00))[..3]);
        StoreAudit.Check(again);
    }

    [Fact]
    public void Deleting_a_pin_frees_its_value_and_its_counter_index_for_the_next_pin()
    {
        var (nvm, store) = NewStore();
        var tries = new PersistentTryCounter[Small.CounterCapacity];
        for (uint i = 0; i < tries.Length; i++)
        {
            store.Allocate(100 + i, ObjectKind.PinValue, 50, 0x00);
            tries[i] = store.AllocateCounter(100 + i, 3);
            tries[i].Set((byte)(i % 4));
        }
        Assert.Throws<InvalidOperationException>(() => store.AllocateCounter(999, 5));
        Assert.Equal(0, store.FreeCounters);

        Assert.True(store.Delete(105));
        Assert.False(store.Contains(105, ObjectKind.PinValue));
        Assert.Equal(1, store.FreeCounters);
        var fresh = store.AllocateCounter(999, 5);

        Assert.Equal(5, fresh.TriesRemaining);
        var again = PowerCycle(nvm);
        StoreAudit.Check(again);
        Assert.Equal(5, again.AllocateCounter(999, 5).TriesRemaining);
        for (uint i = 0; i < tries.Length; i++)
        {
            if (i != 5) Assert.Equal(i % 4, again.AllocateCounter(100 + i, 3).TriesRemaining);
        }
    }

    [Fact]
    public void Deleting_an_unknown_id_writes_nothing()
    {
        var (nvm, store) = NewStore();
        store.Allocate(1, ObjectKind.AppletData, 40, 0x00);
        nvm.ResetCounters();

        Assert.False(store.Delete(2));

        Assert.Equal(0, nvm.TotalPageWrites);
    }

    [Fact]
    public void Used_bytes_are_counted_per_df()
    {
        var (_, store) = NewStore();
        store.Allocate(0x0A0B0001, ObjectKind.TransparentEf, 300, 0x00);
        store.Allocate(0x0A0B0002, ObjectKind.PinValue, 50, 0x00);
        store.AllocateCounter(0x0A0B0002, 3);
        store.Allocate(0x0A0C0001, ObjectKind.TransparentEf, 70, 0x00);

        Assert.Equal(350, store.UsedBytesOf(0x0A0B));
        Assert.Equal(70, store.UsedBytesOf(0x0A0C));
        Assert.Equal(0, store.UsedBytesOf(0x0A0D));
        Assert.True(store.Delete(0x0A0B0002));
        Assert.Equal(300, store.UsedBytesOf(0x0A0B));
    }

    [Fact]
    public void Deleting_a_df_removes_all_of_its_objects_and_only_them()
    {
        var (nvm, store) = NewStore();
        store.Allocate(0x0A0B0001, ObjectKind.TransparentEf, 300, 0x00);
        store.Allocate(0x0A0C0001, ObjectKind.TransparentEf, 70, 0x0C);
        store.Allocate(0x0A0B0002, ObjectKind.PinValue, 50, 0x00);
        store.AllocateCounter(0x0A0B0002, 3);
        store.AllocateCounter(0x0A0C0002, 5);
        store.Allocate(0x8A0B0001, ObjectKind.Key, 179, 0x00);
        int usedBefore = store.UsedBytes;

        Assert.Equal(3, store.DeleteDf(0x0A0B));

        Assert.Equal(0, store.UsedBytesOf(0x0A0B));
        Assert.Equal(usedBefore - 350, store.UsedBytes);
        Assert.Equal(0, store.DeleteDf(0x0A0B));
        var again = PowerCycle(nvm);
        StoreAudit.Check(again);
        Assert.Equal(3, again.ObjectCount);
        Assert.Equal(Enumerable.Repeat((byte)0x0C, 70), Read(again.Allocate(0x0A0C0001, ObjectKind.TransparentEf, 70, 0x00)));
        Assert.Equal(5, again.AllocateCounter(0x0A0C0002, 5).TriesRemaining);
        Assert.True(again.Contains(0x8A0B0001, ObjectKind.Key));
    }

    /// <summary>
    /// A deletion rewrites at most the directory region: objects spread over every directory page,
    /// deleted with another write, make one commit that the journal region holds.
    /// </summary>
    [Fact]
    public void Deleting_objects_spread_over_the_whole_directory_is_one_transaction()
    {
        var (nvm, store) = NewStore();
        for (uint i = 0; i < Small.DirectoryEntries; i++)
        {
            store.Allocate(((1 + i % 2) << 16) | i, ObjectKind.AppletData, 16, (byte)i);
        }
        Assert.Equal(0, store.FreeEntries);
        var kept = store.Allocate((2u << 16) | 1, ObjectKind.AppletData, 16, 0x00);
        uint sequence = store.CommitSequence;

        store.BeginTransaction();
        kept.Write(0, [0xAB], 0, 1);
        Assert.Equal(Small.DirectoryEntries / 2, store.DeleteDf(1));
        store.CommitTransaction();

        Assert.Equal(sequence + 1, store.CommitSequence);
        var again = PowerCycle(nvm);
        StoreAudit.Check(again);
        Assert.Equal(Small.DirectoryEntries / 2, again.FreeEntries);
        Assert.Equal(0, again.UsedBytesOf(1));
        Assert.Equal(0xAB, Read(again.Allocate((2u << 16) | 1, ObjectKind.AppletData, 16, 0x00))[0]);
        Assert.Equal(Enumerable.Repeat((byte)127, 16), Read(again.Allocate((2u << 16) | 127, ObjectKind.AppletData, 16, 0x00)));
    }

    internal static (RamNvm Nvm, CardStore Store) NewStore()
    {
        var nvm = new RamNvm(Small.Size, Small.PageSize);
        return (nvm, new CardStore(nvm, Small));
    }

    internal static CardStore PowerCycle(RamNvm nvm)
    {
        nvm.PowerUp();
        var store = new CardStore(nvm, StoreLayout.WithSize(nvm.Size, nvm.PageSize));
        Assert.True(store.IsHealthy, $"health {store.Health:X2}");
        return store;
    }

    internal static byte[] Read(PersistentBytes bytes)
    {
        var data = new byte[bytes.Size];
        bytes.Read(0, data, 0, bytes.Size);
        return data;
    }

    private static byte[] Repeat(byte value, int count) => Enumerable.Repeat(value, count).ToArray();
}
