using System.Reflection;
using System.Text.RegularExpressions;

namespace NanoCard.Os.Tests;

/// <summary>docs/apdu-spec.md §7 and <see cref="Sw"/> must list the same status words with the same values.</summary>
public partial class ApduSpecDocumentTests
{
    [GeneratedRegex(@"^\| `([0-9A-F]{2})([0-9A-Fx]{2})` \| `(\w+)` \|", RegexOptions.Multiline)]
    private static partial Regex StatusRow();

    private static Dictionary<string, string> DocumentedRows()
    {
        string path = Path.Combine(RepositoryRoot(), "docs", "apdu-spec.md");
        return StatusRow().Matches(File.ReadAllText(path))
            .ToDictionary(m => m.Groups[3].Value, m => m.Groups[1].Value + m.Groups[2].Value);
    }

    private static Dictionary<string, int> CodeConstants() =>
        typeof(Sw).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => f.FieldType == typeof(byte) ? (byte)f.GetRawConstantValue()! << 8 : (ushort)f.GetRawConstantValue()!);

    [Fact]
    public void Every_status_word_constant_is_documented_with_its_value()
    {
        var rows = DocumentedRows();
        foreach (var (name, value) in CodeConstants())
        {
            Assert.True(rows.ContainsKey(name), $"Sw.{name} is missing from docs/apdu-spec.md §7");
            string documented = rows[name];
            int documentedValue = Convert.ToInt32(documented.Replace('x', '0'), 16);
            int mask = documented.EndsWith("xx") ? 0xFF00 : documented.EndsWith('x') ? 0xFFF0 : 0xFFFF;
            Assert.Equal(documentedValue, value & mask);
        }
    }

    [Fact]
    public void Every_documented_status_word_exists_in_the_code()
    {
        var constants = CodeConstants();
        var rows = DocumentedRows();
        Assert.NotEmpty(rows);
        foreach (var name in rows.Keys)
        {
            Assert.True(constants.ContainsKey(name), $"docs/apdu-spec.md §7 lists Sw.{name}, which the code does not have");
        }
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "nf.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new DirectoryNotFoundException("nf.sln not found above " + AppContext.BaseDirectory);
    }
}
