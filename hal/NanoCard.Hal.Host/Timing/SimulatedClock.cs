using NanoCard.Hal.Timing;

namespace NanoCard.Hal.Host.Timing;

/// <summary>
/// A clock that only moves when told: <see cref="Sleep"/> and the simulated devices' transfer and
/// work times advance it. Tests of timeouts and of readers that pause for seconds run in
/// microseconds of real time and give the same result every run. Safe to share between the
/// driver's thread and a device model's thread.
/// </summary>
public sealed class SimulatedClock : IClock
{
    private long microseconds;

    public long Microseconds => Interlocked.Read(ref microseconds);

    public long Milliseconds => Microseconds / 1000;

    public void Sleep(int milliseconds) => Advance(milliseconds * 1000L);

    /// <summary>Moves the clock on by <paramref name="us"/> microseconds (work or transfer time).</summary>
    public void Advance(long us) => Interlocked.Add(ref microseconds, us);

    /// <summary>Moves the clock to <paramref name="us"/> if that is later than now.</summary>
    public void AdvanceTo(long us)
    {
        long now = Microseconds;
        if (us > now)
        {
            Interlocked.Add(ref microseconds, us - now);
        }
    }
}
