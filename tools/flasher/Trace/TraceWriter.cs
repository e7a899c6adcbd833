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

    public int Count { get; private set; }

    public void Write(byte[] command, ResponseApdu response)
    {
        ExplainedExchange e = explainer.Explain(command, response);
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

    /// <summary>A reply as the link sent it: a fault profile can cut it short of its status word.</summary>
    public void Write(byte[] command, byte[] reply) =>
        Write(command, reply.Length < 2 ? new ResponseApdu(reply, 0) : new ResponseApdu(reply[..^2], (ushort)((reply[^2] << 8) | reply[^1])));

    public void Fault(FaultEvent fault)
    {
        text.WriteLine($"! fault {fault.Kind} at command {fault.Command}: {fault.Detail}");
        json?.WriteLine(JsonSerializer.Serialize(new { fault = fault.Kind, command = fault.Command, detail = fault.Detail }));
    }

    private static string Spaced(string hex) => hex.Length <= 80 ? hex : hex[..76] + "…";

    private static string Abbreviated(string response) => response.Length <= 40 ? response : response[..30] + "… " + response[^4..];
}
