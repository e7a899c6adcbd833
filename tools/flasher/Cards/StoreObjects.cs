using System.Buffers.Binary;
using NanoCard.Os.Store;

namespace NanoCard.Flasher.Cards;

/// <summary>One directory entry of the store (docs/eeprom-layout.md, "Directory entry"): for a try counter, Size is its limit and Address its counter index.</summary>
public sealed record StoreObject(uint Id, byte Kind, int Size, int Address)
{
    public int Df => (int)(Id >> 16);

    public int Fid => (int)(Id & 0xFFFF);
}

/// <summary>Reads the store's directory, for <c>flasher map</c> and the EEPROM lessons.</summary>
public static class StoreObjects
{
    public static IReadOnlyList<StoreObject> Read(CardStore store)
    {
        byte[] entry = new byte[DirectoryEntry.Length];
        var objects = new List<StoreObject>(store.ObjectCount);
        for (int i = 0; i < store.ObjectCount; i++)
        {
            store.ReadDirectoryEntry(i, entry);
            objects.Add(new StoreObject(
                BinaryPrimitives.ReadUInt32BigEndian(entry.AsSpan(DirectoryEntry.OffsetId)),
                entry[DirectoryEntry.OffsetKind],
                BinaryPrimitives.ReadUInt16BigEndian(entry.AsSpan(DirectoryEntry.OffsetSize)),
                (int)BinaryPrimitives.ReadUInt32BigEndian(entry.AsSpan(DirectoryEntry.OffsetAddress))));
        }
        return objects;
    }

    /// <summary>The object <paramref name="fid"/> of the DF <paramref name="df"/> of a kind other than try counter (a PIN has both).</summary>
    public static StoreObject Find(CardStore store, int df, int fid)
        => Read(store).Single(o => o.Df == df && o.Fid == fid && o.Kind != ObjectKind.TryCounter);
}
