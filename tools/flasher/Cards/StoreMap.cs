using NanoCard.Issuance;
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

    /// <summary>Who owns an object: its DF, and which key set for a renewable entry.</summary>
    public static string Owner(StoreObject o) => OwnerName(o.Df) + (o.InKeySet1 ? ", key set 1" : "");
}
