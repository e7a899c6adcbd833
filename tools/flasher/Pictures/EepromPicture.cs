using System.Globalization;
using NanoCard.Applets.CardManager;
using NanoCard.Applets.CommonCard;
using NanoCard.Applets.Jpki;
using NanoCard.Applets.Juki;
using NanoCard.Applets.Shared;
using NanoCard.Applets.Text;
using NanoCard.Applets.Visual;
using NanoCard.Flasher.Cards;
using NanoCard.Issuance;
using NanoCard.Os.Store;
using SkiaSharp;

namespace NanoCard.Flasher.Pictures;

/// <summary>
/// The EEPROM as a picture: one pixel per 4 bytes, 4 KiB per row, each byte coloured by what owns
/// it (the store's own records, the try counters, the journal, each AP's objects, free space), a
/// legend with each owner's bytes, and, when the page writes are known (a card that ran in this
/// process), each page darkened by how often it was written.
/// </summary>
public static class EepromPicture
{
    public const int BytesPerPixel = 4;
    public const int RowBytes = 4096;
    public const int RowHeight = 12;
    public const int Left = 72;
    public const int Top = 48;
    private const int RowPixels = RowBytes / BytesPerPixel;
    private const int Width = Left + RowPixels + 16;

    public static readonly SKColor Background = SKColors.White;
    public static readonly SKColor Store = new(120, 120, 120);
    public static readonly SKColor Counters = new(240, 150, 30);
    public static readonly SKColor Journal = new(150, 80, 190);
    public static readonly SKColor Free = new(225, 240, 225);

    /// <summary>One colour per AP (and the card manager, the gen2 credentials), DF ids as StoreMap names them.</summary>
    public static readonly IReadOnlyDictionary<int, SKColor> OwnerColours = new Dictionary<int, SKColor>
    {
        [CardCredentials.DfId] = new(230, 90, 140), [JpkiAp.DfId] = new(40, 100, 200), [TextAp.DfId] = new(30, 170, 170), [VisualAp.DfId] = new(60, 160, 60),
        [JukiAp.DfId] = new(200, 60, 50), [CommonAp.DfId] = new(190, 170, 40), [CardManagerApplet.DfId] = new(120, 80, 40),
    };

    private static readonly SKColor Other = new(60, 60, 60);

    /// <summary>Installed domains and APs (docs/apdu-spec.md §11.2), told apart by a shade each, in the order the store holds them.</summary>
    private static readonly SKColor[] InstalledColours = [new(20, 40, 120), new(230, 120, 180), new(110, 60, 160), new(0, 120, 90), new(170, 110, 20), new(90, 90, 90)];

    /// <summary>A region's colour (StoreMap.Regions names them): the store's own records share one; the data area is free until objects cover it.</summary>
    public static SKColor RegionColour(string region) => region switch
    {
        "try counters" => Counters,
        "journal" => Journal,
        "data" => Free,
        _ => Store,
    };

    /// <summary>An object's colour: its owner's.</summary>
    public static SKColor ObjectColour(int df) => OwnerColours.GetValueOrDefault(df, Other);

    private static string RegionLegend(string region) => region switch
    {
        "try counters" or "journal" => region,
        "data" => "free (and alignment gaps)",
        _ => "store: header, commit slots, directory",
    };

    /// <summary>The centre of the pixel that shows <paramref name="address"/>.</summary>
    public static SKPointI PixelOf(int address)
        => new(Left + address % RowBytes / BytesPerPixel, Top + address / RowBytes * RowHeight + RowHeight / 2);

    public static void Save(SimulatedCard card, string label, long[]? pageWrites, string path)
    {
        using SKBitmap bitmap = Render(card, label, pageWrites);
        Drawing.SavePng(bitmap, path);
    }

    public static SKBitmap Render(SimulatedCard card, string label, long[]? pageWrites)
    {
        CardStore store = card.Store;
        StoreLayout layout = store.Layout;
        var owners = new List<(string Name, SKColor Colour, int Bytes)>();
        var colourOf = new int[layout.Size];
        void Paint(int address, int size, string name, SKColor colour)
        {
            int index = owners.FindIndex(o => o.Name == name);
            if (index < 0)
            {
                owners.Add((name, colour, 0));
                index = owners.Count - 1;
            }
            owners[index] = owners[index] with { Bytes = owners[index].Bytes + size };
            Array.Fill(colourOf, index, address, size);
        }

        StoreRegion[] regions = StoreMap.Regions(layout);
        foreach (StoreRegion region in regions)
        {
            Paint(region.Address, region.Size, RegionLegend(region.Name), RegionColour(region.Name));
        }
        int freeIndex = owners.FindIndex(o => o.Colour == Free);
        IReadOnlyList<InstalledItem> installed = InstalledContent.Read(store);
        foreach (StoreObject o in StoreDirectory.Objects(store).Where(o => !o.IsTryCounter))
        {
            owners[freeIndex] = owners[freeIndex] with { Bytes = owners[freeIndex].Bytes - o.Size };
            int item = installed.ToList().FindIndex(i => i.Df == o.Df);
            Paint(o.Address, o.Size, item < 0 ? StoreMap.OwnerName(o.Df) : Installed(installed, installed[item]),
                item < 0 ? ObjectColour(o.Df) : InstalledColours[item % InstalledColours.Length]);
        }

        int rows = (layout.Size + RowBytes - 1) / RowBytes;
        int legendTop = Top + rows * RowHeight + 20;
        int height = legendTop + (owners.Count + 1) / 2 * 20 + 64;
        var bitmap = new SKBitmap(Width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(Background);
        Drawing.Text(canvas, $"{label}: {Profiles.Name(card.Profile)} card, {layout.Size:N0} bytes in {layout.PageSize}-byte pages, life cycle {store.LifeCycle:X2}, {store.ObjectCount} objects", 8, 22, 15, SKColors.Black);
        Drawing.Text(canvas, $"one pixel = {BytesPerPixel} bytes, one row = {RowBytes:N0} bytes ({RowBytes / layout.PageSize} pages)", 8, 40, 11, SKColors.DimGray);

        long most = pageWrites?.Max() ?? 0;
        for (int address = 0; address < layout.Size; address += BytesPerPixel)
        {
            SKColor colour = owners[colourOf[address]].Colour;
            if (most > 0)
            {
                colour = Worn(colour, pageWrites![address / layout.PageSize], most);
            }
            SKPointI at = PixelOf(address);
            for (int y = at.Y - RowHeight / 2; y < at.Y + RowHeight / 2 - 2; y++)
            {
                bitmap.SetPixel(at.X, y, colour);
            }
        }
        for (int row = 0; row < rows; row++)
        {
            Drawing.Text(canvas, $"0x{row * RowBytes:X5}", 6, Top + row * RowHeight + 9, 9, SKColors.DimGray);
        }

        using var swatch = new SKPaint { Style = SKPaintStyle.Fill };
        using var edge = new SKPaint { Style = SKPaintStyle.Stroke, Color = SKColors.Gray };
        for (int i = 0; i < owners.Count; i++)
        {
            float x = 8 + i % 2 * 520, y = legendTop + i / 2 * 20;
            swatch.Color = owners[i].Colour;
            canvas.DrawRect(x, y, 14, 14, swatch);
            canvas.DrawRect(x, y, 14, 14, edge);
            Drawing.Text(canvas, $"{owners[i].Name}: {owners[i].Bytes:N0} bytes", x + 22, y + 12, 12, SKColors.Black);
        }
        float wearTop = legendTop + (owners.Count + 1) / 2 * 20 + 12;
        FreeSpace space = InstalledContent.Free(store);
        string reserved = space.ReservedLeft > 0 ? $", less {space.ReservedLeft:N0} the city domain's 条例利用 area still holds for its APs".Replace("条例利用", "jorei-riyo", StringComparison.Ordinal) : "";
        Drawing.Text(canvas, $"free for future APs: {space.Free:N0} bytes, {space.Percent.ToString("0.0", CultureInfo.InvariantCulture)}% of the EEPROM (every free byte{reserved}); the largest free extent: {store.FreeBytes:N0} bytes", 8, wearTop, 12, SKColors.Black);
        Drawing.Text(canvas, most > 0
            ? $"writes per page: darker = more (log scale), up to {most:N0} on one page, {pageWrites!.Sum():N0} in all, counted since the memory was blank"
            : "writes per page: not known (counted only while a card runs in flasher; flasher demo --map draws them), so no shading",
            8, wearTop + 20, 12, SKColors.Black);
        return bitmap;
    }

    /// <summary>An installed item's legend name: its name, owner and (a domain) quota, in Latin letters.</summary>
    private static string Installed(IReadOnlyList<InstalledItem> all, InstalledItem i) => i.IsDomain
        ? $"{i.Name}: quota {i.Quota:N0}{(i.Reserves ? " reserved (jorei-riyo area)" : "")}, APs {i.BytesUsed:N0}"
        : $"{i.Name} of the {InstalledContent.OwnerName(all, i.Owner)}";

    /// <summary>Darkens a page's colour by its write count on a log scale, so a few hot journal pages do not wash out the rest.</summary>
    private static SKColor Worn(SKColor colour, long writes, long most)
    {
        double shade = 0.7 * Math.Log(1 + writes) / Math.Log(1 + most);
        byte Dim(byte c) => (byte)Math.Round(c * (1 - shade));
        return new SKColor(Dim(colour.Red), Dim(colour.Green), Dim(colour.Blue));
    }
}
