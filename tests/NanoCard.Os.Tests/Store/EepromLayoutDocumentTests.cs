using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using NanoCard.Os.Store;

namespace NanoCard.Os.Tests.Store;

/// <summary>docs/eeprom-layout.md must describe the layout the code builds, region by region and field by field.</summary>
public partial class EepromLayoutDocumentTests
{
    private static readonly string Document = File.ReadAllText(Path.Combine(ApduSpecDocumentTests.RepositoryRoot(), "docs", "eeprom-layout.md"));

    [GeneratedRegex(@"^\| (header|commit slots|counter area|directory|journal|data) \| `0x([0-9A-F]+)` \| (\d+) \|", RegexOptions.Multiline)]
    private static partial Regex RegionRow();

    [GeneratedRegex(@"^### [^\n]*\(`(\w+)`\)\n(.*?)(?=^##)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex RecordSection();

    [GeneratedRegex(@"^\| `(Offset\w+)` \| (\d+) \|", RegexOptions.Multiline)]
    private static partial Regex FieldRow();

    [GeneratedRegex(@"^\| `(\w+)(?:\(\w+\))?`(?:, `(\w+)`)? \| ", RegexOptions.Multiline)]
    private static partial Regex SpaceRow();

    [Fact]
    public void The_region_table_is_the_default_layout()
    {
        var layout = StoreLayout.Default();
        var expected = new Dictionary<string, (int Offset, int Size)>
        {
            ["header"] = (layout.HeaderAddress, layout.PageSize),
            ["commit slots"] = (layout.CommitAddress, StoreLayout.CommitSlots * layout.PageSize),
            ["counter area"] = (layout.CounterAddress, layout.CounterSlots * layout.CounterSlotSize),
            ["directory"] = (layout.DirectoryAddress, layout.DirectorySize),
            ["journal"] = (layout.JournalAddress, layout.JournalSize),
            ["data"] = (layout.DataAddress, layout.DataSize),
        };
        var rows = RegionRow().Matches(Document);
        Assert.Equal(expected.Count, rows.Count);
        foreach (Match row in rows)
        {
            var (offset, size) = expected[row.Groups[1].Value];
            Assert.Equal(offset, int.Parse(row.Groups[2].Value, NumberStyles.HexNumber));
            Assert.Equal(size, int.Parse(row.Groups[3].Value));
        }
        Assert.Equal(layout.Size, expected.Values.Sum(r => r.Size));
    }

    [Fact]
    public void Every_record_field_table_matches_its_class()
    {
        var sections = RecordSection().Matches(Document);
        Assert.Equal(4, sections.Count);
        foreach (Match section in sections)
        {
            var type = typeof(CardStore).Assembly.GetType("NanoCard.Os.Store." + section.Groups[1].Value)!;
            Assert.NotNull(type);
            var constants = type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.Name.StartsWith("Offset"))
                .ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!);
            var rows = FieldRow().Matches(section.Groups[2].Value).ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value));
            Assert.Equal(constants.Keys.Order(), rows.Keys.Order());
            foreach (var (name, value) in constants) Assert.True(rows[name] == value, $"{type.Name}.{name} is {value}, the doc says {rows[name]}");
        }
    }

    [Fact]
    public void The_documented_default_parameters_are_the_code_defaults()
    {
        Assert.Contains($"{StoreLayout.DefaultCounterSlots} counter snapshot slots", Document);
        Assert.Contains($"{StoreLayout.DefaultDirectoryEntries} directory entries of {DirectoryEntry.Length} bytes", Document);
        Assert.Contains($"counters per snapshot ({StoreLayout.DefaultCounterCapacity})", Document);
        Assert.Contains($"| after the values | {CounterSnapshot.CrcOffset(StoreLayout.DefaultCounterCapacity)} | 4 |", Document);
    }

    /// <summary>"What the store reports" names every public free-space figure of <see cref="CardStore"/>, and only those.</summary>
    [Fact]
    public void The_free_space_table_names_the_stores_figures()
    {
        int start = Document.IndexOf("What the store reports", StringComparison.Ordinal);
        Assert.True(start > 0);
        var table = Document[start..Document.IndexOf("\n\n", Document.IndexOf("|---|", start, StringComparison.Ordinal), StringComparison.Ordinal)];
        var documented = SpaceRow().Matches(table).SelectMany(m => new[] { m.Groups[1].Value, m.Groups[2].Value }).Where(n => n.Length > 0).Order().ToArray();
        var figures = typeof(CardStore).GetMembers(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m is PropertyInfo or MethodInfo { IsSpecialName: false } && (m.Name.StartsWith("Free", StringComparison.Ordinal) || m.Name.Contains("Used", StringComparison.Ordinal) || m.Name.StartsWith("Unused", StringComparison.Ordinal)))
            .Select(m => m.Name).Distinct().Order().ToArray();
        Assert.Contains("UsedBytesOf", documented);
        Assert.Equal(figures, documented);
    }

    /// <summary>The bound that makes an AP's deletion one transaction, as the reclamation section states it.</summary>
    [Fact]
    public void The_deletion_bound_is_the_default_layouts()
    {
        var layout = StoreLayout.Default();
        int entry = layout.PageSize + 6;
        Assert.Contains($"at most the directory region, {layout.DirectorySize / layout.PageSize}\npages", Document);
        Assert.Contains($"({layout.DirectorySize / layout.PageSize} of its {layout.JournalSize / entry} entries of {entry} bytes)", Document);
    }
}
