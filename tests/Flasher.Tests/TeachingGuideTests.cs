using NanoCard.Flasher.Commands;
using NanoCard.Flasher.Lessons;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// docs/teaching.md never goes stale: every lesson run fresh must print exactly the block the
/// guide shows, and the guide has one block per lesson of <c>flasher demo --lesson list</c>.
/// </summary>
public sealed class TeachingGuideTests
{
    private static readonly string GuidePath = Path.Combine(RepositoryRoot.Path, "docs", "teaching.md");

    public static TheoryData<string> LessonNames() => [.. LessonCatalog.All.Select(l => l.Name)];

    [Theory]
    [MemberData(nameof(LessonNames))]
    public void The_guide_shows_what_the_lesson_prints_today(string name)
    {
        string shown = Block(name) ?? throw new Xunit.Sdk.XunitException($"docs/teaching.md has no block for lesson '{name}'");
        string fresh = LessonCatalog.Text(LessonCatalog.Find(name)!);
        if (shown != fresh)
        {
            throw new Xunit.Sdk.XunitException(
                $"docs/teaching.md is stale for lesson '{name}' (first difference at line {FirstDifferentLine(shown, fresh)}); regenerate it with:\n  {TeachingGuide.UpdateCommand}");
        }
    }

    [Fact]
    public void Every_lesson_has_one_block_and_every_block_a_lesson()
    {
        var listed = new StringWriter();
        LessonCommand.Run("list", null, listed);
        string[] lessons = [.. listed.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0])];
        string[] blocks = [.. TeachingGuide.Blocks(File.ReadAllText(GuidePath)).Select(b => b.Name)];
        Assert.Equal(lessons, blocks);
    }

    [Fact]
    public void The_pin_lesson_masks_every_pin_value()
    {
        string first = LessonCatalog.Text(LessonCatalog.Find("pin-countdown")!);
        string pinHex = Convert.ToHexString(LessonCard.Issue().Pin);
        Assert.DoesNotContain(pinHex, first, StringComparison.Ordinal);
        Assert.Contains("0020009804********", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_rewrites_only_the_blocks_and_refuses_a_guide_without_one()
    {
        string guide = "prose\n<!-- lesson:a -->\n```text\nold\n```\n<!-- /lesson:a -->\nmore prose\n";
        string updated = TeachingGuide.Update(guide, new Dictionary<string, string> { ["a"] = "new\n" });
        Assert.Equal("prose\n<!-- lesson:a -->\n```text\nnew\n```\n<!-- /lesson:a -->\nmore prose\n", updated);
        Assert.Throws<UserError>(() => TeachingGuide.Update(guide, new Dictionary<string, string> { ["b"] = "x\n" }));
    }

    private static string? Block(string name)
        => TeachingGuide.Blocks(File.ReadAllText(GuidePath)).Where(b => b.Name == name).Select(b => b.Text).SingleOrDefault();

    private static int FirstDifferentLine(string a, string b)
    {
        string[] x = a.Split('\n'), y = b.Split('\n');
        int i = 0;
        while (i < Math.Min(x.Length, y.Length) && x[i] == y[i])
        {
            i++;
        }
        return i + 1;
    }
}
