using NanoCard.Hal.Host.Storage;
using NanoCard.Os.Store;

namespace NanoCard.Os.Tests.Store;

/// <summary>
/// The device stages a transaction in less RAM than the 8 KB journal region (CardStore's
/// largestWrite, docs/performance.md "Managed heap"): it must still take every write of up to one
/// command's data at any alignment, refuse a bigger one without changing anything, and replay at
/// power-up a journal longer than its own staging (one written by a store with more RAM).
/// </summary>
public class BoundedStagingTests
{
    private const int OneCommand = 4096;
    private readonly RamNvm nvm = CardHarness.NewMemory();

    [Fact]
    public void A_write_of_one_command_goes_in_at_any_alignment_and_a_bigger_one_fails_whole()
    {
        var store = new CardStore(nvm, StoreLayout.Default(), null, OneCommand);
        PersistentBytes body = store.Allocate(2, ObjectKind.AppletData, 20000, 0x00);
        byte[] data = Pattern(OneCommand, 1);
        body.Write(33, data, 0, (short)data.Length);
        Assert.Equal(data, Read(body, 33, data.Length));

        nvm.ResetCounters();
        byte[] bigger = Pattern(OneCommand + 2 * StoreLayout.DefaultPageSize, 2);
        var e = Assert.Throws<TransactionException>(() => body.Write(1000, bigger, 0, (short)bigger.Length));
        Assert.Equal(TransactionException.BufferFull, e.Reason);
        Assert.Equal(0, nvm.TotalPageWrites);
        Assert.Equal(data, Read(body, 33, data.Length));
    }

    [Fact]
    public void A_journal_longer_than_the_staging_is_replayed_whole_at_power_up()
    {
        PersistentBytes body = new CardStore(nvm, StoreLayout.Default()).Allocate(2, ObjectKind.AppletData, 20000, 0x00);
        byte[] image = nvm.Snapshot();
        byte[] data = Pattern(6000, 3);
        int midApplyCuts = 0;
        for (int cut = 1; ; cut++)
        {
            var memory = new RamNvm((byte[])image.Clone(), StoreLayout.DefaultPageSize);
            PersistentBytes target = new CardStore(memory, StoreLayout.Default()).Allocate(2, ObjectKind.AppletData, 20000, 0x00);
            memory.CutPowerAfter(cut, garble: true, seed: cut);
            try
            {
                target.Write(0, data, 0, (short)data.Length);
                break; // the write finished before the cut: every cut point has been tried
            }
            catch (PowerLossException)
            {
            }
            byte[] raw = new byte[data.Length];
            memory.Read(body.Address, raw, 0, raw.Length);
            bool partlyApplied = !raw.SequenceEqual(data) && raw.Take(StoreLayout.DefaultPageSize).SequenceEqual(data.Take(StoreLayout.DefaultPageSize));
            memory.PowerUp();
            // The small store: a few entries of staging, far less than the 6 000-byte journal.
            var small = new CardStore(memory, StoreLayout.Default(), null, 255);
            Assert.True(small.IsHealthy);
            byte[] after = Read(small.Allocate(2, ObjectKind.AppletData, 20000, 0x00), 0, data.Length);
            Assert.True(after.SequenceEqual(data) || after.All(b => b == 0x00), $"cut {cut}: neither the old nor the new bytes");
            if (partlyApplied)
            {
                Assert.Equal(data, after);
                midApplyCuts++;
            }
        }
        Assert.True(midApplyCuts > 0);
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
