using System.Text.Json;
using NanoCard.Issuance;
using SkiaSharp;

namespace NanoCard.Flasher.Tests;

/// <summary>Generated personas: deterministic, valid for the card, fictional, with real images (docs/persona.md).</summary>
public sealed class PersonaTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Fact]
    public void The_same_seed_makes_the_same_persona()
    {
        string a = JsonSerializer.Serialize(PersonaGenerator.Create(42, "gen1", Today), PersonaFile.Options);
        string b = JsonSerializer.Serialize(PersonaGenerator.Create(42, "gen1", Today), PersonaFile.Options);
        string c = JsonSerializer.Serialize(PersonaGenerator.Create(43, "gen1", Today), PersonaFile.Options);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(1000)]
    public void Generated_personas_pass_the_card_rules(int seed)
    {
        Persona p = PersonaGenerator.Create(seed, "gen1", Today);
        PersonaFile.Validate(p, "generated");
        Assert.True(MyNumber.IsValid(p.MyNumber));
        Assert.Contains(new[] { "架空", "見本", "仮想", "試作", "想定" }, town => p.Address.Contains(town, StringComparison.Ordinal));
        Assert.Contains('\u3000', p.Name);
        Assert.Equal(p.Expiry.Year - 10, Today.Year);
    }

    [Fact]
    public void Check_digit_follows_the_official_formula()
    {
        // Weights 6 5 4 3 2 7 6 5 4 3 2 from the left over 1 2 3 4 5 6 7 8 9 0 1: sum 212, 212 mod 11 = 3, 11 - 3 = 8
        // ("123456789018" is the example usually given for the formula).
        Assert.Equal(8, MyNumber.CheckDigit("12345678901"));
        Assert.Equal(0, MyNumber.CheckDigit("00000000000"));
        // Remainder 1 gives 0 too: in 00000000040 the 4 has weight 3, sum 12, 12 mod 11 = 1.
        Assert.Equal(0, MyNumber.CheckDigit("00000000040"));
        // 10000000000: the 1 is P11 with weight 6; 11 - 6 = 5.
        Assert.Equal(5, MyNumber.CheckDigit("10000000000"));
        Assert.True(MyNumber.IsValid("123456789018"));
        Assert.False(MyNumber.IsValid("123456789014"));
    }

    [Fact]
    public void Images_decode_with_their_documented_sizes()
    {
        Persona p = PersonaGenerator.Create(5, "gen1", Today);
        using SKBitmap photo = SKBitmap.Decode(p.FacePhoto);
        Assert.Equal((PersonaImages.PhotoWidth, PersonaImages.PhotoHeight), (photo.Width, photo.Height));
        using SKBitmap name = SKBitmap.Decode(p.NameImage);
        Assert.Equal(320, name.Width);
        using SKBitmap number = SKBitmap.Decode(p.MyNumberImage);
        Assert.Equal((72, 12), (number.Width, number.Height));
        Assert.NotEqual(PersonaImages.Face(5), PersonaImages.Face(6));
    }

    [Fact]
    public void A_file_round_trips()
    {
        string path = Path.Combine(Path.GetTempPath(), $"persona-{Guid.NewGuid():N}.json");
        try
        {
            Persona p = PersonaGenerator.Create(9, "gen1", Today);
            PersonaFile.Save(p, path);
            Persona back = PersonaFile.Load(path);
            Assert.Equal(JsonSerializer.Serialize(p, PersonaFile.Options), JsonSerializer.Serialize(back, PersonaFile.Options));
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static TheoryData<string, string, string> BadFields => new()
    {
        { "myNumber", "\"123456789015\"", "check digit" },
        { "pin", "\"12a4\"", "4 digits" },
        { "signPassword", "\"abc123\"", "A-Z and 0-9" },
        { "signPassword", "\"ABC12\"", "6 to 16" },
        { "sex", "\"3\"", "ISO 5218" },
        { "residentCode", "\"123\"", "11 digits" },
        { "birthDate", "\"1980-13-01\"", "not a valid persona" },
        { "profile", "\"gen3\"", "gen1 or gen2" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public void A_bad_field_is_named_in_one_line(string field, string value, string expected)
    {
        string path = Path.Combine(Path.GetTempPath(), $"persona-{Guid.NewGuid():N}.json");
        try
        {
            PersonaFile.Save(PersonaGenerator.Create(9, "gen1", Today), path);
            string json = File.ReadAllText(path);
            json = System.Text.RegularExpressions.Regex.Replace(json, $"\"{field}\": \"[^\"]*\"", $"\"{field}\": {value}");
            File.WriteAllText(path, json);
            var error = Assert.Throws<PersonaException>(() => PersonaFile.Load(path));
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
