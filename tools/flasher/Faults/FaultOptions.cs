using System.CommandLine;

namespace NanoCard.Flasher.Faults;

/// <summary><c>--faults</c> and <c>--fault-seed</c>, shared by <c>sim</c> and <c>bridge</c>.</summary>
public sealed class FaultOptions
{
    public Option<string?> Profile { get; } = new("--faults")
    {
        Description = $"apply a fault profile on the card side: {string.Join(", ", FaultProfiles.BuiltIn)} (docs/labs.md), or a JSON file",
    };

    public Option<int?> Seed { get; } = new("--fault-seed") { Description = "replaces the fault profile's seed" };

    public FaultProfile? Resolve(ParseResult result)
    {
        int? seed = result.GetValue(Seed);
        if (result.GetValue(Profile) is string profile)
        {
            return FaultProfiles.Load(profile, seed);
        }
        return seed is null ? null : throw new UserError("--fault-seed replaces a fault profile's seed: name the profile with --faults");
    }

    /// <summary>Says which profile runs, and with which seed, so a lab can rerun it.</summary>
    public static void Announce(FaultProfile? faults, TextWriter output)
    {
        if (faults is not null)
        {
            output.WriteLine($"fault profile {faults.Name} (seed {faults.Seed}): {faults.Description}");
        }
    }
}
