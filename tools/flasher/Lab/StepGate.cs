using NanoCard.Flasher.Trace;
using NanoCard.Hal;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Lab;

/// <summary>
/// Step mode: while it is on, each command waits here, before the card (or the fault profile)
/// sees it, until the teacher presses "next" on the lab page. The reader meanwhile sees a slow
/// card; docs/labs.md ("Step mode") says how long each transport lets a card take.
/// The held command is announced as the trace would show it: a secret's data is masked.
/// </summary>
public sealed class StepGate(IApduEndpoint card, Action<ExplainedExchange> held, CancellationToken cancel) : IApduEndpoint
{
    private static readonly ResponseApdu NotYet = new([], 0x0000);
    private readonly object gate = new();
    private bool stepping;
    private bool waiting;
    private bool next;

    public bool Stepping
    {
        get { lock (gate) { return stepping; } }
        set
        {
            lock (gate)
            {
                stepping = value;
                Monitor.PulseAll(gate);
            }
        }
    }

    /// <summary>Lets the held command through; false when no command is waiting.</summary>
    public bool Next()
    {
        lock (gate)
        {
            if (!waiting)
            {
                return false;
            }
            next = true;
            Monitor.PulseAll(gate);
            return true;
        }
    }

    public int Transmit(byte[] command, int length, byte[] response)
    {
        if (Stepping)
        {
            // A fresh explainer: it names the instruction and masks secret data; the trace's own
            // explainer explains the exchange once it has happened.
            held(new ApduExplainer().Explain(command[..length], NotYet));
            Hold();
        }
        return card.Transmit(command, length, response);
    }

    public void Reset() => card.Reset();

    private void Hold()
    {
        lock (gate)
        {
            waiting = true;
            // Stopping the tool lets the command through: the link is closing anyway.
            while (stepping && !next && !cancel.IsCancellationRequested)
            {
                Monitor.Wait(gate, 200);
            }
            waiting = false;
            next = false;
        }
    }
}
