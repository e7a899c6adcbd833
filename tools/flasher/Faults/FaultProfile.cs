using System.Globalization;
using System.Text.Json.Serialization;
using NanoCard.Os.Runtime;

namespace NanoCard.Flasher.Faults;

/// <summary>
/// What a fault profile asks the card side to do (docs/labs.md has the file format and the
/// scheduling rule). Every field is optional; an empty profile changes nothing.
/// </summary>
public sealed record FaultProfile
{
    /// <summary>The built-in name or the file it came from; set by the loader, not read from JSON.</summary>
    [JsonIgnore]
    public string Name { get; init; } = "";

    public string Description { get; init; } = "";

    /// <summary>Seeds the one <see cref="Random"/> every rate-based choice comes from.</summary>
    public int Seed { get; init; }

    /// <summary>Added before every command, unless <see cref="DelayPerInsMs"/> names its INS.</summary>
    public int DelayMs { get; init; }

    /// <summary>INS in two hex digits → milliseconds, replacing <see cref="DelayMs"/> for that INS.</summary>
    public Dictionary<string, int> DelayPerInsMs { get; init; } = [];

    /// <summary>Most data bytes per response frame (sim only): longer replies go out as 61xx + GET RESPONSE; extended length is refused.</summary>
    public int? MaxResponse { get; init; }

    /// <summary>Share of commands answered with a status word from <see cref="StatusWords"/>, without running them.</summary>
    public double StatusRate { get; init; }

    /// <summary>Four hex digits each, used in turn.</summary>
    public string[] StatusWords { get; init; } = [];

    /// <summary>Share of commands that run but whose reply reaches the reader cut to its first half.</summary>
    public double TruncateRate { get; init; }

    /// <summary>Command numbers (1 = the first command since start) during which the card is removed.</summary>
    public long[] RemoveAtCommands { get; init; } = [];

    /// <summary>How long a removed card stays away before it is back in the reader.</summary>
    public int AbsentMs { get; init; }

    /// <summary>Added per EEPROM page written (sim only).</summary>
    public int PageWriteMs { get; init; }

    /// <summary>The first thing wrong with the profile, or null.</summary>
    public string? Problem()
    {
        if (DelayMs < 0 || AbsentMs < 0 || PageWriteMs < 0 || DelayPerInsMs.Values.Any(ms => ms < 0))
        {
            return "delays must not be negative";
        }
        if (DelayPerInsMs.Keys.Any(ins => !IsHex(ins, 2)))
        {
            return "delayPerInsMs keys are an INS in two hex digits, like \"2A\"";
        }
        if (MaxResponse is < 1 or > 256)
        {
            return "maxResponse is 1 to 256 bytes";
        }
        if (StatusRate is < 0 or > 1 || TruncateRate is < 0 or > 1 || StatusRate + TruncateRate > 1)
        {
            return "statusRate and truncateRate are between 0 and 1 and add up to at most 1";
        }
        if (StatusWords.Any(sw => !IsHex(sw, 4)) || (StatusRate > 0 && StatusWords.Length == 0))
        {
            return "statusWords are four hex digits each, like \"6F00\", and needed when statusRate is above 0";
        }
        return RemoveAtCommands.Any(n => n < 1) ? "removeAtCommands are command numbers from 1" : null;
    }

    public TimeSpan DelayFor(byte ins)
    {
        string key = ins.ToString("X2", CultureInfo.InvariantCulture);
        int ms = DelayPerInsMs.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase), new(key, DelayMs)).Value;
        return TimeSpan.FromMilliseconds(ms);
    }

    public ushort StatusWord(int turn) => ushort.Parse(StatusWords[turn % StatusWords.Length], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>
    /// The OS's own configuration for <see cref="MaxResponse"/>: the runtime then splits long
    /// replies with 61xx exactly as a contactless card does, and answers extended APDUs 6700.
    /// </summary>
    public CardConfig? CardConfig()
    {
        if (MaxResponse is not int max)
        {
            return null;
        }
        var desktop = Os.Runtime.CardConfig.Desktop();
        return new Os.Runtime.CardConfig(desktop.MaxCommandData, extendedLength: false, max, desktop.MaxApplets);
    }

    private static bool IsHex(string text, int digits) => text.Length == digits && text.All(char.IsAsciiHexDigit);
}
