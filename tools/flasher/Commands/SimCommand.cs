using System.CommandLine;
using System.Globalization;
using NanoCard.Applets.CardManager;
using NanoCard.Flasher.Cards;
using NanoCard.Flasher.Faults;
using NanoCard.Flasher.Lab;
using NanoCard.Flasher.Trace;
using NanoCard.Flasher.Vpcd;
using NanoCard.Hal;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// <c>flasher sim</c>: the card in an EEPROM image joins pcscd through vsmartcard's vpcd, so every
/// PC/SC program (OpenSC, pcsc_scan, jpki/myna) sees it in the reader "Virtual PCD 00 00". It
/// reconnects whenever pcscd restarts; state lives in the image file, fsynced at every write.
/// </summary>
public static class SimCommand
{
    public static Command Create()
    {
        var card = new Option<string>("--card") { Description = "the card's EEPROM image file (made blank when missing; any other file that is not a card is refused unless --format)", Required = true };
        var vpcd = new Option<string>("--vpcd") { Description = "vpcd's address, host:port", DefaultValueFactory = _ => "127.0.0.1:35963" };
        var trace = new Option<string?>("--trace") { Description = "write every APDU, explained, to this file (and JSON lines to FILE.jsonl); secrets masked" };
        var crypto = new Option<string>("--crypto") { Description = "crypto engine: host (.NET) or managed (the portable C# the device runs)", DefaultValueFactory = _ => CryptoEngines.Host };
        var wait = new Option<int>("--connect-timeout") { Description = "seconds to wait for vpcd at start", DefaultValueFactory = _ => 10 };
        var profile = new Option<string>("--profile") { Description = "the profile of a new (blank) card: " + Profiles.Description, DefaultValueFactory = _ => "gen1" };
        var faults = new FaultOptions();
        var format = FormatOption.Create();
        var lab = new LabOptions();
        var command = new Command("sim", "run a card image as a virtual card in pcscd (vsmartcard vpcd)")
        {
            card, vpcd, trace, crypto, wait, profile, faults.Profile, faults.Seed, format, lab.Web, lab.Control, lab.AllowRemote,
        };
        command.SetAction((result, cancel) => Task.FromResult(Run(result.GetValue(card)!, result.GetValue(vpcd)!, result.GetValue(trace),
            result.GetValue(crypto)!, result.GetValue(wait), Console.Out, cancel, result.GetValue(profile)!, faults.Resolve(result),
            access: FormatOption.Access(result.GetValue(format)), web: lab.Resolve(result))));
        return command;
    }

    public static int Run(string path, string vpcd, string? tracePath, string crypto, int connectTimeout, TextWriter output, CancellationToken cancel,
        string profileIfBlank = "gen1", FaultProfile? faults = null, TimeProvider? time = null, ImageAccess access = ImageAccess.ReadWrite,
        LabSettings? web = null)
    {
        var (host, port) = Endpoint(vpcd);
        time ??= TimeProvider.System;
        SlowNvm? eeprom = null;
        WatchedNvm? memory = null;
        using CardImage image = CardImage.Open(path, crypto, profileIfBlank, faults?.CardConfig(), nvm =>
        {
            memory = new WatchedNvm(nvm);
            return faults is { PageWriteMs: > 0 } ? eeprom = new SlowNvm(memory, TimeSpan.FromMilliseconds(faults.PageWriteMs), time) : memory;
        }, access);
        // Power-up writes (a blank card's install) belong to no command.
        eeprom?.TakePageWrites();
        memory!.TakeWrittenPages();
        using StreamWriter? text = tracePath is null ? null : new StreamWriter(tracePath, append: true) { AutoFlush = true };
        using StreamWriter? json = tracePath is null ? null : new StreamWriter(tracePath + ".jsonl", append: true) { AutoFlush = true };
        var trace = text is null && web is null ? null : new TraceWriter(text ?? TextWriter.Null, json, time);
        // With a JSON trace or the lab view, the card's map, state and page writes are recorded too, so a replay shows them.
        var inspector = trace is null ? null : new CardInspector(image.Card, memory);
        // Built at every get-ATR: a card issued while it runs (pcsc:READER) shows its new historical bytes at the next power-up.
        byte[] CurrentAtr()
        {
            byte[] historical = HistoricalBytes(image);
            return AnswerToReset.Build(historical, historical.Length);
        }
        byte[] atr = CurrentAtr();
        using LabSession? lab = web is null ? null : LabSession.Start(web, trace!, image.Card.Runtime, faults, time, eeprom, "sim", output, cancel);
        IApduEndpoint card = lab?.Card ?? (faults is null ? image.Card.Runtime : new FaultyEndpoint(image.Card.Runtime, faults, time, trace is null ? null : trace.Fault, eeprom));
        var link = new VpcdLink(card, CurrentAtr, trace is null ? null : (command, reply) =>
        {
            trace.Write(command, reply);
            inspector!.Record(trace);
        });
        output.WriteLine($"card {path}: {Profiles.Name(image.Card.Profile)}, {LifeCycles.Name(image.Card.Store.LifeCycle)}, ATR {Convert.ToHexString(atr)}");
        FaultOptions.Announce(faults, output);
        if (trace is not null)
        {
            trace.Record("map", inspector!.Map());
            inspector.Record(trace);
        }
        VpcdConnection.Run(host, port, link, card, connectTimeout, output, cancel, time);
        return 0;
    }

    private static byte[] HistoricalBytes(CardImage image)
    {
        byte[] buffer = new byte[CardData.MaxHistoricalBytes];
        short length = image.Card.Manager.Data.Get(CardData.TagHistoricalBytes, buffer, 0);
        return length < 0 ? [] : buffer[..length];
    }

    internal static (string Host, int Port) Endpoint(string text)
    {
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            throw new UserError($"--vpcd '{text}' is not host:port (vpcd listens on 127.0.0.1:35963 by default)");
        }
        return (text[..colon], port);
    }
}
