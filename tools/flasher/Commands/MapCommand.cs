using System.CommandLine;
using System.Globalization;
using NanoCard.Flasher.Cards;
using NanoCard.Os.Store;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// <c>flasher map</c>: a card image's EEPROM layout (docs/eeprom-layout.md): the regions, every
/// object with its owner, kind, address and size, and the free space. Page write counts exist
/// only while a card runs (the simulator counts them in memory), so an image on disk has none.
/// </summary>
public static class MapCommand
{
    private static readonly Dictionary<int, string> Owners = new()
    {
        [0x0001] = "card credentials (gen2)", [0x0010] = "JPKI AP", [0x0020] = "text AP", [0x0030] = "visual AP", [0x0040] = "住基 AP",
        [0x0050] = "common AP", [0x00F0] = "card manager",
    };

    /// <summary>The owner of a store object: its DF; key set 1 of a renewable entry has the DF id's top bit set (DedicatedFile).</summary>
    internal static string Owner(uint id)
    {
        int df = (int)(id >> 16);
        string owner = Owners.GetValueOrDefault(df & 0x7FFF, $"DF {df & 0x7FFF:X4}");
        return (df & 0x8000) != 0 ? owner + ", key set 1" : owner;
    }

    public static Command Create()
    {
        var card = new Option<string>("--card") { Description = "the card's EEPROM image file", Required = true };
        var command = new Command("map", "show a card image's EEPROM layout: regions, objects, free space") { card };
        command.SetAction(result => Run(result.GetValue(card)!, Console.Out));
        return command;
    }

    public static int Run(string path, TextWriter output)
    {
        if (!File.Exists(path))
        {
            throw new UserError($"card image '{path}' not found");
        }
        using CardImage image = CardImage.Open(path);
        CardStore store = image.Card.Store;
        StoreLayout layout = store.Layout;
        output.WriteLine($"{path}: {Profiles.Name(image.Card.Profile)} card, {layout.Size:N0} bytes in {layout.PageSize}-byte pages, life cycle {store.LifeCycle:X2}, {store.ObjectCount} objects");
        output.WriteLine();
        output.WriteLine("| region | address | bytes |");
        output.WriteLine("|---|---:|---:|");
        foreach (var (name, address, size) in Regions(layout))
        {
            output.WriteLine($"| {name} | 0x{address:X5} | {size:N0} |");
        }
        output.WriteLine();
        output.WriteLine("| owner | object | kind | address | bytes |");
        output.WriteLine("|---|---|---|---:|---:|");
        int used = 0;
        foreach (StoreObject o in StoreObjects.Read(store))
        {
            string owner = Owner(o.Id);
            if (o.Kind == ObjectKind.TryCounter)
            {
                output.WriteLine($"| {owner} | {o.Fid:X4} | try counter (limit {o.Size}) | counter {o.Address} | - |");
                continue;
            }
            used += o.Size;
            output.WriteLine($"| {owner} | {o.Fid:X4} | {KindName(o.Kind)} | 0x{o.Address:X5} | {o.Size:N0} |");
        }
        double free = 100.0 * store.FreeBytes / layout.DataSize;
        output.WriteLine();
        output.WriteLine($"data area: {used:N0} bytes in objects, {store.FreeBytes:N0} bytes free ({free.ToString("0.0", CultureInfo.InvariantCulture)}% of {layout.DataSize:N0})");
        double ofAll = 100.0 * store.FreeBytes / layout.Size;
        output.WriteLine($"EEPROM: {store.FreeBytes:N0} of {layout.Size:N0} bytes free ({ofAll.ToString("0.0", CultureInfo.InvariantCulture)}%; the next-generation card asks for 40–50 %)");
        output.WriteLine("writes per page: not known for an image on disk (counted only while a card runs)");
        return 0;
    }

    /// <summary>The regions of the store, in address order (docs/eeprom-layout.md, "Regions").</summary>
    internal static (string Name, int Address, int Size)[] Regions(StoreLayout layout) =>
    [
        ("header", layout.HeaderAddress, layout.CommitAddress - layout.HeaderAddress),
        ("commit slots", layout.CommitAddress, layout.CounterAddress - layout.CommitAddress),
        ("try counters", layout.CounterAddress, layout.DirectoryAddress - layout.CounterAddress),
        ("directory", layout.DirectoryAddress, layout.DirectorySize),
        ("journal", layout.JournalAddress, layout.DataAddress - layout.JournalAddress),
        ("data", layout.DataAddress, layout.DataSize),
    ];

    internal static string KindName(byte kind) => kind switch
    {
        ObjectKind.TransparentEf => "transparent EF",
        ObjectKind.RecordEf => "record EF",
        ObjectKind.PinValue => "PIN value",
        ObjectKind.Key => "key",
        ObjectKind.AppletData => "applet data",
        _ => $"kind {kind:X2}",
    };
}
