using System.CommandLine;
using System.Security.Cryptography;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Commands;

/// <summary><c>flasher persona new</c>: a made-up person as JSON (docs/persona.md), its face photo next to it.</summary>
public static class PersonaCommand
{
    public static Command Create()
    {
        var profile = new Option<string>("--profile") { Description = "gen1 (today's card) or gen2 (next generation)", DefaultValueFactory = _ => "gen1" };
        var seed = new Option<int?>("--seed") { Description = "the same seed makes the same person (default: random, printed)" };
        var output = new Option<string>("--out") { Description = "the JSON file to write", Required = true };
        var create = new Command("new", "make a made-up person") { profile, seed, output };
        create.SetAction(result => New(result.GetValue(profile)!, result.GetValue(seed), result.GetValue(output)!, Console.Out));
        return new Command("persona", "made-up people for test cards") { create };
    }

    public static int New(string profile, int? seed, string path, TextWriter output)
    {
        if (profile is not ("gen1" or "gen2"))
        {
            throw new UserError($"unknown profile '{profile}': use gen1 or gen2");
        }
        int actual = seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        Persona persona = PersonaGenerator.Create(actual, profile, DateOnly.FromDateTime(DateTime.UtcNow));
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new UserError($"cannot write '{path}': the folder {directory} does not exist");
        }
        PersonaFile.Save(persona, path);
        string photo = Path.ChangeExtension(path, ".face.jpg");
        File.WriteAllBytes(photo, persona.FacePhoto);
        output.WriteLine($"{path}: {persona.Name} ({persona.NameRoman}), {persona.Profile}, seed {actual}; face photo {photo}");
        return 0;
    }
}
