using System.Globalization;
using System.Text.RegularExpressions;

namespace NanoCard.Applets.Tests;

/// <summary>docs/eeprom-layout.md's figures for the gen1 card against a freshly installed one.</summary>
public sealed partial class EepromLayoutDocumentTests
{
    [Theory]
    [InlineData("gen1", MynaCard.Gen1)]
    [InlineData("gen2", MynaCard.Gen2)]
    public void Object_count_and_free_space_match_the_document(string name, byte profile)
    {
        string doc = File.ReadAllText(Path.Combine(ApduSpec.RepositoryRoot(), "docs", "eeprom-layout.md"));
        Match figures = Figures().Matches(doc).SingleOrDefault(m => m.Groups[1].Value == name) ?? Match.Empty;
        Assert.True(figures.Success, $"eeprom-layout.md states the {name} card's object count and free bytes");
        TestCard card = TestCard.Blank(profile: profile);
        Assert.Equal(int.Parse(figures.Groups[2].Value, CultureInfo.InvariantCulture), card.Store.ObjectCount);
        Assert.Equal(int.Parse(figures.Groups[3].Value.Replace(" ", "", StringComparison.Ordinal), CultureInfo.InvariantCulture), card.Store.FreeBytes);
    }

    [GeneratedRegex(@"The (gen1|gen2) card \(`MynaCard`, profile gen\d\) makes (\d+) objects and leaves ([\d ]+) bytes of the data area free")]
    private static partial Regex Figures();
}
