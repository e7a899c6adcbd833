using System.Text.Json;
using NanoCard.Flasher.Faults;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Trace;

/// <summary>
/// Writes explained exchanges as text (one line for the command, one for the answer) and, when
/// asked, the same as JSON lines. Masked data shows as <c>**</c> per byte in text and is absent
/// from JSON. Faults a profile applied (docs/labs.md) show as <c>!</c> lines and JSON records with
/// a <c>fault</c> field.
/// </summary>
public sealed class TraceWriter(TextWriter text, TextWriter? json = null)
{
    private readonly ApduExplainer explainer = new();
    private bool truncated;

    public int Count { get; private set; }

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
        json?.WriteLine(JsonSerializer.Serialize(new { fault = fault.Kind, command = fault.Command, detail = fault.Detail }));
    }

    private void Write(ExplainedExchange e)
    {
        Count++;
        string shown = e.Masked ? e.Command[..10] + string.Concat(Enumerable.Repeat("**", (e.Command.Length - 10) / 2)) : e.Command;
        text.WriteLine($"> {Spaced(shown),-40} {e.Name}{(e.Detail.Length > 0 ? ": " + e.Detail : "")}");
        text.WriteLine($"< {Abbreviated(e.Response),-40} {e.Status}");
        json?.WriteLine(JsonSerializer.Serialize(new
        {
            command = e.Masked ? e.Command[..10] : e.Command,
            masked = e.Masked,
            response = e.Response,
            name = e.Name,
            detail = e.Detail,
            status = e.Status,
        }));
    }

    private static string Spaced(string hex) => hex.Length <= 80 ? hex : hex[..76] + "…";

    private static string Abbreviated(string response) => response.Length <= 40 ? response : response[..30] + "… " + response[^4..];
}
