namespace NanoCard.Flasher.Faults;

public enum FaultKind
{
    None,
    StatusWord,
    Truncated,
    CardRemoved,
}

/// <summary>What happens to one command: the delay before it and at most one other fault.</summary>
public readonly record struct FaultDecision(long Command, TimeSpan Delay, FaultKind Kind, ushort StatusWord);

/// <summary>
/// Decides each command's fault, deterministically (the rule in docs/labs.md, "Which command gets
/// which fault"): commands are numbered from 1 since the tool started, across reconnections; each
/// takes exactly one <see cref="Random.NextDouble"/> draw from <c>new Random(seed)</c>, whatever
/// happens to it, so command n always sees the n-th draw.
/// </summary>
public sealed class FaultSchedule(FaultProfile profile)
{
    private readonly Random random = new(profile.Seed);
    private long commands;
    private int statusFaults;

    public FaultDecision Next(byte ins)
    {
        long n = ++commands;
        double draw = random.NextDouble();
        TimeSpan delay = profile.DelayFor(ins);
        if (profile.RemoveAtCommands.Contains(n))
        {
            return new(n, delay, FaultKind.CardRemoved, 0);
        }
        if (draw < profile.StatusRate)
        {
            return new(n, delay, FaultKind.StatusWord, profile.StatusWord(statusFaults++));
        }
        return new(n, delay, draw < profile.StatusRate + profile.TruncateRate ? FaultKind.Truncated : FaultKind.None, 0);
    }
}
