using System.Text.RegularExpressions;
using NanoCard.Applets.CardManager;
using NanoCard.Applets.Tests.Gen2;
using NanoCard.Issuance;

namespace NanoCard.Applets.Tests;

/// <summary>
/// Runs every example exchange of docs/apdu-spec.md §14 (the <c>```apdu gen1</c> and
/// <c>```apdu gen2</c> blocks) against a freshly issued card of that profile and compares each
/// response with the document, byte for byte except where it writes <c>..(n)</c>. A line
/// <c>= session KEYS LEVEL</c> opens an SCP03 session (KEYS: <c>test</c>, or KVN ENC MAC DEK in hex)
/// on the selected AP or domain, after which each command is sent wrapped and its reply compared
/// unwrapped (the document shows the plain command, as the INS table sees it), until <c>= end</c>.
/// </summary>
[Collection(IssuedCardCollection.Name)]
public sealed partial class ExampleExchangeTests(IssuedCardFixture gen1, Gen2CardFixture gen2) : IClassFixture<Gen2CardFixture>
{
    public sealed record Block(string Profile, int Line, string[] Lines)
    {
        public override string ToString() => $"{Profile} block at line {Line}";
    }

    public static TheoryData<Block> Blocks()
    {
        string[] lines = File.ReadAllLines(Path.Combine(ApduSpec.RepositoryRoot(), "docs", "apdu-spec.md"));
        var data = new TheoryData<Block>();
        for (int i = 0; i < lines.Length; i++)
        {
            Match start = BlockStart().Match(lines[i]);
            if (start.Success)
            {
                string[] body = [.. lines.Skip(i + 1).TakeWhile(l => l != "```")];
                data.Add(new Block(start.Groups[1].Value, i + 1, body));
            }
        }
        return data;
    }

    [Fact]
    public void The_document_has_examples_for_both_profiles()
    {
        var profiles = ((IEnumerable<object[]>)Blocks()).Select(row => ((Block)row[0]).Profile).ToList();
        Assert.True(profiles.Count(p => p == "gen1") >= 3 && profiles.Count(p => p == "gen2") >= 3, string.Join(",", profiles));
    }

    /// <summary>Every instruction the card knows (the INS constants of the OS and the APs) has an example, so a new one cannot go undocumented.</summary>
    [Fact]
    public void Every_instruction_has_an_example()
    {
        var documented = ((IEnumerable<object[]>)Blocks()).SelectMany(row => ((Block)row[0]).Lines)
            .Where(l => l.StartsWith("> ", StringComparison.Ordinal))
            .Select(l => Convert.FromHexString(l[2..].Replace(" ", "", StringComparison.Ordinal)[..4])[1]).ToHashSet();
        var known = new[] { typeof(Os.Iso7816), typeof(Shared.MynaIns), typeof(CardManager.Domains.ContentCommands) }
            .SelectMany(t => t.GetFields().Where(f => f.IsLiteral && f.FieldType == typeof(byte) && (t == typeof(Shared.MynaIns) || f.Name.StartsWith("Ins", StringComparison.Ordinal))))
            .Select(f => (Name: f.Name, Ins: (byte)f.GetRawConstantValue()!)).ToList();
        Assert.NotEmpty(known);
        Assert.Empty(known.Where(k => !documented.Contains(k.Ins)).Select(k => $"{k.Name} {k.Ins:X2}"));
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Example_runs_as_documented(Block block)
    {
        TestCard card = block.Profile == "gen2" ? gen2.NewCard() : gen1.NewCard();
        byte[] last = [];
        string? command = null;
        int step = 0;
        Scp03Session? session = null;
        foreach (string raw in block.Lines)
        {
            string line = raw.Trim();
            if (line.StartsWith("= ", StringComparison.Ordinal))
            {
                session = line == "= end" ? null : OpenSession(card, line[2..].Split(' '));
            }
            else if (line.StartsWith("> ", StringComparison.Ordinal))
            {
                command = line[2..];
            }
            else if (line.StartsWith("< ", StringComparison.Ordinal))
            {
                Assert.NotNull(command);
                step++;
                string hex = command!.Contains("{cryptogram}", StringComparison.Ordinal)
                    ? command.Replace("{cryptogram}", Convert.ToHexString(IssuerAuthentication.Cryptogram(IssuerKey.TestKey, last)), StringComparison.Ordinal)
                    : command;
                byte[] bytes = Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
                ResponseApdu response = session is null ? card.Send(bytes) : session.Transmit(bytes);
                string actual = Convert.ToHexString(response.Data) + response.Sw.ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(Matches(line[2..], actual), $"{block}, step {step}: {command}\n  documented {line[2..]}\n  card       {Convert.ToHexString(response.Data)} {response.Sw:X4}");
                last = response.Data;
                command = null;
            }
        }
        Assert.True(step > 0, $"{block} has no exchange");
    }

    /// <summary><c>session test 13</c> or <c>session KVN ENC MAC DEK LEVEL</c> (hex): an SCP03 session on the selected applet.</summary>
    private static Scp03Session OpenSession(TestCard card, string[] words)
    {
        Assert.Equal("session", words[0]);
        Scp03Keys keys = words[1] == "test"
            ? Scp03Keys.Test
            : new Scp03Keys(Convert.FromHexString(words[1])[0], Convert.FromHexString(words[2]), Convert.FromHexString(words[3]), Convert.FromHexString(words[4]));
        return Scp03Session.Open(new Issuance.Content.ResponseFollowingChannel(card.Client), keys, Convert.FromHexString(words[^1])[0]);
    }

    /// <summary>The documented response (hex, spaces ignored, <c>..(n)</c> = any n bytes) against the card's.</summary>
    private static bool Matches(string documented, string actual)
    {
        string pattern = "^" + string.Concat(Wildcard().Split(documented.Replace(" ", "", StringComparison.Ordinal))
            .Select((part, i) => i % 2 == 0 ? Regex.Escape(part) : $"[0-9A-F]{{{2 * int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)}}}")) + "$";
        return Regex.IsMatch(actual, pattern);
    }

    [GeneratedRegex(@"^```apdu (gen1|gen2)$")]
    private static partial Regex BlockStart();

    [GeneratedRegex(@"\.\.\((\d+)\)")]
    private static partial Regex Wildcard();
}
