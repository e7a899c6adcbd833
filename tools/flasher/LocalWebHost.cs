using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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

    /// <summary>Starts <paramref name="app"/> and returns the base address it listens on, ending in a slash.</summary>
    public static Uri Start(WebApplication app)
    {
        app.StartAsync().GetAwaiter().GetResult();
        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(bound.Replace("[::]", "localhost", StringComparison.Ordinal) + "/");
    }
}
