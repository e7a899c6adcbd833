using System.CommandLine;
using System.Globalization;
using NanoCard.Flasher.Cards;
using NanoCard.Flasher.Pictures;
using NanoCard.Issuance;
using NanoCard.Os.Store;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// <c>flasher map</c>: a card image's EEPROM layout (docs/eeprom-layout.md): the regions, every
/// object with its owner, kind, address and size, and the free space. Page write counts exist
/// only while a card runs (the simulator counts them in memory), so an image on disk has none;
/// <c>flasher demo --map</c> draws a picture with them. A report: the card powers up on a copy
/// of the file, which is never written.
/// </summary>
public static class MapCommand
{
    public static Command Create()
    {
        var card = new Option<string>("--card") { Description = "the card's EEPROM image file", Required = true };
        var png = new Option<string?>("--png") { Description = "also draw the EEPROM as a PNG picture: regions coloured by owner, with sizes" };
        var command = new Command("map", "show a card image's EEPROM layout: regions, objects, free space") { card, png };
        command.SetAction(result => Run(result.GetValue(card)!, Console.Out, result.GetValue(png)));
        return command;
    }

    /// <param name="png">where to draw the picture too; an image on disk has no write counts, so it has no wear shading.</param>
    public static int Run(string path, TextWriter output, string? png = null)
    {
        using CardImage image = CardImage.Open(path, access: ImageAccess.ReadOnly);
        CardStore store = image.Card.Store;
        StoreLayout layout = store.Layout;
        output.WriteLine($"{path}: {Profiles.Name(image.Card.Profile)} card, {layout.Size:N0} bytes in {layout.PageSize}-byte pages, life cycle {store.LifeCycle:X2}, {store.ObjectCount} objects");
        output.WriteLine();
        output.WriteLine("| region | address | bytes |");
        output.WriteLine("|---|---:|---:|");
        foreach (var (name, address, size) in StoreMap.Regions(layout))
        {
            output.WriteLine($"| {name} | 0x{address:X5} | {size:N0} |");
        }
        output.WriteLine();
        output.WriteLine("| owner | object | kind | address | bytes | holds |");
        output.WriteLine("|---|---|---|---:|---:|---|");
        int used = 0;
        IReadOnlyList<InstalledItem> installed = InstalledContent.Read(store);
        foreach (StoreObject o in StoreDirectory.Objects(store))
        {
            if (o.IsTryCounter)
            {
                output.WriteLine($"| {StoreMap.Owner(o, installed)} | {o.Id & 0xFFFF:X4} | try counter (limit {o.Size}) | counter {o.Address} | - | {StoreMap.EntryName(o)} |");
                continue;
            }
            used += o.Size;
            output.WriteLine($"| {StoreMap.Owner(o, installed)} | {o.Id & 0xFFFF:X4} | {o.KindName} | 0x{o.Address:X5} | {o.Size:N0} | {StoreMap.EntryName(o)} |");
        }
        if (installed.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("| installed | AID | owner | bytes used | quota |");
            output.WriteLine("|---|---|---|---:|---|");
            foreach (InstalledItem i in installed)
            {
                string quota = !i.IsDomain ? "" : i.Reserves ? $"{i.Quota:N0} reserved (条例利用 area), {Math.Max(0, i.Quota - i.BytesUsed):N0} left" : $"{i.Quota:N0}";
                output.WriteLine($"| {i.Name} (DF {i.Df:X4}) | {Convert.ToHexString(i.Aid)} | {InstalledContent.OwnerName(installed, i.Owner)} | {i.BytesUsed:N0} | {quota} |");
            }
        }
        FreeSpace space = InstalledContent.Free(store);
        output.WriteLine();
        output.WriteLine($"data area: {used:N0} bytes in objects of {layout.DataSize:N0}; the largest free extent (what one new object can get): {store.FreeBytes:N0} bytes");
        output.WriteLine($"free in all, gaps between objects included: {space.Unused:N0} bytes" + (space.ReservedLeft > 0 ? $", of which {space.ReservedLeft:N0} are reserved for the 条例利用 area's APs" : ""));
        output.WriteLine($"EEPROM: {space.Free:N0} of {layout.Size:N0} bytes free for future APs ({space.Percent.ToString("0.0", CultureInfo.InvariantCulture)}%; the task force asks for 40–50 %)");
        output.WriteLine("writes per page: not known for an image on disk (counted only while a card runs; flasher demo --map draws them)");
        if (png is not null)
        {
            EepromPicture.Save(image.Card, Path.GetFileName(path), pageWrites: null, png);
            output.WriteLine($"picture: {png}");
        }
        return 0;
    }
}
