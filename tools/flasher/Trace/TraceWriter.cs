using System.Text.Json;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Trace;

/// <summary>
/// Writes explained exchanges as text (one line for the command, one for the answer) and, when
/// asked, the same as JSON lines. Masked data shows as <c>**</c> per byte in text and is absent
/// from JSON.
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

    private static string Spaced(string hex) => hex.Length <= 80 ? hex : hex[..76] + "…";

    private static string Abbreviated(string response) => response.Length <= 40 ? response : response[..30] + "… " + response[^4..];
}
