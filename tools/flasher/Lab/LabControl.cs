using NanoCard.Flasher.Faults;
using NanoCard.Flasher.Trace;

namespace NanoCard.Flasher.Lab;

/// <summary>
/// What the lab page may change while the card runs (only with <c>--web-control</c>): the fault
/// profile, by built-in name and seed, and step mode. Each change is a record in the trace.
/// </summary>
public sealed class LabControl(SwitchableFaults faults, StepGate gate, TraceWriter trace)
{
    /// <summary>The built-in profiles the page may switch to: those that leave the card's frame size and memory as they are.</summary>
    public static IReadOnlyList<string> Switchable { get; } = [.. FaultProfiles.BuiltIn.Where(n => FaultProfiles.Load(n) is { MaxResponse: null, PageWriteMs: 0 })];

    public SwitchableFaults Faults => faults;

    public bool Stepping => gate.Stepping;

    /// <summary>Switches to the built-in profile <paramref name="name"/> ("" for none), with <paramref name="seed"/> when given.</summary>
    public void SwitchFaults(string name, int? seed)
    {
        if (name.Length > 0 && !Switchable.Contains(name))
        {
            // Only built-in names: the page must not make the tool read a file by its path.
            throw new UserError($"'{name}' is not a profile the page can switch to: {string.Join(", ", Switchable)}");
        }
        FaultProfile? profile = name.Length == 0 ? null : FaultProfiles.Load(name, seed);
        faults.Switch(profile);
        trace.Record("profile", new { name = profile?.Name ?? "", seed = profile?.Seed ?? 0 },
            profile is null ? "fault profile off (lab page)" : $"fault profile {profile.Name} (seed {profile.Seed}) from the lab page: command numbers count from 1 again");
    }

    public void Step(bool on)
    {
        gate.Stepping = on;
        trace.Record("step", on);
    }

    public bool Next() => gate.Next();
}
