using System.Text.RegularExpressions;

namespace NanoCard.Flasher.Lessons;

/// <summary>
/// The generated blocks of docs/teaching.md: each lesson's text sits in a <c>text</c> fence
/// between <c>&lt;!-- lesson:NAME --&gt;</c> and <c>&lt;!-- /lesson:NAME --&gt;</c>; the prose
/// around them is the author's and is never touched.
/// </summary>
public static partial class TeachingGuide
{
    public const string UpdateCommand = "dotnet run --project tools/flasher -c Release -- demo --lesson all --update-doc docs/teaching.md";

    [GeneratedRegex(@"<!-- lesson:(?<name>[a-z0-9-]+) -->\n```text\n(?<text>.*?)```\n<!-- /lesson:\k<name> -->", RegexOptions.Singleline)]
    private static partial Regex Block();

    /// <summary>Each block's lesson name and text, in the guide's order.</summary>
    public static IReadOnlyList<(string Name, string Text)> Blocks(string guide)
        => [.. Block().Matches(Unix(guide)).Select(m => (m.Groups["name"].Value, m.Groups["text"].Value))];

    /// <summary>The guide with the blocks of <paramref name="texts"/>' lessons replaced; every one must have a block.</summary>
    public static string Update(string guide, IReadOnlyDictionary<string, string> texts)
    {
        guide = Unix(guide);
        string[] missing = [.. texts.Keys.Except(Blocks(guide).Select(b => b.Name))];
        if (missing.Length > 0)
        {
            throw new UserError($"the guide has no block for lesson {string.Join(", ", missing)}: add <!-- lesson:NAME --> ```text ``` <!-- /lesson:NAME --> where it belongs");
        }
        return Block().Replace(guide, m => texts.TryGetValue(m.Groups["name"].Value, out string? text)
            ? $"<!-- lesson:{m.Groups["name"].Value} -->\n```text\n{text}```\n<!-- /lesson:{m.Groups["name"].Value} -->"
            : m.Value);
    }

    private static string Unix(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
