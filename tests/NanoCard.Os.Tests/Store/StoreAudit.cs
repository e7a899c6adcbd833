using System.Buffers.Binary;
using NanoCard.Os.Store;

namespace NanoCard.Os.Tests.Store;

/// <summary>
/// The store's space accounts recomputed from its directory entries alone, and checked against
/// what the store reports: data objects inside the data area and never overlapping, each counter
/// index used once, used + unused = the data area, and the free figure the largest gap.
/// </summary>
public static class StoreAudit
{
    public static void Check(CardStore store, string where = "")
    {
        var layout = store.Layout;
        var entry = new byte[DirectoryEntry.Length];
        var data = new List<(int Address, int Size)>();
        var counters = new HashSet<int>();
        for (int i = 0; i < store.ObjectCount; i++)
        {
            store.ReadDirectoryEntry(i, entry);
            Assert.True(DirectoryEntry.IsSound(entry, 0), $"{where}: entry {i} is not sound");
            int size = BinaryPrimitives.ReadUInt16BigEndian(entry.AsSpan(DirectoryEntry.OffsetSize));
            int address = BinaryPrimitives.ReadInt32BigEndian(entry.AsSpan(DirectoryEntry.OffsetAddress));
            if (entry[DirectoryEntry.OffsetKind] == ObjectKind.TryCounter)
            {
                Assert.True(counters.Add(address), $"{where}: counter index {address} used twice");
                continue;
            }
            data.Add((address, size));
        }
        data.Sort();
        int end = layout.DataAddress;
        int used = 0;
        int largest = 0;
        foreach (var (address, size) in data)
        {
            Assert.True(address >= end, $"{where}: object at {address:X} overlaps the one before it");
            largest = Math.Max(largest, address - end);
            end = address + size;
            used += size;
        }
        Assert.True(end <= layout.Size, $"{where}: an object runs past the memory");
        largest = Math.Max(largest, layout.Size - end);
        Assert.Equal(used, store.UsedBytes);
        Assert.Equal(layout.DataSize, store.UsedBytes + store.UnusedBytes);
        Assert.Equal(largest, store.FreeBytes);
        Assert.Equal(layout.CounterCapacity - counters.Count, store.FreeCounters);
        Assert.Equal(layout.DirectoryEntries - store.ObjectCount, store.FreeEntries);
    }
}
