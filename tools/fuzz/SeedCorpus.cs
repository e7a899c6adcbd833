using System.Text.RegularExpressions;

namespace NanoCard.Fuzz;

/// <summary>
/// The seed corpus, one input per documented command: for each command line of the example
/// exchanges in docs/apdu-spec.md §14, the block's commands up to and including it (so the
/// command runs in the state the document shows), on the block's profile. The issuer cryptogram
/// placeholder becomes 16 zero bytes (the fuzzer cannot know the challenge); the SCP03 session
/// lines become <see cref="FuzzInput"/>'s steering records.
/// </summary>
public static partial class SeedCorpus
{
    public static SortedDictionary<string, byte[]> FromSpec(string apduSpec)
    {
        var corpus = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        string[] lines = apduSpec.Split('\n');
        int block = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            Match start = BlockStart().Match(lines[i].TrimEnd('\r'));
            if (!start.Success)
            {
                continue;
            }
            bool gen2 = start.Groups[1].Value == "gen2";
            block++;
            var commands = new List<byte[]>();
            for (int j = i + 1; j < lines.Length && lines[j].TrimEnd('\r') != "```"; j++)
            {
                string line = lines[j].Trim();
                if (line.StartsWith("= ", StringComparison.Ordinal))
                {
                    commands.Add(FuzzInput.SessionRecord(line));
                    continue;
                }
                if (!line.StartsWith("> ", StringComparison.Ordinal))
                {
                    continue;
                }
                string hex = line[2..].Replace("{cryptogram}", new string('0', 32), StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
                commands.Add(Convert.FromHexString(hex));
                // Named by example block and command, so edits elsewhere in the spec leave the names alone.
                corpus[$"spec-{block:D2}-{commands.Count:D2}.bin"] = FuzzInput.Encode(gen2, commands);
            }
        }
        return corpus;
    }

    [GeneratedRegex(@"^```apdu (gen1|gen2)$")]
    private static partial Regex BlockStart();
}
