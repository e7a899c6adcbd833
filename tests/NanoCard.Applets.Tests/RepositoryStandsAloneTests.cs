using System.Text.RegularExpressions;

namespace NanoCard.Applets.Tests;

/// <summary>
/// The repository stands alone: code and docs cite public sources or the project's own docs, never
/// research notes kept outside it, and every "docs/references.md §n" they cite exists.
/// </summary>
public sealed partial class RepositoryStandsAloneTests
{
    private static readonly string[] Extensions = [".cs", ".md", ".sh", ".props", ".csproj"];

    /// <summary>
    /// Pointers to files that were never in the repository (a notes folder and its files). Written with
    /// character classes so that this file does not hold the text it looks for.
    /// </summary>
    [GeneratedRegex(@"shared[/]|mynacard-interface[.]md|nanoframework-esp32-pn532[.]md|card-os-anchors[.]md|next-gen-card[.]md|DESIGN[.]md")]
    private static partial Regex OutsidePointer();

    /// <summary>A citation of docs/references.md (or its short form [REF §n] in the docs): the section number.</summary>
    [GeneratedRegex(@"(?:references\.md|\[REF) §(\d+(?:\.\d+)?)")]
    private static partial Regex ReferenceCitation();

    [GeneratedRegex(@"^#{2,3} (\d+(?:\.\d+)?)\.? ", RegexOptions.Multiline)]
    private static partial Regex NumberedHeading();

    private static IEnumerable<string> SourceAndDocFiles(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f)))
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".git"));

    [Fact]
    public void No_file_points_outside_the_repository()
    {
        string root = ApduSpec.RepositoryRoot();
        var found = new List<string>();
        foreach (string file in SourceAndDocFiles(root))
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                if (OutsidePointer().IsMatch(lines[i]))
                {
                    found.Add($"{Path.GetRelativePath(root, file)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }
        Assert.True(found.Count == 0, "cite the public source or a docs/ section instead:\n" + string.Join('\n', found));
    }

    [Fact]
    public void Every_cited_reference_section_exists()
    {
        string root = ApduSpec.RepositoryRoot();
        var sections = NumberedHeading().Matches(File.ReadAllText(Path.Combine(root, "docs", "references.md")))
            .Select(m => m.Groups[1].Value).ToHashSet();
        var missing = new List<string>();
        foreach (string file in SourceAndDocFiles(root))
        {
            foreach (Match m in ReferenceCitation().Matches(File.ReadAllText(file)))
            {
                if (!sections.Contains(m.Groups[1].Value))
                {
                    missing.Add($"{Path.GetRelativePath(root, file)}: §{m.Groups[1].Value}");
                }
            }
        }
        Assert.True(sections.Count > 10, "docs/references.md has its numbered sections");
        Assert.True(missing.Count == 0, "no such section in docs/references.md:\n" + string.Join('\n', missing));
    }
}
