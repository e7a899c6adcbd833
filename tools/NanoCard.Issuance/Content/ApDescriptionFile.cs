using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using NanoCard.Os.Credentials;
using NanoCard.Os.Description;

namespace NanoCard.Issuance.Content;

/// <summary>
/// An AP described by data, as a JSON file for <c>flasher ap install</c> (docs/apdu-spec.md
/// §11.2, "AP description file"): the AID, the DF id and the entries, each with what the card
/// needs to build it and, optionally, what personalization puts in it (EF content, records, a
/// PIN's value and try limit, a key's curve). Hex strings for bytes, FIDs and the DF id.
/// </summary>
public sealed record ApDescriptionFile(string Aid, string DfId, IReadOnlyList<ApEntryFile> Entries)
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads and checks the file; <see cref="InvalidDataException"/> says in one line what is wrong.</summary>
    public static ApDescriptionFile Load(string path)
    {
        ApDescriptionFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ApDescriptionFile>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not an AP description ({e.Message})");
        }
        if (file is null || file.Aid is null || file.DfId is null || file.Entries is null || file.Entries.Count == 0)
        {
            throw new InvalidDataException($"{path}: an AP description needs aid, dfId and at least one entry");
        }
        return file;
    }

    public byte[] AidBytes => Hex(Aid, "aid");

    public int DfIdValue => Number(DfId, "dfId");

    /// <summary>
    /// The description as INSTALL carries it (the TLV <see cref="DescriptionCodec"/> reads):
    /// <c>82 02 DF-id</c>, then <c>A1 L { 80 kind, 83 FID, 88 SFI, 81 size, 86 read, 87 update, 89 format, 8A tries }</c> per entry.
    /// </summary>
    public byte[] Encode()
    {
        var tlv = new List<byte>();
        Add(tlv, DescriptionCodec.TagDfId, [(byte)(DfIdValue >> 8), (byte)DfIdValue]);
        foreach (ApEntryFile e in Entries)
        {
            Add(tlv, DescriptionCodec.TagEntry, e.Encode());
        }
        return [.. tlv];
    }

    internal static void Add(List<byte> tlv, byte tag, byte[] value)
    {
        tlv.Add(tag);
        if (value.Length > 0x7F)
        {
            tlv.Add(0x81);
        }
        tlv.Add((byte)value.Length);
        tlv.AddRange(value);
    }

    internal static byte[] Hex(string text, string what)
    {
        try
        {
            return Convert.FromHexString(text.Replace(" ", "", StringComparison.Ordinal));
        }
        catch (FormatException)
        {
            throw new InvalidDataException($"{what} '{text}' is not hex");
        }
    }

    internal static int Number(string text, string what)
    {
        if (!int.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int value) || value < 0 || value > 0xFFFF)
        {
            throw new InvalidDataException($"{what} '{text}' is not a 16-bit hex number");
        }
        return value;
    }
}

/// <summary>
/// One entry of an <see cref="ApDescriptionFile"/>. <c>kind</c>: <c>transparent</c>,
/// <c>records</c>, <c>pin</c>, <c>card-pin</c> (gen2: the card PIN, shared), <c>rsa-key</c>,
/// <c>ec-key</c>. Rules (<c>read</c>, <c>update</c>; <c>use</c> for keys) are <c>"always"</c>,
/// <c>"never"</c> (the default) or a list of PIN FIDs. Personalization: <c>content</c> (hex) of a
/// transparent EF, <c>records</c> (hex each), a PIN's <c>value</c> and <c>tryLimit</c>, an EC key's <c>curve</c> (p256, p384).
/// </summary>
public sealed record ApEntryFile(
    string Kind,
    string Fid,
    int Sfi = 0,
    int? Size = null,
    JsonElement? Read = null,
    JsonElement? Update = null,
    JsonElement? Use = null,
    PinFormatFile? Format = null,
    TriesFile? Tries = null,
    string? Content = null,
    IReadOnlyList<string>? Records = null,
    string? Value = null,
    int? TryLimit = null,
    string? Curve = null)
{
    public byte KindCode => Kind switch
    {
        "transparent" => EntryKind.TransparentEf,
        "records" => EntryKind.RecordEf,
        "pin" => EntryKind.Pin,
        "card-pin" => EntryKind.SharedPin,
        "rsa-key" => EntryKind.RsaKey,
        "ec-key" => EntryKind.EcKey,
        _ => throw new InvalidDataException($"entry {Fid}: unknown kind '{Kind}' (transparent, records, pin, card-pin, rsa-key, ec-key)"),
    };

    public int FidValue => ApDescriptionFile.Number(Fid, "fid");

    public byte[] Encode()
    {
        var tlv = new List<byte>();
        ApDescriptionFile.Add(tlv, DescriptionCodec.TagKind, [KindCode]);
        ApDescriptionFile.Add(tlv, DescriptionCodec.TagFid, [(byte)(FidValue >> 8), (byte)FidValue]);
        if (Sfi != 0)
        {
            ApDescriptionFile.Add(tlv, DescriptionCodec.TagSfi, [(byte)Sfi]);
        }
        if (Size is int size)
        {
            ApDescriptionFile.Add(tlv, DescriptionCodec.TagSize, [(byte)(size >> 8), (byte)size]);
        }
        JsonElement? read = Read ?? Use;
        if (read is JsonElement r)
        {
            ApDescriptionFile.Add(tlv, DescriptionCodec.TagRead, Rule(r));
        }
        if (Update is JsonElement u)
        {
            ApDescriptionFile.Add(tlv, DescriptionCodec.TagUpdate, Rule(u));
        }
        if (Format is not null)
        {
            ApDescriptionFile.Add(tlv, DescriptionCodec.TagPinFormat, [(byte)Format.Min, (byte)Format.Max, Format.CharsetCode]);
        }
        if (Tries is not null)
        {
            ApDescriptionFile.Add(tlv, DescriptionCodec.TagTries, [(byte)Tries.Min, (byte)Tries.Max]);
        }
        return [.. tlv];
    }

    /// <summary>"always" → <c>00</c>, "never" → empty, ["0011", …] → the FIDs.</summary>
    private byte[] Rule(JsonElement rule)
    {
        if (rule.ValueKind == JsonValueKind.String)
        {
            return rule.GetString() switch
            {
                "always" => [DescriptionCodec.RuleAlways],
                "never" => [],
                var other => throw new InvalidDataException($"entry {Fid}: rule '{other}' is not always, never or a list of PIN FIDs"),
            };
        }
        if (rule.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"entry {Fid}: a rule is always, never or a list of PIN FIDs");
        }
        var fids = new List<byte>();
        foreach (JsonElement pin in rule.EnumerateArray())
        {
            int fid = ApDescriptionFile.Number(pin.GetString() ?? "", "PIN FID");
            fids.Add((byte)(fid >> 8));
            fids.Add((byte)fid);
        }
        return [.. fids];
    }
}

/// <summary>A PIN's value rules: length range and <c>digits</c> or <c>upper-alphanumeric</c>.</summary>
public sealed record PinFormatFile(int Min, int Max, string Charset)
{
    public byte CharsetCode => Charset switch
    {
        "digits" => PinFormat.Digits,
        "upper-alphanumeric" => PinFormat.UpperAlphanumeric,
        _ => throw new InvalidDataException($"PIN charset '{Charset}' is not digits or upper-alphanumeric"),
    };
}

/// <summary>The range of try limits personalization may give a PIN.</summary>
public sealed record TriesFile(int Min, int Max);
