using NanoCard.Flasher.Faults;
using NanoCard.Flasher.Trace;
using NanoCard.Hal;

namespace NanoCard.Flasher.Lab;

/// <summary>
/// The lab view of a running card (<c>sim</c> or <c>bridge</c> with <c>--web</c>): every trace
/// record goes to the page, and the card the link talks to is wrapped so that the page can switch
/// fault profiles and hold commands (with <c>--web-control</c>).
/// </summary>
public sealed class LabSession : IDisposable
{
    private readonly LabServer server;

    private LabSession(LabServer server, IApduEndpoint card)
    {
        this.server = server;
        Card = card;
    }

    /// <summary>The card as the link should use it: behind the fault profile and, with control, the step gate.</summary>
    public IApduEndpoint Card { get; }

    public static LabSession Start(LabSettings settings, TraceWriter trace, IApduEndpoint card, FaultProfile? faults, TimeProvider time, SlowNvm? eeprom,
        string mode, TextWriter output, CancellationToken cancel)
    {
        var feed = new LabFeed();
        trace.Recorded += feed.Publish;
        var switchable = new SwitchableFaults(card, faults, time, trace.Fault, eeprom);
        IApduEndpoint linked = switchable;
        LabControl? control = null;
        if (settings.Control)
        {
            var gate = new StepGate(switchable, held => trace.Record("held", new
            {
                command = held.Masked ? held.Command[..10] : held.Command,
                masked = held.Masked,
                name = held.Name,
                detail = held.Detail,
            }), cancel);
            control = new LabControl(switchable, gate, trace);
            linked = gate;
        }
        return new LabSession(LabServer.Start(settings, feed, control, mode, output), linked);
    }

    public void Dispose() => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
