using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NanoCard.Issuance;
using NanoCard.Issuance.Ocsp;
using NanoCard.Issuance.Revocation;

namespace NanoCard.Flasher.Service;

/// <summary>Where the issuer service listens, what URL it puts in certificates, and how long it waits for a relay.</summary>
public sealed record IssuerServiceSettings(string CaDirectory, IPAddress Address, int Port)
{
    public const string DefaultAddress = "127.0.0.1:8440";

    /// <summary>The base URL relying parties use (AIA, CDP of the certificates it renews); null: the address it listens on.</summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>
    /// How long a renewal waits for each card response from the relay before it gives up (the card
    /// keeps its old keys): long enough for a board to generate an RSA-2048 key.
    /// </summary>
    public TimeSpan RelayTimeout { get; init; } = TimeSpan.FromMinutes(3);
}

/// <summary>
/// <c>flasher ca serve</c> (docs/revocation.md "Over HTTP", docs/security.md "Renewal and the holder's
/// consent"): the CA folder's issuer service on Kestrel. <c>POST /ocsp</c> and <c>GET /ocsp/BASE64</c>
/// (RFC 6960 §A.1) answer OCSP; <c>GET /crl/CA.crl</c> hands out a CA's current CRL (RFC 5280
/// §4.2.1.13); <c>POST /renewal</c> starts an online renewal that a relay carries to the card with
/// <c>POST /relay/SESSION</c>, one APDU at a time (<see cref="RelaySession"/>). Renewals run one at
/// a time: they write the CA folder. A request whose Host is neither the listening address nor the
/// <c>--url</c>'s host gets 421 (<see cref="LocalWebHost.Start"/>: no DNS rebinding from a web page).
/// </summary>
public sealed partial class IssuerService : IAsyncDisposable
{
    private readonly WebApplication app;

    private IssuerService(WebApplication app, Uri address, RevocationLinks links)
    {
        this.app = app;
        Address = address;
        Links = links;
    }

    /// <summary>Where it listens (port 0 resolved).</summary>
    public Uri Address { get; }

    /// <summary>What it puts in the certificates it renews.</summary>
    public RevocationLinks Links { get; }

    public static IssuerService Start(IssuerServiceSettings settings, TextWriter output)
    {
        if (!File.Exists(Path.Combine(settings.CaDirectory, TestCa.SignCaCertificateFile)))
        {
            throw new UserError($"CA folder '{settings.CaDirectory}' holds no CA: serve the folder flasher issue made");
        }
        WebApplication app = LocalWebHost.Builder(settings.Address, settings.Port).Build();
        RevocationLinks? links = settings.PublicUrl is null ? null : RevocationLinks.Parse(settings.PublicUrl.AbsoluteUri);
        var state = new State(settings, () => links!);
        Map(app, state);
        Uri address = LocalWebHost.Start(app, settings.Address, settings.PublicUrl);
        links ??= RevocationLinks.Parse(address.AbsoluteUri);
        if (!IPAddress.IsLoopback(settings.Address))
        {
            output.WriteLine($"warning: the issuer service listens on {settings.Address}, not loopback: renewal carries the holder's signing password to it; put it behind HTTPS");
        }
        output.WriteLine($"issuer service for {settings.CaDirectory}: {address} (OCSP {links.Ocsp}, CRLs {links.BaseUrl}{RevocationLinks.CrlFolder}/CA.crl, renewal {address}renewal)");
        return new IssuerService(app, address, links);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>What the handlers share: the settings, the renewal gate and the sessions a relay is carrying.</summary>
    private sealed class State(IssuerServiceSettings settings, Func<RevocationLinks> links)
    {
        public IssuerServiceSettings Settings { get; } = settings;
        public RevocationLinks Links => links();
        public SemaphoreSlim RenewalGate { get; } = new(1, 1);
        public ConcurrentDictionary<string, RelaySession> Sessions { get; } = new();
    }

    private static void Map(WebApplication app, State state)
    {
        string caDir = state.Settings.CaDirectory;
        app.MapPost("/ocsp", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            return Ocsp(caDir, body.ToArray());
        });
        app.MapGet("/ocsp/{**request}", (HttpContext http) =>
        {
            // RFC 6960 §A.1: the URL-encoded base64 of the DER request, read from the raw path (a decoded one loses %2F).
            string raw = http.Request.Path.Value![("/" + RevocationLinks.OcspPath + "/").Length..];
            try
            {
                return Ocsp(caDir, Convert.FromBase64String(Uri.UnescapeDataString(raw)));
            }
            catch (FormatException)
            {
                return Results.Bytes(OcspResponder.Unsuccessful(OcspResponder.Status.MalformedRequest), "application/ocsp-response");
            }
        });
        app.MapGet("/" + RevocationLinks.CrlFolder + "/{name}", (string name) =>
        {
            Match match = CrlName().Match(name);
            if (!match.Success || !File.Exists(CaFiles.CertificatePath(caDir, match.Groups[1].Value)))
            {
                return Results.NotFound();
            }
            return Results.Bytes(CaRegistry.PublishedCrl(caDir, match.Groups[1].Value, DateTimeOffset.UtcNow, TimeSpan.FromDays(1)), "application/pkix-crl");
        });
        app.MapPost("/renewal", async (RenewalStart start) => await StartRenewal(state, start));
        app.MapPost("/relay/{session}", (string session, RelayAnswer answer) => Relay(state, session, answer));
    }

    private static IResult Ocsp(string caDir, byte[] request)
        => Results.Bytes(OcspResponder.Respond(caDir, request, DateTimeOffset.UtcNow), "application/ocsp-response");

    private static async Task<IResult> StartRenewal(State state, RenewalStart start)
    {
        if (string.IsNullOrEmpty(start.SigningPassword))
        {
            return Results.Json(new RelayReply(Refused: "renewal needs the holder's signing password"), statusCode: StatusCodes.Status403Forbidden);
        }
        if (!await state.RenewalGate.WaitAsync(state.Settings.RelayTimeout * 2))
        {
            return Results.Json(new RelayReply(Failed: "another renewal is in progress; try again"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        string caDir = state.Settings.CaDirectory;
        RelaySession session = RelaySession.Start(channel =>
        {
            TestCa ca = TestCa.OpenOrCreate(caDir, DateTimeOffset.UtcNow);
            var renewer = new Gen2Renewer(new CardClient(channel), ca, new CaArchive(caDir, ca), TimeProvider.System) { Links = state.Links };
            return renewer.Renew(start.SigningPassword).Lines(caDir);
        }, state.Settings.RelayTimeout, ended =>
        {
            state.Sessions.TryRemove(ended.Id, out _);
            state.RenewalGate.Release();
        });
        state.Sessions[session.Id] = session;
        return Reply(session, session.First());
    }

    private static IResult Relay(State state, string id, RelayAnswer answer)
    {
        if (!state.Sessions.TryGetValue(id, out RelaySession? session))
        {
            return Results.Json(new RelayReply(Failed: $"no renewal session {id}: it ended (finished, refused, or the relay was too slow)"), statusCode: StatusCodes.Status404NotFound);
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(answer.Response ?? "");
        }
        catch (FormatException)
        {
            bytes = [];
        }
        if (bytes.Length < 2)
        {
            return Results.Json(new RelayReply(Failed: "a response is its data and status word in hex"), statusCode: StatusCodes.Status400BadRequest);
        }
        RelayStep? step = session.Answer(new ResponseApdu(bytes[..^2], (ushort)((bytes[^2] << 8) | bytes[^1])));
        return step is null
            ? Results.Json(new RelayReply(Failed: "no command is waiting for a response"), statusCode: StatusCodes.Status409Conflict)
            : Reply(session, step);
    }

    private static IResult Reply(RelaySession session, RelayStep step)
    {
        if (step.Command is { } command)
        {
            return Results.Json(new RelayReply(Session: session.Id, Command: Convert.ToHexString(command)));
        }
        if (step.Done is { } done)
        {
            return Results.Json(new RelayReply(Done: done));
        }
        return step.Refused is { } refused
            ? Results.Json(new RelayReply(Refused: refused), statusCode: StatusCodes.Status403Forbidden)
            : Results.Json(new RelayReply(Failed: step.Failed), statusCode: StatusCodes.Status409Conflict);
    }

    [GeneratedRegex("^([a-z0-9-]{1,64})\\.crl$")]
    private static partial Regex CrlName();
}
