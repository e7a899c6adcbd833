using NanoCard.Applets;
using NanoCard.Issuance;
using NanoCard.Os.Description;
using NanoCard.Os.Store;

namespace NanoCard.Flasher.Cards;

/// <summary>One region of the store's layout (docs/eeprom-layout.md).</summary>
public sealed record StoreRegion(string Name, int Address, int Size);

/// <summary>
/// What a store holds and who owns it, read from its layout and directory: shared by the text map
/// and the EEPROM picture so both name regions and owners alike.
/// </summary>
public static class StoreMap
{
    /// <summary>What a gen2 card describes: a superset of gen1's DFs, files, PINs and keys, with the same names.</summary>
    private static readonly ApDescription[] Described = MynaCard.Describe(MynaCard.Gen2);

    /// <summary>The description of DF <paramref name="df"/>, or null for a DF no AP describes.</summary>
    public static ApDescription? Describe(int df) => Described.FirstOrDefault(d => d.DfId == df);

    /// <summary>Who owns DF <paramref name="df"/>, in English (Latin letters: the pictures' font has no kanji).</summary>
    public static string OwnerName(int df) => Describe(df)?.Name ?? $"DF {df:X4}";

    /// <summary>What an object holds: the name its AP's description gives the entry, if any.</summary>
    public static string EntryName(StoreObject o) => Describe(o.Df)?.FindByFid((short)(o.Id & 0xFFFF))?.Name ?? "";

    public static StoreRegion[] Regions(StoreLayout layout) =>
    [
        new("header", layout.HeaderAddress, layout.CommitAddress - layout.HeaderAddress),
        new("commit slots", layout.CommitAddress, layout.CounterAddress - layout.CommitAddress),
        new("try counters", layout.CounterAddress, layout.DirectoryAddress - layout.CounterAddress),
        new("directory", layout.DirectoryAddress, layout.DirectorySize),
        new("journal", layout.JournalAddress, layout.DataAddress - layout.JournalAddress),
        new("data", layout.DataAddress, layout.DataSize),
    ];

    /// <summary>Who owns an object: its DF, and which key set for a renewable entry.</summary>
    public static string Owner(StoreObject o) => OwnerName(o.Df) + (o.InKeySet1 ? ", key set 1" : "");

    /// <summary>As <see cref="Owner(StoreObject)"/>, with installed domains and APs by their names.</summary>
    public static string Owner(StoreObject o, IReadOnlyList<InstalledItem> installed) =>
        installed.FirstOrDefault(i => i.Df == o.Df)?.Name ?? Owner(o);
}
