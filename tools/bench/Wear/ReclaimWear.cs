using System.Globalization;
using NanoCard.Applets;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Bench.Wear;

/// <summary>
/// APs installed and deleted after issuance, at store level, on a gen2 card (default layout):
/// random installs of APs of three sizes (objects made one by one, as an INSTALL makes them) and
/// deletions of random installed ones (all their objects in one transaction, as a DELETE does).
/// Reports the page writes of each, how often an install was refused although enough bytes were
/// free in total (fragmentation), the free space at the end, and what a compacting store would
/// have had to move for the same deletions (a model: objects kept contiguous in install order, so
/// deleting an AP moves every AP installed after it).
/// </summary>
public static class ReclaimWear
{
    /// <summary>An AP's data objects (EFs, keys) by size, and its PINs (a 50-byte value and a try counter each).</summary>
    private sealed record ApShape(string Name, short[] Efs, int Pins)
    {
        public int Bytes => Efs.Sum(size => size) + Pins * PinValueSize;
        public int Objects => Efs.Length + 2 * Pins;
    }

    private const short PinValueSize = 50;

    private static readonly ApShape[] Shapes =
    [
        new("municipality AP", [256, 1000, 1], 1),
        new("licence AP", [512, 2048, 6000, 179], 2),
        new("residence card AP", [12000, 3000, 800, 179], 1),
    ];

    public static void Print(int operations, int seed)
    {
        var nvm = new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize);
        var store = new SimulatedCard(nvm, new HostCrypto(), CardConfig.Desktop(), MynaCard.Gen2).Store;
        int freeAtStart = store.UnusedBytes;
        var random = new Random(seed);
        var installed = new List<(ushort Df, int Bytes)>();
        var installWrites = new List<long>();
        var deleteWrites = new List<long>();
        var compactionMoves = new List<long>();
        int refused = 0;
        int refusedForGaps = 0;
        ushort nextDf = 0x0200;
        nvm.ResetCounters();
        for (int i = 0; i < operations; i++)
        {
            if (installed.Count > 0 && random.Next(2) == 0)
            {
                int victim = random.Next(installed.Count);
                compactionMoves.Add(installed.Skip(victim + 1).Sum(ap => ap.Bytes));
                long before = nvm.TotalPageWrites;
                Delete(store, installed[victim].Df);
                deleteWrites.Add(nvm.TotalPageWrites - before);
                installed.RemoveAt(victim);
                continue;
            }
            var shape = Shapes[random.Next(Shapes.Length)];
            ushort df = nextDf++;
            int bytes = shape.Bytes;
            bool enoughInTotal = store.UnusedBytes >= bytes && store.FreeEntries >= shape.Objects && store.FreeCounters >= shape.Pins;
            long start = nvm.TotalPageWrites;
            if (Install(store, df, shape))
            {
                installWrites.Add(nvm.TotalPageWrites - start);
                installed.Add((df, bytes));
            }
            else
            {
                refused++;
                refusedForGaps += enoughInTotal ? 1 : 0;
                Delete(store, df);
            }
        }

        var pages = nvm.PageWriteCounts();
        var layout = store.Layout;
        Console.WriteLine($"| APs installed and deleted on a gen2 card ({operations:N0} operations, seed {seed}) | figure |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine($"| installs: count, page writes per install (mean / max) | {installWrites.Count:N0}, {installWrites.Average():0.0} / {installWrites.Max():N0} |");
        Console.WriteLine($"| deletions: count, page writes per deletion (mean / max) | {deleteWrites.Count:N0}, {deleteWrites.Average():0.0} / {deleteWrites.Max():N0} |");
        Console.WriteLine($"| installs refused: all / with enough bytes free in total (fragmentation) | {refused:N0} / {refusedForGaps:N0} |");
        Console.WriteLine($"| free at the end: largest gap / all gaps / free before the first install (bytes) | {store.FreeBytes:N0} / {store.UnusedBytes:N0} / {freeAtStart:N0} |");
        Console.WriteLine($"| writes to the most-written page of: the directory / the data area / the journal | {Hottest(pages, layout, layout.DirectoryAddress, layout.JournalAddress):N0} / {Hottest(pages, layout, layout.DataAddress, layout.Size):N0} / {Hottest(pages, layout, layout.JournalAddress, layout.DataAddress):N0} |");
        Console.WriteLine($"| compaction (model): bytes moved per deletion (mean / max) | {compactionMoves.Average():N0} / {compactionMoves.Max():N0} |");
        Console.WriteLine($"| compaction (model): page writes per deletion for the moves alone, at least (mean / max) | {2 * compactionMoves.Average() / layout.PageSize:N0} / {2 * compactionMoves.Max() / layout.PageSize:N0} |");
    }

    private static long Hottest(long[] pages, StoreLayout layout, int start, int end) => pages[(start / layout.PageSize)..(end / layout.PageSize)].Max();

    /// <summary>Makes the AP's objects one by one; false as soon as one does not fit (what it made stays for the caller to delete).</summary>
    private static bool Install(CardStore store, ushort df, ApShape shape)
    {
        try
        {
            uint fid = 0;
            foreach (short size in shape.Efs)
            {
                store.Allocate(((uint)df << 16) | fid++, ObjectKind.TransparentEf, size, 0x00);
            }
            for (int pin = 0; pin < shape.Pins; pin++)
            {
                uint id = ((uint)df << 16) | fid++;
                store.Allocate(id, ObjectKind.PinValue, PinValueSize, 0x00);
                store.AllocateCounter(id, 3);
            }
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Every object of the DF in one transaction, as the card manager's DELETE does.</summary>
    private static void Delete(CardStore store, ushort df) => store.DeleteDf(df);
}
