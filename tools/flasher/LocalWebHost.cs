using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NanoCard.Flasher;

/// <summary>
/// The Kestrel host the flasher's servers share (the lab view, the issuer service): no logging
/// providers, Ctrl+C and SIGTERM left to the command line (<see cref="CommandLineLifetime"/>), one
/// listening address; and the address it bound once started (port 0 becomes the real port).
/// </summary>
public static class LocalWebHost
{
    public static WebApplicationBuilder Builder(IPAddress address, int port)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        // Ctrl+C and SIGTERM belong to the command line (it stops the card, then the server), not to the web host.
        builder.Services.AddSingleton<IHostLifetime, CommandLineLifetime>();
        builder.WebHost.ConfigureKestrel(k => k.Listen(address, port));
        return builder;
    }

    /// <summary>
    /// Starts <paramref name="app"/> and returns the base address it listens on, ending in a slash.
    /// Every request must name that address as its Host (the IP literal or <c>localhost</c>, with its
    /// port or none: openssl's OCSP client sends none), or <paramref name="publicUrl"/>'s host when one is given; any other Host is answered
    /// 421 Misdirected Request (RFC 9110 §15.5.20) before a handler sees it. A web page on another
    /// site that rebinds its own name to this address (DNS rebinding) names its own host, so it can
    /// neither read the server's answers nor drive it. <paramref name="anyHost"/> turns the check off
    /// (the lab view's <c>--web-allow-remote</c>).
    /// </summary>
    public static Uri Start(WebApplication app, IPAddress address, Uri? publicUrl = null, bool anyHost = false)
    {
        // Set once the port is known (a request before that names no port anyone was told), as a
        // whole new set: Kestrel's threads read it while this one fills it.
        IReadOnlySet<string> hosts = new HashSet<string>();
        app.Use((http, next) =>
        {
            if (!anyHost && !hosts.Contains(http.Request.Host.Value ?? ""))
            {
                http.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
                return Task.CompletedTask;
            }
            return next(http);
        });
        app.StartAsync().GetAwaiter().GetResult();
        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var listening = new Uri(bound.Replace("[::]", "localhost", StringComparison.Ordinal) + "/");
        var named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in (string[])[address.ToString(), $"[{address}]", "localhost"])
        {
            named.UnionWith([name, $"{name}:{listening.Port}"]);
        }
        if (publicUrl is not null)
        {
            named.UnionWith([publicUrl.Host, $"{publicUrl.Host}:{publicUrl.Port}"]);
        }
        hosts = named;
        return listening;
    }
}
