using System.Buffers.Binary;
using NanoCard.Os.Store;

namespace NanoCard.Issuance;

/// <summary>One directory entry (docs/eeprom-layout.md, "Directory entry"): for a try counter, Address is its counter index and Size its limit.</summary>
public sealed record StoreObject(uint Id, byte Kind, int Address, int Size)
{
    public bool IsTryCounter => Kind == ObjectKind.TryCounter;

    /// <summary>The owning DF's id, without the key-set-1 bit (DedicatedFile): both key sets belong to one AP.</summary>
    public int Df => InKeySet1 ? (int)(Id >> 16) & 0x7FFF : (int)(Id >> 16);

    /// <summary>
    /// True for key set 1's copy of a renewable entry: the DF id's top bit on a built-in AP's DF
    /// (below 1000). Installed domains' DF ids (E000–EFFF) have that bit of their own.
    /// </summary>
    public bool InKeySet1 => (Id & 0x80000000) != 0 && ((Id >> 16) & 0x7FFF) < 0x1000;

    /// <summary>The object's FID in its DF (FFFF: the DF's own data, which ISO reserves).</summary>
    public int Fid => (int)(Id & 0xFFFF);

    public string KindName => Kind switch
    {
        ObjectKind.TransparentEf => "transparent EF",
        ObjectKind.RecordEf => "record EF",
        ObjectKind.PinValue => "PIN value",
        ObjectKind.Key => "key",
        ObjectKind.AppletData => "applet data",
        _ => $"kind {Kind:X2}",
    };
}

/// <summary>Reads a store's object directory on the host: for the EEPROM map and pictures, the lessons, and the secret scans.</summary>
public static class StoreDirectory
{
    public static List<StoreObject> Objects(CardStore store)
    {
        var objects = new List<StoreObject>(store.ObjectCount);
        byte[] entry = new byte[DirectoryEntry.Length];
        for (int i = 0; i < store.ObjectCount; i++)
        {
            store.ReadDirectoryEntry(i, entry);
            objects.Add(new StoreObject(
                BinaryPrimitives.ReadUInt32BigEndian(entry.AsSpan(DirectoryEntry.OffsetId)),
                entry[DirectoryEntry.OffsetKind],
                (int)BinaryPrimitives.ReadUInt32BigEndian(entry.AsSpan(DirectoryEntry.OffsetAddress)),
                BinaryPrimitives.ReadUInt16BigEndian(entry.AsSpan(DirectoryEntry.OffsetSize))));
        }
        return objects;
    }

    /// <summary>The object <paramref name="fid"/> of key set 0 of the DF <paramref name="df"/>, of a kind other than try counter (a PIN has both).</summary>
    public static StoreObject Find(CardStore store, int df, int fid)
        => Objects(store).Single(o => o.Id == (uint)((df << 16) | fid) && !o.IsTryCounter);
}
