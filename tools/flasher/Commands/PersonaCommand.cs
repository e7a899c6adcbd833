using System.CommandLine;
using System.Security.Cryptography;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Commands;

/// <summary><c>flasher persona new</c>: a made-up person as JSON (docs/persona.md), its face photo next to it.</summary>
public static class PersonaCommand
{
    public static Command Create()
    {
        var profile = new Option<string>("--profile") { Description = Cards.Profiles.Description, DefaultValueFactory = _ => "gen1" };
        var curve = new Option<string>("--curve") { Description = "gen2: the curve of the card's EC keys, P-256 or P-384", DefaultValueFactory = _ => "P-256" };
        var seed = new Option<int?>("--seed") { Description = "the same seed makes the same person (default: random, printed)" };
        var output = new Option<string>("--out") { Description = "the JSON file to write", Required = true };
        var create = new Command("new", "make a made-up person") { profile, seed, output, curve };
        create.SetAction(result => New(result.GetValue(profile)!, result.GetValue(seed), result.GetValue(output)!, Console.Out, result.GetValue(curve)!));
        return new Command("persona", "made-up people for test cards") { create };
    }

    public static int New(string profile, int? seed, string path, TextWriter output, string curve = "P-256")
    {
        if (profile is not ("gen1" or "gen2"))
        {
            throw new UserError($"unknown profile '{profile}': use gen1 or gen2");
        }
        if (curve is not ("P-256" or "P-384"))
        {
            throw new UserError($"unknown curve '{curve}': use P-256 or P-384");
        }
        int actual = seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        Persona persona = PersonaGenerator.Create(actual, profile, DateOnly.FromDateTime(DateTime.UtcNow), curve);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new UserError($"cannot write '{path}': the folder {directory} does not exist");
        }
        PersonaFile.Save(persona, path);
        string photo = Path.ChangeExtension(path, ".face.jpg");
        File.WriteAllBytes(photo, persona.FacePhoto);
        string colour = "";
        if (persona.ColourPhoto.Length > 0)
        {
            string colourPath = Path.ChangeExtension(path, ".colour.jpg");
            File.WriteAllBytes(colourPath, persona.ColourPhoto);
            colour = $", colour photo {colourPath} ({persona.ColourPhoto.Length:N0} bytes, EC keys on {persona.Curve})";
        }
        output.WriteLine($"{path}: {persona.Name} ({persona.NameRoman}), {persona.Profile}, seed {actual}; face photo {photo}{colour}");
        return 0;
    }
}
