using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NanoCard.Flasher.Lab;

/// <summary>
/// The lab view's web server (Kestrel): the page, its script and style from the tool itself,
/// <c>/events</c> as server-sent events (every record of the session so far, then each new one),
/// <c>/info</c>, and with <c>--web-control</c> the control actions. Requests must name the
/// address the server listens on as their Host (a web page elsewhere cannot reach it through
/// DNS rebinding), and control actions must carry the page's own header (a form on another site
/// cannot post one).
/// </summary>
public sealed class LabServer : IAsyncDisposable
{
    public const string ControlHeader = "X-NanoCard-Lab";

    private static readonly Dictionary<string, string> Assets = new()
    {
        ["/"] = "index.html", ["/lab.js"] = "lab.js", ["/lab.css"] = "lab.css",
    };

    private readonly WebApplication app;

    private LabServer(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <param name="mode">"sim", "bridge" or "replay": what the page says it shows.</param>
    public static LabServer Start(LabSettings settings, LabFeed feed, LabControl? control, string mode, TextWriter output)
    {
        WebApplication app = LocalWebHost.Builder(settings.Address, settings.Port).Build();
        foreach (var (path, file) in Assets)
        {
            byte[] body = Asset(file);
            string type = Path.GetExtension(file) switch { ".html" => "text/html; charset=utf-8", ".js" => "text/javascript; charset=utf-8", _ => "text/css; charset=utf-8" };
            app.MapGet(path, () => Results.Bytes(body, type));
        }
        app.MapGet("/info", () => Results.Json(Info(mode, control)));
        app.MapGet("/events", (HttpContext http) => Stream(http, feed, app.Lifetime.ApplicationStopping));
        MapControl(app, mode, control);
        Uri address = LocalWebHost.Start(app, settings.Address, anyHost: settings.AllowRemote);
        if (!IPAddress.IsLoopback(settings.Address))
        {
            output.WriteLine($"warning: the lab view listens on {settings.Address}, not loopback: anyone who reaches it sees every command of the session");
        }
        output.WriteLine($"lab view: {address}{(control is null ? "" : " (with control: fault profiles and step mode)")}");
        settings.Listening?.Invoke(address);
        return new LabServer(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static object Info(string mode, LabControl? control) => new
    {
        mode,
        control = control is not null,
        profiles = control is null ? [] : LabControl.Switchable,
        profile = control?.Faults.Profile?.Name ?? "",
        seed = control?.Faults.Profile?.Seed,
        fixedProfile = control?.Faults.Fixed,
        stepping = control?.Stepping ?? false,
        japanese = CardNames.Japanese,
    };

    private static async Task Stream(HttpContext http, LabFeed feed, CancellationToken stopping)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        using LabFeed.Subscription subscription = feed.Subscribe();
        try
        {
            foreach (string record in subscription.Past)
            {
                await http.Response.WriteAsync($"data: {record}\n\n", done.Token);
            }
            await http.Response.Body.FlushAsync(done.Token);
            await foreach (string record in subscription.Next.ReadAllAsync(done.Token))
            {
                await http.Response.WriteAsync($"data: {record}\n\n", done.Token);
                await http.Response.Body.FlushAsync(done.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away or the tool stops.
        }
    }

    private static void MapControl(WebApplication app, string mode, LabControl? control)
    {
        app.MapPost("/control/faults", (HttpContext http, FaultChoice choice) => Act(http, mode, control, c => c.SwitchFaults(choice.Profile ?? "", choice.Seed)));
        app.MapPost("/control/step", (HttpContext http, StepChoice choice) => Act(http, mode, control, c => c.Step(choice.On)));
        app.MapPost("/control/next", (HttpContext http) => Act(http, mode, control, c =>
        {
            if (!c.Next())
            {
                throw new UserError("no command is waiting");
            }
        }));
    }

    private static IResult Act(HttpContext http, string mode, LabControl? control, Action<LabControl> action)
    {
        if (control is null || !http.Request.Headers.ContainsKey(ControlHeader))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        try
        {
            action(control);
            return Results.Json(Info(mode, control));
        }
        catch (UserError e)
        {
            return Results.Json(new { error = e.Message }, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static byte[] Asset(string file)
    {
        using Stream stream = typeof(LabServer).Assembly.GetManifestResourceStream("lab." + file)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed record FaultChoice(string? Profile, int? Seed);

    private sealed record StepChoice(bool On);
}
