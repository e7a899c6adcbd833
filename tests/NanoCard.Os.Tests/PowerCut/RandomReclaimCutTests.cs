using System.Buffers.Binary;
using NanoCard.Hal.Host.Storage;
using NanoCard.Os.Store;
using NanoCard.Os.Tests.Store;

namespace NanoCard.Os.Tests.PowerCut;

/// <summary>
/// The randomized campaign for reclamation, at store level: random allocations of mixed sizes and
/// kinds (into the end or into gaps), deletions of one id or of a whole DF, several with a write
/// in one transaction, writes and counter changes, on a store whose end is filled first. The
/// oracle for each operation is the same operation without a cut on a copy of the memory, which
/// also counts its page writes: two operations in three are cut at one of them, chosen at random.
/// After a cut and power-up the store must hold exactly the state before or after the operation,
/// and pass its checks and its space audit. CI runs the fixed seeds; NANOCARD_CUT_SEEDS=n adds n
/// more seeds (printed when one fails).
/// </summary>
public class RandomReclaimCutTests
{
    private const int Steps = 250;
    private const int Dfs = 6;
    private static readonly StoreLayout Layout = ReclaimTests.Small;
    private static readonly byte[] DataKinds = [ObjectKind.TransparentEf, ObjectKind.RecordEf, ObjectKind.PinValue, ObjectKind.Key, ObjectKind.AppletData];

    public static TheoryData<int> Seeds() => CutSeeds.Of(1, 2, 3, 4);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_deletions_and_allocations_cut_at_random_writes_keep_every_object_whole_and_every_byte_accounted(int seed)
    {
        var random = new Random(seed);
        var nvm = new RamNvm(Layout.Size, Layout.PageSize);
        var store = new CardStore(nvm, Layout);
        uint nextId = 1;
        // The end is filled first, so that allocations soon have to go into the gaps deletions leave.
        while (Completes(s => s.Allocate(NewId(ref nextId), ObjectKind.TransparentEf, (short)(500 + random.Next(3000)), 0x5A), store))
        {
        }
        int cuts = 0;
        int reused = 0;
        for (int step = 0; step < Steps; step++)
        {
            var (name, operation) = NextOperation(random, store, ref nextId);
            string where = $"seed {seed} step {step}: {name}";
            string before = StoreState.Of(store);

            var copy = new RamNvm(nvm.Snapshot(), nvm.PageSize);
            var twin = new CardStore(copy, Layout);
            int endBefore = DataEnd(twin);
            copy.ResetCounters();
            bool refused = !Completes(operation, twin);
            long writes = copy.TotalPageWrites;
            string after = StoreState.Of(twin);
            if (!refused && DataEnd(twin) <= endBefore && twin.UsedBytes > store.UsedBytes) reused++;

            if (writes > 0 && random.Next(3) > 0)
            {
                nvm.CutPowerAfter(1 + random.Next((int)writes), garble: random.Next(2) == 1, seed: random.Next());
            }
            try
            {
                Assert.Equal(!refused, Completes(operation, store));
                nvm.Disarm();
                Assert.True(StoreState.Of(store) == after, $"{where}: differs from its twin");
                StoreAudit.Check(store, where);
            }
            catch (PowerLossException)
            {
                cuts++;
                store = StoreState.PowerUpThroughCuts(nvm, where);
                string now = StoreState.Of(store);
                Assert.True(now == before || now == after, $"{where}: neither the state before nor the one after\n{now}");
            }
        }
        Assert.True(cuts > 0, $"seed {seed}: no cut struck");
        Assert.True(reused > 0, $"seed {seed}: no allocation went into a gap");
    }

    /// <summary>Runs an operation; false when the store refused it (full), which must change nothing.</summary>
    private static bool Completes(Action<CardStore> operation, CardStore store)
    {
        try
        {
            operation(store);
            return true;
        }
        catch (InvalidOperationException) when (!store.InTransaction)
        {
            return false;
        }
    }

    /// <summary>An operation whose every choice is made now, so the twin and the card run the same one.</summary>
    private static (string, Action<CardStore>) NextOperation(Random random, CardStore store, ref uint nextId)
    {
        var objects = Objects(store);
        var data = objects.Where(o => o.Kind != ObjectKind.TryCounter).ToList();
        int choice = objects.Count == 0 ? 0 : random.Next(10);
        switch (choice)
        {
            case < 5:
                {
                    uint id = NewId(ref nextId);
                    byte kind = DataKinds[random.Next(DataKinds.Length)];
                    short size = (short)(random.Next(3) switch { 0 => 1 + random.Next(64), 1 => 65 + random.Next(1000), _ => 1000 + random.Next(5000) });
                    byte filler = (byte)random.Next(256);
                    return ($"allocate {id} ({size} bytes)", s => s.Allocate(id, kind, size, filler));
                }
            case 5:
                {
                    uint id = NewId(ref nextId);
                    byte limit = (byte)(1 + random.Next(15));
                    return ($"allocate counter {id}", s => s.AllocateCounter(id, limit));
                }
            case 6 when random.Next(8) == 0:
                {
                    ushort df = (ushort)random.Next(Dfs);
                    return ($"delete DF {df}", s => s.DeleteDf(df));
                }
            case 6:
                {
                    uint id = objects[random.Next(objects.Count)].Id;
                    return ($"delete {id}", s => s.Delete(id));
                }
            case 7 when data.Count > 0:
                {
                    var target = data[random.Next(data.Count)];
                    var victims = Enumerable.Range(0, 1 + random.Next(2)).Select(_ => objects[random.Next(objects.Count)].Id).Distinct().ToArray();
                    var bytes = RandomBytes(random, target.Size);
                    int offset = random.Next(target.Size - bytes.Length + 1);
                    return ($"write {target.Id} and delete {string.Join(",", victims)} in one transaction", s =>
                    {
                        var handle = s.Allocate(target.Id, target.Kind, (short)target.Size, 0x00);
                        s.BeginTransaction();
                        handle.Write((short)offset, bytes, 0, (short)bytes.Length);
                        foreach (uint victim in victims) s.Delete(victim);
                        s.CommitTransaction();
                    }
                    );
                }
            case 8 when data.Count > 0:
                {
                    var target = data[random.Next(data.Count)];
                    var bytes = RandomBytes(random, target.Size);
                    int offset = random.Next(target.Size - bytes.Length + 1);
                    return ($"write {bytes.Length} bytes into {target.Id}", s => s.Allocate(target.Id, target.Kind, (short)target.Size, 0x00).Write((short)offset, bytes, 0, (short)bytes.Length));
                }
            default:
                {
                    var counters = objects.Where(o => o.Kind == ObjectKind.TryCounter).ToList();
                    if (counters.Count == 0) return ("nothing", _ => { });
                    var counter = counters[random.Next(counters.Count)];
                    return ($"decrement counter {counter.Id}", s => s.AllocateCounter(counter.Id, (byte)counter.Size).Decrement());
                }
        }
    }

    /// <summary>Ids spread over a few DFs, so that deleting a DF takes several objects.</summary>
    private static uint NewId(ref uint nextId)
    {
        uint n = nextId++;
        return ((n % Dfs) << 16) | n;
    }

    private static byte[] RandomBytes(Random random, int objectSize)
    {
        var bytes = new byte[1 + random.Next(Math.Min(objectSize, 300))];
        random.NextBytes(bytes);
        return bytes;
    }

    private static List<(uint Id, byte Kind, int Size, int Address)> Objects(CardStore store)
    {
        var entry = new byte[DirectoryEntry.Length];
        var objects = new List<(uint, byte, int, int)>();
        for (int i = 0; i < store.ObjectCount; i++)
        {
            store.ReadDirectoryEntry(i, entry);
            objects.Add((BinaryPrimitives.ReadUInt32BigEndian(entry), entry[DirectoryEntry.OffsetKind],
                BinaryPrimitives.ReadUInt16BigEndian(entry.AsSpan(DirectoryEntry.OffsetSize)), BinaryPrimitives.ReadInt32BigEndian(entry.AsSpan(DirectoryEntry.OffsetAddress))));
        }
        return objects;
    }

    /// <summary>First byte after the data object with the highest address: an allocation that does not move it went into a gap.</summary>
    private static int DataEnd(CardStore store) =>
        Objects(store).Where(o => o.Kind != ObjectKind.TryCounter).Select(o => o.Address + o.Size).DefaultIfEmpty(store.Layout.DataAddress).Max();
}
