using System.Diagnostics;

namespace NanoCard.Bench.KillRestart;

/// <summary>
/// A wait to a moment given as a <see cref="Stopwatch"/> timestamp, finer than Thread.Sleep's
/// milliseconds: sleeps while more than <see cref="SpinBelow"/> is left, then spins, so a kill can be
/// aimed inside a command that takes a few milliseconds.
/// </summary>
public static class PreciseWait
{
    /// <summary>Below this the scheduler's sleep granularity (about 1 ms on Linux) would overshoot.</summary>
    private static readonly TimeSpan SpinBelow = TimeSpan.FromMilliseconds(2);

    public static void Until(long timestamp)
    {
        while (true)
        {
            TimeSpan left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
            if (left <= TimeSpan.Zero)
            {
                return;
            }
            if (left > SpinBelow)
            {
                Thread.Sleep(left - SpinBelow);
            }
            else
            {
                Thread.SpinWait(20);
            }
        }
    }
}
