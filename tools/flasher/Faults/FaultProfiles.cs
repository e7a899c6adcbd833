using System.Reflection;
using System.Text.Json;

namespace NanoCard.Flasher.Faults;

/// <summary>
/// Finds a fault profile: a built-in name (the JSON files in Faults/Profiles, embedded in the
/// tool) or the path of a JSON file of the same format. Anything wrong is a one-line user error.
/// </summary>
public static class FaultProfiles
{
    private const string Prefix = "faults.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // A misspelt field would otherwise be ignored and the lab would run without its fault.
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static IReadOnlyList<string> BuiltIn { get; } = typeof(FaultProfiles).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".json".Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Loads <paramref name="nameOrPath"/>; <paramref name="seed"/>, when given, replaces the profile's seed.</summary>
    public static FaultProfile Load(string nameOrPath, int? seed = null)
    {
        string json;
        if (BuiltIn.Contains(nameOrPath))
        {
            using Stream stream = typeof(FaultProfiles).Assembly.GetManifestResourceStream(Prefix + nameOrPath + ".json")!;
            json = new StreamReader(stream).ReadToEnd();
        }
        else if (File.Exists(nameOrPath))
        {
            json = File.ReadAllText(nameOrPath);
        }
        else
        {
            throw Error($"unknown fault profile '{nameOrPath}'");
        }
        FaultProfile profile;
        try
        {
            profile = JsonSerializer.Deserialize<FaultProfile>(json, Json) ?? throw Error($"fault profile '{nameOrPath}' is empty");
        }
        catch (JsonException e)
        {
            throw Error($"fault profile '{nameOrPath}' is not valid: {e.Message}");
        }
        if (profile.Problem() is string problem)
        {
            throw Error($"fault profile '{nameOrPath}': {problem}");
        }
        return profile with { Name = nameOrPath, Seed = seed ?? profile.Seed };
    }

    private static UserError Error(string what) =>
        new($"{what}: name a built-in profile ({string.Join(", ", BuiltIn)}; docs/labs.md) or a JSON file");
}
