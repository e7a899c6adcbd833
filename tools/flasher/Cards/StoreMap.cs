using System.Buffers.Binary;
using NanoCard.Os.Store;

namespace NanoCard.Flasher.Cards;

/// <summary>One region of the store's layout (docs/eeprom-layout.md).</summary>
public sealed record StoreRegion(string Name, int Address, int Size);

/// <summary>One directory entry: owner, object id, kind, and where its body lies (for a try counter: its index and limit).</summary>
public sealed record StoreObject(uint Id, byte Kind, int Address, int Size)
{
    public bool IsTryCounter => Kind == ObjectKind.TryCounter;

    /// <summary>The owning DF's id, without the key-set-1 bit (DedicatedFile): both key sets belong to one AP.</summary>
    public int Df => (int)(Id >> 16) & 0x7FFF;

    /// <summary>The object's FID in its DF (FFFF: the DF's own data, which ISO reserves).</summary>
    public int Fid => (int)(Id & 0xFFFF);

    public string Owner => StoreMap.OwnerName(Df) + ((Id >> 16 & 0x8000) != 0 ? ", key set 1" : "");

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

/// <summary>
/// What a store holds and who owns it, read from its layout and directory: shared by the text map
/// and the EEPROM picture so both name regions and owners alike.
/// </summary>
public static class StoreMap
{
    /// <summary>
    /// The DF ids of docs/apdu-spec.md §8 and §13 and who they belong to, with a name in Latin
    /// letters for pictures (their font has no kanji).
    /// </summary>
    private static readonly Dictionary<int, (string Name, string Latin)> Owners = new()
    {
        [0x0001] = ("card credentials (gen2)", "card credentials (gen2)"), [0x0010] = ("JPKI AP", "JPKI AP"), [0x0020] = ("text AP", "text AP"),
        [0x0030] = ("visual AP", "visual AP"), [0x0040] = ("住基 AP", "Juki AP"), [0x0050] = ("common AP", "common AP"), [0x00F0] = ("card manager", "card manager"),
    };

    public static string OwnerName(int df, bool latin = false)
        => Owners.TryGetValue(df, out var owner) ? (latin ? owner.Latin : owner.Name) : $"DF {df:X4}";

    public static StoreRegion[] Regions(StoreLayout layout) =>
    [
        new("header", layout.HeaderAddress, layout.CommitAddress - layout.HeaderAddress),
        new("commit slots", layout.CommitAddress, layout.CounterAddress - layout.CommitAddress),
        new("try counters", layout.CounterAddress, layout.DirectoryAddress - layout.CounterAddress),
        new("directory", layout.DirectoryAddress, layout.DirectorySize),
        new("journal", layout.JournalAddress, layout.DataAddress - layout.JournalAddress),
        new("data", layout.DataAddress, layout.DataSize),
    ];

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
