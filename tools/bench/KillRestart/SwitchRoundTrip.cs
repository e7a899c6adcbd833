using System.Diagnostics;
using NanoCard.Issuance;

namespace NanoCard.Bench.KillRestart;

/// <summary>
/// How long SWITCH KEY SET takes in this run, through pcscd and vpcd to the simulator and back: from
/// the step <see cref="Gen2Renewer"/> reports just before the command to the one it reports once the
/// reply is in, the same two moments the campaign's kill delay is counted between. The campaign aims
/// kills that fall on the switch across the last round trip measured, so they land inside the command.
/// </summary>
public sealed class SwitchRoundTrip
{
    private long sent;
    private int count;
    private TimeSpan total;

    /// <summary>The last round trip measured; zero before the first.</summary>
    public TimeSpan Last { get; private set; }

    public TimeSpan Shortest { get; private set; } = TimeSpan.MaxValue;

    public TimeSpan Longest { get; private set; }

    /// <summary>Times the switch of every renewal <paramref name="renewer"/> runs that reaches it.</summary>
    public void Watch(Gen2Renewer renewer) => renewer.Step += step =>
    {
        if (step == RenewalPhases.SwitchStep)
        {
            sent = Stopwatch.GetTimestamp();
        }
        else if (step == RenewalPhases.RevocationStep && sent != 0)
        {
            Add(Stopwatch.GetElapsedTime(sent));
            sent = 0;
        }
    };

    public string Describe() => count == 0
        ? "the switch was never timed"
        : $"SWITCH KEY SET round trip {Shortest.TotalMilliseconds:F1}–{Longest.TotalMilliseconds:F1} ms, mean {total.TotalMilliseconds / count:F1} ms over {count:N0} renewals";

    private void Add(TimeSpan roundTrip)
    {
        Last = roundTrip;
        count++;
        total += roundTrip;
        Shortest = roundTrip < Shortest ? roundTrip : Shortest;
        Longest = roundTrip > Longest ? roundTrip : Longest;
    }
}
