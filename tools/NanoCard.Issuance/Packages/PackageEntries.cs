using System.Text.Json;
using NanoCard.Issuance.Content;

namespace NanoCard.Issuance.Packages;

/// <summary>Entries of a package's description, built in code the way the JSON file spells them (docs/apdu-spec.md §11.2).</summary>
internal static class PackageEntries
{
    public static JsonElement Always => JsonSerializer.SerializeToElement("always");

    public static JsonElement Pins(params int[] fids) => JsonSerializer.SerializeToElement(fids.Select(f => f.ToString("X4")).ToArray());

    public static string Fid(int fid) => fid.ToString("X4");

    /// <summary>A 4-digit PIN with three tries, as both of the licence's are.</summary>
    public static ApEntryFile Pin(int fid, int sfi, string value) =>
        new("pin", Fid(fid), sfi, Format: new PinFormatFile(4, 4, "digits"), Tries: new TriesFile(3, 3), Value: value, TryLimit: 3);

    /// <summary>A transparent EF sized to its content: an installed AP is made when its data is known.</summary>
    public static ApEntryFile Data(int fid, int sfi, byte[] content, JsonElement read) =>
        new("transparent", Fid(fid), sfi, content.Length, Read: read, Content: Convert.ToHexString(content));
}
