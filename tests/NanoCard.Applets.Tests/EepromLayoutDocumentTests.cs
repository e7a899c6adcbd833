using System.Globalization;
using System.Text.RegularExpressions;

namespace NanoCard.Applets.Tests;

/// <summary>docs/eeprom-layout.md's figures for the gen1 card against a freshly installed one.</summary>
public sealed partial class EepromLayoutDocumentTests
{
    [Fact]
    public void Object_count_and_free_space_match_the_document()
    {
        string doc = File.ReadAllText(Path.Combine(ApduSpec.RepositoryRoot(), "docs", "eeprom-layout.md"));
        Match figures = Figures().Match(doc);
        Assert.True(figures.Success, "eeprom-layout.md states the gen1 card's object count and free bytes");
        TestCard card = TestCard.Blank();
        Assert.Equal(int.Parse(figures.Groups[1].Value, CultureInfo.InvariantCulture), card.Store.ObjectCount);
        Assert.Equal(int.Parse(figures.Groups[2].Value.Replace(" ", "", StringComparison.Ordinal), CultureInfo.InvariantCulture), card.Store.FreeBytes);
    }

    [GeneratedRegex(@"makes (\d+) objects and leaves ([\d ]+) bytes of the data area free")]
    private static partial Regex Figures();
}
