using NanoCard.Hal.Host.Storage;
using NanoCard.Os.Store;

namespace NanoCard.Os.Tests.Store;

/// <summary>
/// The journal lives in the memory's journal region and RAM keeps only its tail page and the list
/// of staged pages (docs/eeprom-layout.md, "Transactions"): a transaction is bounded by the region,
/// pages staged twice read back their last bytes, a journal that outgrows the region's end moves to
/// its start, and a cut anywhere leaves the old bytes or the new ones.
/// </summary>
public class JournalRegionTests
{
    private const int PageSize = StoreLayout.DefaultPageSize;
    /// <summary>Pages the default 8 KiB region holds, each with its 6-byte entry header.</summary>
    private static readonly int RegionPages = StoreLayout.DefaultJournalSize / (PageSize + 6);
    private readonly RamNvm nvm = CardHarness.NewMemory();

    [Fact]
    public void A_write_the_region_holds_goes_in_at_any_alignment_and_a_bigger_one_fails_without_touching_the_data()
    {
        var store = new CardStore(nvm, StoreLayout.Default());
        PersistentBytes body = store.Allocate(2, ObjectKind.AppletData, 20000, 0x00);
        // 33 bytes in: the write touches one page more than its length alone needs.
        byte[] data = Pattern((RegionPages - 1) * PageSize, 1);
        body.Write(33, data, 0, (short)data.Length);
        Assert.Equal(data, Read(body, 33, data.Length));

        byte[] before = nvm.Snapshot();
        byte[] bigger = Pattern(RegionPages * PageSize + 1, 2);
        var e = Assert.Throws<TransactionException>(() => body.Write(1000, bigger, 0, (short)bigger.Length));
        Assert.Equal(TransactionException.BufferFull, e.Reason);
        AssertSameOutsideJournal(before, nvm.Snapshot(), store.Layout);
        Assert.Equal(data, Read(new CardStore(new RamNvm(nvm.Snapshot(), PageSize), StoreLayout.Default()).Allocate(2, ObjectKind.AppletData, 20000, 0x00), 33, data.Length));
    }

    [Fact]
    public void Pages_written_twice_in_one_transaction_read_back_their_last_bytes_before_and_after_commit()
    {
        var store = new CardStore(nvm, StoreLayout.Default());
        PersistentBytes body = store.Allocate(2, ObjectKind.AppletData, 4000, 0x00);
        byte[] first = Pattern(2000, 3);
        byte[] second = Pattern(100, 4);
        store.BeginTransaction();
        body.Write(0, first, 0, (short)first.Length);
        // Page 1's entry is in the region by now, the last pages' still in the tail: patch both.
        body.Write(70, second, 0, (short)second.Length);
        body.Write(1950, second, 0, (short)second.Length);
        byte[] expected = (byte[])first.Clone();
        Array.Resize(ref expected, 2050);
        second.CopyTo(expected, 70);
        second.CopyTo(expected, 1950);
        Assert.Equal(expected, Read(body, 0, 2050));
        Assert.Equal(new byte[2050], RawData(body, 2050));
        store.CommitTransaction();
        Assert.Equal(expected, Read(body, 0, 2050));
        Assert.Equal(expected, RawData(body, 2050));
    }

    [Fact]
    public void A_journal_that_outgrows_the_region_end_moves_to_its_start_and_survives_a_cut_at_every_write()
    {
        var store = new CardStore(nvm, StoreLayout.Default());
        PersistentBytes body = store.Allocate(2, ObjectKind.AppletData, 20000, 0x00);
        // Small journals until the next one starts where 40 pages no longer fit before the region's end.
        byte[] data = Pattern(40 * PageSize, 6);
        int needed = 40 * (PageSize + 6);
        byte[] small = [0x5A];
        for (int i = 0; NextJournalStart(store.Layout) + needed <= store.Layout.JournalSize; i++)
        {
            body.Write((short)(10000 + i % 50), small, 0, 1);
        }
        byte[] image = nvm.Snapshot();
        byte[] old = Read(body, 0, data.Length);
        int moved = 0;
        for (int cut = 1; ; cut++)
        {
            var memory = new RamNvm((byte[])image.Clone(), PageSize);
            PersistentBytes target = new CardStore(memory, StoreLayout.Default()).Allocate(2, ObjectKind.AppletData, 20000, 0x00);
            memory.CutPowerAfter(cut, garble: true, seed: cut);
            try
            {
                target.Write(0, data, 0, (short)data.Length);
                break; // finished before the cut: every cut point has been tried
            }
            catch (PowerLossException)
            {
            }
            memory.PowerUp();
            var again = new CardStore(memory, StoreLayout.Default());
            Assert.True(again.IsHealthy, $"cut {cut}");
            byte[] after = Read(again.Allocate(2, ObjectKind.AppletData, 20000, 0x00), 0, data.Length);
            Assert.True(after.SequenceEqual(data) || after.SequenceEqual(old), $"cut {cut}: neither the old nor the new bytes");
            moved++;
        }
        Assert.True(moved > 40);
        var sealedStore = new CardStore(new RamNvm(nvm.Snapshot(), PageSize), StoreLayout.Default());
        PersistentBytes done = sealedStore.Allocate(2, ObjectKind.AppletData, 20000, 0x00);
        done.Write(0, data, 0, (short)data.Length);
        Assert.Equal(data, Read(done, 0, data.Length));
    }

    /// <summary>Where the next journal starts: the page after the newest sealed one.</summary>
    private int NextJournalStart(StoreLayout layout)
    {
        var record = new byte[CommitRecord.Length];
        uint newest = 0;
        int end = 0;
        for (int slot = 0; slot < StoreLayout.CommitSlots; slot++)
        {
            nvm.Read(layout.CommitSlotAddress(slot), record, 0, record.Length);
            uint sequence = BigEndian.GetUInt32(record, CommitRecord.OffsetSequence);
            if (CommitRecord.IsSound(record, 0) && sequence >= newest)
            {
                newest = sequence;
                end = (int)(BigEndian.GetUInt32(record, CommitRecord.OffsetJournalOffset) + BigEndian.GetUInt32(record, CommitRecord.OffsetJournalLength));
            }
        }
        return layout.RoundUp(end);
    }

    private static void AssertSameOutsideJournal(byte[] before, byte[] after, StoreLayout layout)
    {
        Assert.Equal(before.AsSpan(0, layout.JournalAddress).ToArray(), after.AsSpan(0, layout.JournalAddress).ToArray());
        Assert.Equal(before.AsSpan(layout.DataAddress).ToArray(), after.AsSpan(layout.DataAddress).ToArray());
    }

    private byte[] RawData(PersistentBytes body, int length)
    {
        var raw = new byte[length];
        nvm.Read(body.Address, raw, 0, length);
        return raw;
    }

    private static byte[] Pattern(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    private static byte[] Read(PersistentBytes o, int offset, int length)
    {
        var buffer = new byte[length];
        for (int done = 0; done < length; done += 1000)
        {
            int chunk = Math.Min(1000, length - done);
            o.Read((short)(offset + done), buffer, (short)done, (short)chunk);
        }
        return buffer;
    }
}
