using System.Text.Json;
using System.Text.Json.Nodes;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// A persona's licence and municipal cards (docs/persona.md, "Licence and municipal cards"): made
/// from the seed alone, following the documented rules, without changing any other field of the
/// persona, and absent (but loadable) in persona files made before they existed.
/// </summary>
public sealed class LicencePersonaTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(21)]
    [InlineData(1000)]
    public void The_licence_follows_the_documented_rules(int seed)
    {
        Persona p = PersonaGenerator.Create(seed, "gen2", Today);
        LicenceData l = p.Licence!;
        PersonaFile.Validate(p, "generated");
        string prefecture = l.Commission[..^"公安委員会".Length];
        Assert.StartsWith(prefecture, p.Address, StringComparison.Ordinal);
        Assert.StartsWith(prefecture, l.RegisteredDomicile, StringComparison.Ordinal);
        string code = prefecture switch { "北海道" => "10", "宮城県" => "22", "東京都" => "30", "愛知県" => "54", "大阪府" => "62", _ => "91" };
        LicenceCategory first = l.Categories[0];
        Assert.Equal(code + (first.Since.Year % 100).ToString("D2", System.Globalization.CultureInfo.InvariantCulture), l.Number[..4]);
        Assert.Equal(first.Since < new DateOnly(2007, 6, 2) ? "中型" : first.Since < new DateOnly(2017, 3, 12) ? "準中型" : "普通", first.Name);
        Assert.InRange(first.Since, p.BirthDate.AddYears(18), Today);
        Assert.InRange(l.Issued, Today.AddDays(-365), Today);
        Assert.Equal(p.BirthDate.AddMonths(1).Month, l.ValidUntil.Month);
        Assert.Equal(l.Colour == "違反" ? 3 : 5, l.ValidUntil.AddMonths(-1).Year - l.Issued.Year);
        Assert.NotEqual(l.Pin1 + l.Pin2, p.Pin + p.Pin);
        Assert.StartsWith(p.Municipal!.Municipality, p.Address[prefecture.Length..], StringComparison.Ordinal);
    }

    [Fact]
    public void A_persona_file_without_them_still_loads_and_keeps_its_other_fields()
    {
        Persona p = PersonaGenerator.Create(9, "gen1", Today);
        JsonObject json = JsonSerializer.SerializeToNode(p, PersonaFile.Options)!.AsObject();
        json.Remove("licence");
        json.Remove("municipal");
        string path = Path.Combine(Path.GetTempPath(), $"persona-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, json.ToJsonString());
            Persona old = PersonaFile.Load(path);
            Assert.Null(old.Licence);
            Assert.Null(old.Municipal);
            Assert.Equal((p.MyNumber, p.Pin, p.Serial), (old.MyNumber, old.Pin, old.Serial));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
