using NanoCard.Hal.Host.Storage;
using NanoCard.Os.Store;

namespace NanoCard.Os.Tests.Store;

/// <summary>
/// RESIZE of an object in place (docs/eeprom-layout.md, "Sizes set at personalization"): shrinking
/// frees its tail, growing takes free bytes back filled with the filler, an object in the way or
/// the placement rules refuse a grow with nothing written, the next power-up finds the object at
/// its stored size, and a power cut at any write leaves the old size or the new one.
/// </summary>
public class ResizeTests
{
    [Fact]
    public void Shrinking_frees_the_tail_and_growing_takes_it_back_filled()
    {
        var (nvm, store) = ReclaimTests.NewStore();
        var ef = store.Allocate(1, ObjectKind.TransparentEf, 3000, 0xFF);
        store.Allocate(2, ObjectKind.TransparentEf, 200, 0x22);
        WriteAll(ef, 3000);
        int used = store.UsedBytes;

        Assert.True(ef.Resize(1000, 0xFF));
        Assert.Equal(1000, ef.Size);
        Assert.Equal(used - 2000, store.UsedBytes);
        Assert.Equal(store.Layout.DataSize, store.UsedBytes + store.UnusedBytes);
        StoreAudit.Check(store);
        // The next power-up finds it at 1000 bytes, however large its description is.
        CardStore again = ReclaimTests.PowerCycle(nvm);
        var found = again.AllocateUpTo(1, ObjectKind.TransparentEf, 3000, 0xFF);
        Assert.Equal(1000, found.Size);
        Assert.Equal(Enumerable.Repeat((byte)0x5A, 1000), ReclaimTests.Read(found));

        Assert.True(found.Resize(3000, 0xFF));
        byte[] body = ReclaimTests.Read(found);
        Assert.Equal(Enumerable.Repeat((byte)0x5A, 1000), body[..1000]);
        Assert.Equal(Enumerable.Repeat((byte)0xFF, 2000), body[1000..]);
        Assert.Equal(used, again.UsedBytes);
        StoreAudit.Check(again);
    }

    [Fact]
    public void A_grow_into_another_object_or_across_a_page_is_refused_with_nothing_written()
    {
        var (nvm, store) = ReclaimTests.NewStore();
        var ef = store.Allocate(1, ObjectKind.TransparentEf, 300, 0xFF);
        store.Allocate(2, ObjectKind.TransparentEf, 200, 0x22);
        var small = store.Allocate(3, ObjectKind.AppletData, 20, 0x33);
        store.Allocate(4, ObjectKind.AppletData, 20, 0x44);
        byte[] before = nvm.Snapshot();
        Assert.False(ef.Resize(400, 0xFF));
        // A small object may not grow past the end of its page.
        Assert.False(small.Resize(60, 0xFF));
        Assert.Equal(before, nvm.Snapshot());
        Assert.Equal(300, ef.Size);
        // After the neighbour is deleted the bytes are free and the grow goes through.
        Assert.True(store.Delete(2));
        Assert.True(ef.Resize(400, 0xFF));
        StoreAudit.Check(store);
    }

    [Theory]
    [InlineData(3000)]
    [InlineData(1000)]
    public void A_resize_cut_at_any_write_leaves_the_old_size_or_the_new_one(int to)
    {
        int from = to == 3000 ? 1000 : 3000;
        long writes = Writes(from, to);
        Assert.True(writes >= 3, $"a resize takes {writes} writes");
        for (long cut = 1; cut < writes; cut++)
        {
            var (nvm, store) = Prepared(from);
            var ef = store.AllocateUpTo(1, ObjectKind.TransparentEf, 3000, 0xFF);
            nvm.ResetCounters();
            nvm.CutPowerAfter(cut, garble: true, seed: (int)cut);
            Assert.ThrowsAny<Exception>(() => ef.Resize((short)to, 0xFF));
            CardStore again = ReclaimTests.PowerCycle(nvm);
            StoreAudit.Check(again);
            var found = again.AllocateUpTo(1, ObjectKind.TransparentEf, 3000, 0xFF);
            Assert.True(found.Size == from || found.Size == to, $"cut {cut}: {found.Size} bytes");
            byte[] body = ReclaimTests.Read(found);
            Assert.Equal(Enumerable.Repeat((byte)0x5A, 1000), body[..1000]);
            // A grown EF reads as its filler past the old data, whatever the cut left in the free bytes before.
            Assert.All(body[1000..], b => Assert.Equal(0xFF, b));
            Assert.Equal(Enumerable.Repeat((byte)0x22, 200), ReclaimTests.Read(again.Allocate(2, ObjectKind.TransparentEf, 200, 0x00)));
        }
    }

    /// <summary>An EF of <paramref name="size"/> bytes (its first 1000 written), an object after its 3000 described bytes.</summary>
    private static (RamNvm, CardStore) Prepared(int size)
    {
        var (nvm, store) = ReclaimTests.NewStore();
        var ef = store.Allocate(1, ObjectKind.TransparentEf, 3000, 0xFF);
        store.Allocate(2, ObjectKind.TransparentEf, 200, 0x22);
        WriteAll(ef, 1000);
        if (size != 3000)
        {
            Assert.True(ef.Resize((short)size, 0xFF));
        }
        return (nvm, ReclaimTests.PowerCycle(nvm));
    }

    /// <summary>5A into the first <paramref name="count"/> bytes, a page at a time (a transaction holds less than the journal region).</summary>
    private static void WriteAll(PersistentBytes ef, int count)
    {
        byte[] chunk = Enumerable.Repeat((byte)0x5A, 256).ToArray();
        for (int at = 0; at < count; at += 256)
        {
            ef.Write((short)at, chunk, 0, (short)Math.Min(256, count - at));
        }
    }

    private static long Writes(int from, int to)
    {
        var (nvm, store) = Prepared(from);
        var ef = store.AllocateUpTo(1, ObjectKind.TransparentEf, 3000, 0xFF);
        nvm.ResetCounters();
        Assert.True(ef.Resize((short)to, 0xFF));
        return nvm.TotalPageWrites;
    }
}
