using System.CommandLine;
using System.Net;

namespace NanoCard.Flasher.Lab;

/// <summary>Where the lab view listens and what it allows (docs/labs.md, "The lab view").</summary>
public sealed record LabSettings(IPAddress Address, int Port, bool Control, bool AllowRemote)
{
    public const string DefaultAddress = "127.0.0.1:8080";

    /// <summary>Told the page's address once the server listens (port 0 picks a free port).</summary>
    public Action<Uri>? Listening { get; init; }
}

/// <summary><c>--web</c>, <c>--web-control</c> and <c>--web-allow-remote</c>, shared by <c>sim</c>, <c>bridge</c> and <c>replay</c>.</summary>
public sealed class LabOptions
{
    public Option<string?> Web { get; } = new("--web")
    {
        Description = $"serve the lab view, a live page of the APDUs, card state and EEPROM, at host:port ({LabSettings.DefaultAddress} when no address is given; docs/labs.md)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<bool> Control { get; } = new("--web-control") { Description = "let the lab page switch fault profiles and hold each command for \"next\" (step mode)" };

    public Option<bool> AllowRemote { get; } = new("--web-allow-remote") { Description = "allow --web on an address other than loopback: anyone who reaches it sees the session" };

    /// <summary>The settings, or null without <c>--web</c> (unless <paramref name="always"/>: replay has no other output).</summary>
    public LabSettings? Resolve(ParseResult result, bool always = false)
    {
        bool control = result.GetValue(Control), remote = result.GetValue(AllowRemote);
        if (result.GetResult(Web) is null && !always)
        {
            return control || remote ? throw new UserError("--web-control and --web-allow-remote go with --web") : null;
        }
        return Parse(result.GetValue(Web) ?? LabSettings.DefaultAddress, control, remote);
    }

    public static LabSettings Parse(string text, bool control, bool allowRemote)
    {
        var (address, port) = ListenAddress.Parse(text, "--web", LabSettings.DefaultAddress);
        if (!IPAddress.IsLoopback(address) && !allowRemote)
        {
            throw new UserError($"--web {text} is not a loopback address: the page shows the whole session to anyone who reaches it; add --web-allow-remote if that is meant");
        }
        return new LabSettings(address, port, control, allowRemote);
    }
}
