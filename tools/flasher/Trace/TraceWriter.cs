using System.Text.Json;
using NanoCard.Flasher.Faults;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Trace;

/// <summary>
/// Writes explained exchanges as text (one line for the command, one for the answer) and, when
/// asked, the same as JSON lines. Masked data shows as <c>**</c> per byte in text and is absent
/// from JSON. Faults a profile applied (docs/labs.md) show as <c>!</c> lines and JSON records with
/// a <c>fault</c> field. Every JSON record carries the <c>time</c> it was written and also goes
/// to <see cref="Recorded"/>, so the lab view (docs/labs.md) shows exactly what the file holds.
/// </summary>
public sealed class TraceWriter(TextWriter text, TextWriter? json = null, TimeProvider? time = null)
{
    private readonly ApduExplainer explainer = new();
    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private bool truncated;

    public int Count { get; private set; }

    /// <summary>Each JSON record as written to FILE.jsonl (called also when there is no file).</summary>
    public Action<string>? Recorded { get; set; }

    /// <summary>
    /// A record of the card's state, its memory or the lab (state, writes, map, held, profile:
    /// docs/labs.md, "The lab view"), with an optional <c>!</c> line for the text trace. Callers
    /// pass no secrets: these records are shown as they are.
    /// </summary>
    public void Record(string field, object value, string? line = null)
    {
        if (line is not null)
        {
            text.WriteLine("! " + line);
        }
        Emit(new Dictionary<string, object> { [field] = value });
    }

    public void Write(byte[] command, ResponseApdu response) => Write(explainer.Explain(command, response));

    /// <summary>
    /// A reply as the link sent it. After a <c>truncated</c> fault it is shown as the bytes the
    /// reader got, not parsed into data and a status word it no longer has.
    /// </summary>
    public void Write(byte[] command, byte[] reply)
    {
        if (truncated)
        {
            truncated = false;
            Write(explainer.Explain(command, new ResponseApdu([], 0)) with { Response = Convert.ToHexString(reply), Status = "truncated by the fault profile" });
            return;
        }
        Write(command, new ResponseApdu(reply[..^2], (ushort)((reply[^2] << 8) | reply[^1])));
    }

    public void Fault(FaultEvent fault)
    {
        truncated |= fault.Truncates;
        text.WriteLine($"! fault {fault.Kind} at command {fault.Command}: {fault.Detail}");
        Emit(new Dictionary<string, object> { ["fault"] = fault.Kind, ["command"] = fault.Command, ["detail"] = fault.Detail });
    }

    private void Write(ExplainedExchange e)
    {
        Count++;
        string shown = e.Masked ? e.Command[..10] + string.Concat(Enumerable.Repeat("**", (e.Command.Length - 10) / 2)) : e.Command;
        text.WriteLine($"> {Spaced(shown),-40} {e.Name}{(e.Detail.Length > 0 ? ": " + e.Detail : "")}");
        text.WriteLine($"< {Abbreviated(e.Response),-40} {e.Status}");
        Emit(new Dictionary<string, object>
        {
            ["command"] = e.Masked ? e.Command[..10] : e.Command,
            ["masked"] = e.Masked,
            ["response"] = e.Response,
            ["name"] = e.Name,
            ["detail"] = e.Detail,
            ["status"] = e.Status,
        });
    }

    private void Emit(Dictionary<string, object> record)
    {
        record["time"] = clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        string line = JsonSerializer.Serialize(record);
        json?.WriteLine(line);
        Recorded?.Invoke(line);
    }

    private static string Spaced(string hex) => hex.Length <= 80 ? hex : hex[..76] + "…";

    private static string Abbreviated(string response) => response.Length <= 40 ? response : response[..30] + "… " + response[^4..];
}
