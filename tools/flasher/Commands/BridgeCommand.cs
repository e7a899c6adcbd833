using System.CommandLine;
using NanoCard.Flasher.Cards;
using NanoCard.Flasher.Faults;
using NanoCard.Flasher.Lab;
using NanoCard.Flasher.Trace;
using NanoCard.Flasher.Vpcd;
using NanoCard.Hal;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// <c>flasher bridge</c>: a NanoCard board on a serial cable presented to pcscd as a card. Each
/// vpcd message goes to the board in the same framing (the board speaks vpcd over serial) and its
/// answer comes back; the ATR is the board's. With <c>--trace</c>, as <c>sim</c>: every APDU
/// explained, secrets masked. With <c>--faults</c>, the link faults of a profile apply on the
/// bridge's side of the cable (the board's memory and frame size are its own). With <c>--web</c>,
/// the lab view shows the stream and faults (docs/labs.md).
/// </summary>
public static class BridgeCommand
{
    public static Command Create()
    {
        var port = new Option<string>("--port") { Description = "the board's serial port (/dev/ttyUSB0, /dev/ttyACM0, COM3)", Required = true };
        var vpcd = new Option<string>("--vpcd") { Description = "vpcd's address, host:port", DefaultValueFactory = _ => "127.0.0.1:35963" };
        var trace = new Option<string?>("--trace") { Description = "write every APDU, explained, to this file (and JSON lines to FILE.jsonl); secrets masked" };
        var wait = new Option<int>("--connect-timeout") { Description = "seconds to wait for vpcd at start", DefaultValueFactory = _ => 10 };
        var faults = new FaultOptions();
        var lab = new LabOptions();
        var command = new Command("bridge", "present a NanoCard board on a serial cable to pcscd as a card (through vsmartcard vpcd)")
        {
            port, vpcd, trace, wait, faults.Profile, faults.Seed, lab.Web, lab.Control, lab.AllowRemote,
        };
        command.SetAction((result, cancel) => Task.FromResult(Run(result.GetValue(port)!, result.GetValue(vpcd)!, result.GetValue(trace),
            result.GetValue(wait), Console.Out, cancel, faults.Resolve(result), lab.Resolve(result))));
        return command;
    }

    public static int Run(string portPath, string vpcd, string? tracePath, int connectTimeout, TextWriter output, CancellationToken cancel, FaultProfile? faults = null,
        LabSettings? web = null)
    {
        var (host, port) = SimCommand.Endpoint(vpcd);
        using Serial.SerialCard board = CardConnection.OpenSerial(portPath);
        return Relay(board, host, port, tracePath, connectTimeout, output, cancel, portPath, faults, web: web);
    }

    /// <summary>The relay itself, on an open board (tests give it one on a pseudo-terminal).</summary>
    public static int Relay(Serial.SerialCard board, string host, int port, string? tracePath, int connectTimeout, TextWriter output, CancellationToken cancel, string name,
        FaultProfile? faults = null, TimeProvider? time = null, LabSettings? web = null)
    {
        if (faults is { MaxResponse: not null } or { PageWriteMs: > 0 })
        {
            throw new UserError($"fault profile '{faults.Name}' sets maxResponse or pageWriteMs, which only flasher sim can apply: the board's frame size and EEPROM are its own");
        }
        time ??= TimeProvider.System;
        using StreamWriter? text = tracePath is null ? null : new StreamWriter(tracePath, append: true) { AutoFlush = true };
        using StreamWriter? json = tracePath is null ? null : new StreamWriter(tracePath + ".jsonl", append: true) { AutoFlush = true };
        var trace = text is null && web is null ? null : new TraceWriter(text ?? TextWriter.Null, json, time);
        // The board's memory and PINs are its own: the lab view shows the stream and the faults, not the card's state.
        using LabSession? lab = web is null ? null : LabSession.Start(web, trace!, board, faults, time, null, "bridge", output, cancel);
        IApduEndpoint card = lab?.Card ?? (faults is null ? board : new FaultyEndpoint(board, faults, time, trace is null ? null : trace.Fault));
        var link = new VpcdLink(card, board.Atr, trace is null ? null : trace.Write);
        output.WriteLine($"board on {name}: ATR {Convert.ToHexString(board.Atr())}");
        FaultOptions.Announce(faults, output);
        VpcdConnection.Run(host, port, link, card, connectTimeout, output, cancel, time);
        return 0;
    }
}
