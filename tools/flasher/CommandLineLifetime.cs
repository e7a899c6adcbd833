using Microsoft.Extensions.Hosting;

namespace NanoCard.Flasher;

/// <summary>
/// A web host lifetime that leaves the process's signals alone: Ctrl+C and SIGTERM belong to the
/// command line, which stops what it runs (the card, then the web server) and exits. With the
/// default console lifetime a SIGTERM stops the web host but not the command, which keeps running.
/// </summary>
public sealed class CommandLineLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
