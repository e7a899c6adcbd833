using System.Text.Json;
using NanoCard.Flasher.Cards;
using NanoCard.Flasher.Pictures;
using NanoCard.Flasher.Trace;
using NanoCard.Issuance;
using NanoCard.Os;
using NanoCard.Os.Credentials;
using NanoCard.Os.Files;
using NanoCard.Os.Store;
using SkiaSharp;

namespace NanoCard.Flasher.Lab;

/// <summary>
/// What the lab view shows of a simulated card, read from the card itself after each command:
/// the selected AP and EF, the life cycle, every PIN's try counter and verified flag (never a
/// value), the EEPROM map with its owners, and the pages each command wrote. The records go
/// into the JSON trace, so a replay shows the same (docs/labs.md, "The lab view").
/// </summary>
public sealed class CardInspector(SimulatedCard card, WatchedNvm memory)
{
    private string? lastState;

    /// <summary>The EEPROM layout as <c>flasher map --png</c> draws it: regions and objects, with the picture's colours.</summary>
    public object Map()
    {
        StoreLayout layout = card.Store.Layout;
        return new
        {
            size = layout.Size,
            pageSize = layout.PageSize,
            rowBytes = EepromPicture.RowBytes,
            bytesPerPixel = EepromPicture.BytesPerPixel,
            profile = Profiles.Name(card.Profile),
            regions = StoreMap.Regions(layout).Select(r => new { name = r.Name, address = r.Address, size = r.Size, colour = Css(EepromPicture.RegionColour(r.Name)) }),
            objects = StoreDirectory.Objects(card.Store).Where(o => !o.IsTryCounter).Select(o => new
            {
                owner = StoreMap.Owner(o),
                fid = $"{o.Fid:X4}",
                kind = o.KindName,
                address = o.Address,
                size = o.Size,
                colour = Css(EepromPicture.ObjectColour(o.Df)),
            }),
            writes = Enumerable.Range(0, (layout.Size + layout.PageSize - 1) / layout.PageSize).Select(memory.Writes),
        };
    }

    /// <summary>
    /// After a command: the pages it wrote (with their write counts since the tool started), then
    /// the card's state when it differs from the last one recorded (most reads change nothing, and
    /// a long session's trace should not repeat the same state at every command).
    /// </summary>
    public void Record(TraceWriter trace)
    {
        int[] pages = memory.TakeWrittenPages();
        if (pages.Length > 0)
        {
            trace.Record("writes", new { pages, counts = pages.Select(memory.Writes) });
        }
        object state = State();
        string shown = JsonSerializer.Serialize(state);
        if (shown != lastState)
        {
            lastState = shown;
            trace.Record("state", state);
        }
    }

    public object State()
    {
        Applet? selected = card.Runtime.SelectedApplet;
        FileEntry? current = selected?.Df?.Current;
        return new
        {
            ap = selected is null ? null : CardNames.Ap(Aid(selected)),
            ef = current is null ? null : CardNames.Entry(Aid(selected!), current.Fid),
            lifeCycle = LifeCycles.Name(card.Store.LifeCycle),
            pins = Pins(),
        };
    }

    /// <summary>Every PIN once, with each AP and FID it answers under (on gen2 one card PIN serves three APs).</summary>
    private List<object> Pins()
    {
        var seen = new List<(OwnerPin Pin, List<string> Names)>();
        for (int i = 0; i < card.Runtime.Applets.Count; i++)
        {
            Applet applet = card.Runtime.Applets[i];
            DedicatedFile? df = applet.Df;
            for (int e = 0; df is not null && e < df.Count; e++)
            {
                if (df[e] is OwnerPin pin && df.IsVisible(pin))
                {
                    string name = $"{CardNames.Ap(Aid(applet))}: {CardNames.Entry(Aid(applet), pin.Fid)}";
                    int known = seen.FindIndex(s => ReferenceEquals(s.Pin, pin));
                    if (known < 0)
                    {
                        seen.Add((pin, [name]));
                    }
                    else
                    {
                        seen[known].Names.Add(name);
                    }
                }
            }
        }
        return [.. seen.Select(s => (object)new
        {
            name = string.Join(" / ", s.Names),
            tries = (int)s.Pin.TriesRemaining,
            limit = (int)s.Pin.TryLimit,
            verified = s.Pin.IsValidated,
            set = s.Pin.HasValue,
        })];
    }

    private static byte[] Aid(Applet applet)
    {
        byte[] aid = new byte[applet.AidLength];
        applet.GetAid(aid, 0);
        return aid;
    }

    private static string Css(SKColor c) => $"#{c.Red:X2}{c.Green:X2}{c.Blue:X2}";
}
