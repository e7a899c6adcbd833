using System.CommandLine;
using System.Globalization;
using NanoCard.Applets.CardManager;
using NanoCard.Flasher.Cards;
using NanoCard.Flasher.Faults;
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
        var command = new Command("sim", "run a card image as a virtual card in pcscd (vsmartcard vpcd)") { card, vpcd, trace, crypto, wait, profile, faults.Profile, faults.Seed, format };
        command.SetAction((result, cancel) => Task.FromResult(Run(result.GetValue(card)!, result.GetValue(vpcd)!, result.GetValue(trace),
            result.GetValue(crypto)!, result.GetValue(wait), Console.Out, cancel, result.GetValue(profile)!, faults.Resolve(result),
            access: FormatOption.Access(result.GetValue(format)))));
        return command;
    }

    public static int Run(string path, string vpcd, string? tracePath, string crypto, int connectTimeout, TextWriter output, CancellationToken cancel,
        string profileIfBlank = "gen1", FaultProfile? faults = null, TimeProvider? time = null, ImageAccess access = ImageAccess.ReadWrite)
    {
        var (host, port) = Endpoint(vpcd);
        time ??= TimeProvider.System;
        SlowNvm? eeprom = null;
        using CardImage image = CardImage.Open(path, crypto, profileIfBlank, faults?.CardConfig(),
            faults is { PageWriteMs: > 0 } ? nvm => eeprom = new SlowNvm(nvm, TimeSpan.FromMilliseconds(faults.PageWriteMs), time) : null, access);
        // Power-up writes (a blank card's install) belong to no command.
        eeprom?.TakePageWrites();
        using StreamWriter? text = tracePath is null ? null : new StreamWriter(tracePath, append: true) { AutoFlush = true };
        using StreamWriter? json = tracePath is null ? null : new StreamWriter(tracePath + ".jsonl", append: true) { AutoFlush = true };
        var trace = text is null ? null : new TraceWriter(text, json);
        // Built at every get-ATR: a card issued while it runs (pcsc:READER) shows its new historical bytes at the next power-up.
        byte[] CurrentAtr()
        {
            byte[] historical = HistoricalBytes(image);
            return AnswerToReset.Build(historical, historical.Length);
        }
        byte[] atr = CurrentAtr();
        IApduEndpoint card = faults is null ? image.Card.Runtime : new FaultyEndpoint(image.Card.Runtime, faults, time, trace is null ? null : trace.Fault, eeprom);
        var link = new VpcdLink(card, CurrentAtr, trace is null ? null : trace.Write);
        output.WriteLine($"card {path}: {Profiles.Name(image.Card.Profile)}, {LifeCycleName(image)}, ATR {Convert.ToHexString(atr)}");
        FaultOptions.Announce(faults, output);
        VpcdConnection.Run(host, port, link, card, connectTimeout, output, cancel, time);
        return 0;
    }

    private static string LifeCycleName(CardImage image) => image.Card.Store.LifeCycle switch
    {
        0x01 => "pre-issuance",
        0x0F => "issued",
        0xFF => "terminated",
        byte b => b.ToString("X2", CultureInfo.InvariantCulture),
    };

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
