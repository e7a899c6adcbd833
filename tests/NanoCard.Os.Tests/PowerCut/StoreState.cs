using System.Buffers.Binary;
using System.Text;
using NanoCard.Hal.Host.Storage;
using NanoCard.Os.Store;
using NanoCard.Os.Tests.Store;

namespace NanoCard.Os.Tests.PowerCut;

/// <summary>
/// What a store holds, as the store's user sees it: every object by id and kind with its bytes (a
/// try counter with its limit and tries left), and the free-space figures. Addresses are left out
/// on purpose: a state is about what exists, so "all old or all new" compares objects, not where
/// they lie. Two stores in the same state print the same text.
/// </summary>
public static class StoreState
{
    public static string Of(CardStore store)
    {
        var entry = new byte[DirectoryEntry.Length];
        var objects = new List<string>();
        for (int i = 0; i < store.ObjectCount; i++)
        {
            store.ReadDirectoryEntry(i, entry);
            uint id = BinaryPrimitives.ReadUInt32BigEndian(entry);
            byte kind = entry[DirectoryEntry.OffsetKind];
            int size = BinaryPrimitives.ReadUInt16BigEndian(entry.AsSpan(DirectoryEntry.OffsetSize));
            if (kind == ObjectKind.TryCounter)
            {
                objects.Add($"{id:X8}/{kind:X2} limit {size} tries {store.AllocateCounter(id, (byte)size).TriesRemaining}");
                continue;
            }
            var body = new byte[size];
            store.Allocate(id, kind, (short)size, 0x00).Read(0, body, 0, (short)size);
            objects.Add($"{id:X8}/{kind:X2} {Convert.ToHexString(body)}");
        }
        objects.Sort(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var line in objects) text.AppendLine(line);
        text.Append($"used {store.UsedBytes} unused {store.UnusedBytes} largest {store.FreeBytes} entries {store.FreeEntries} counters {store.FreeCounters}");
        return text.ToString();
    }

    /// <summary>
    /// Powers up after a cut. If recovery writes, each of its writes is cut in turn (left old and
    /// garbled) before the clean power-up: recovery must end in the same state whenever it is cut.
    /// Every power-up must pass the store's checks and the audit of its space accounts.
    /// </summary>
    public static CardStore PowerUpThroughCuts(RamNvm nvm, string where)
    {
        var layout = StoreLayout.WithSize(nvm.Size, nvm.PageSize);
        nvm.PowerUp();
        var image = nvm.Snapshot();
        var probe = new RamNvm(image, nvm.PageSize);
        var first = new CardStore(probe, layout);
        Assert.True(first.IsHealthy, $"{where}: store health {first.Health:X2} after power-up");
        long recoveryWrites = probe.TotalPageWrites;
        string recovered = Of(first);
        for (long j = 1; j <= recoveryWrites; j++)
        {
            foreach (bool garble in new[] { false, true })
            {
                var again = new RamNvm(image, nvm.PageSize);
                again.CutPowerAfter(j, garble, seed: (int)j + 7);
                try { _ = new CardStore(again, layout); } catch (PowerLossException) { }
                again.PowerUp();
                var store = new CardStore(again, layout);
                Assert.True(store.IsHealthy, $"{where}: recovery cut at its write {j}: health {store.Health:X2}");
                Assert.True(Of(store) == recovered, $"{where}: recovery cut at its write {j} ends elsewhere");
            }
        }
        var card = new CardStore(nvm, layout);
        StoreAudit.Check(card, where);
        return card;
    }
}
