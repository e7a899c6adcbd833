using System.Net.Http.Json;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Service;

/// <summary>The service refused the card or the renewal failed on its side: its message, one line.</summary>
public sealed class RelayException(string message, bool refused) : Exception(message)
{
    public bool Refused { get; } = refused;
}

/// <summary>
/// The holder's side of an online renewal (docs/apdu-spec.md §13.4): starts the conversation, then
/// sends each command the service gives to the card and the card's response back, unchanged, until
/// the service ends it. It holds no key and reads nothing it forwards: the service's SCP03 session
/// with the card protects the commands that matter (docs/security.md). Any conversation the issuer
/// runs with a card behind a relay uses the same loop: a start request, then <c>POST /relay/SESSION</c>.
/// </summary>
public static class RelayClient
{
    /// <summary>Runs the conversation <paramref name="start"/> opens with <paramref name="body"/>; returns the service's report.</summary>
    public static IReadOnlyList<string> Run(HttpClient http, Uri start, object body, ICardChannel card)
    {
        RelayReply reply = Post(http, start, body);
        while (reply.Command is { } command)
        {
            ResponseApdu response = card.Transmit(Convert.FromHexString(command));
            reply = Post(http, new Uri(start, $"relay/{reply.Session}"), new RelayAnswer(Convert.ToHexString([.. response.Data, (byte)(response.Sw >> 8), (byte)response.Sw])));
        }
        return reply.Done ?? throw new RelayException(reply.Refused ?? reply.Failed ?? "the service ended without a word", reply.Refused is not null);
    }

    /// <summary>An online renewal at <paramref name="service"/> (its base URL) with the holder's signing password.</summary>
    public static IReadOnlyList<string> Renew(HttpClient http, Uri service, string signingPassword, ICardChannel card)
        => Run(http, new Uri(service, "renewal"), new RenewalStart(signingPassword), card);

    private static RelayReply Post(HttpClient http, Uri url, object body)
    {
        using HttpResponseMessage response = http.PostAsJsonAsync(url, body).GetAwaiter().GetResult();
        RelayReply? reply = null;
        try
        {
            reply = response.Content.ReadFromJsonAsync<RelayReply>().GetAwaiter().GetResult();
        }
        catch (System.Text.Json.JsonException)
        {
            // Not the service's JSON: said below with the HTTP status.
        }
        return reply ?? throw new RelayException($"{url}: HTTP {(int)response.StatusCode} without a relay answer: is this a NanoCard issuer service?", refused: false);
    }
}
