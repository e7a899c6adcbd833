using NanoCard.Fuzz;

namespace NanoCard.Applets.Tests;

/// <summary>
/// The fuzz harness's oracles in ./test.sh (docs/reliability.md, "Fuzzing"): the seed corpus (which
/// must be what docs/apdu-spec.md §14 gives today), every regression input, and a bounded random
/// campaign with a fixed seed that mutates the corpus. The long coverage-guided campaign is
/// tools/fuzz/run-afl.sh.
/// </summary>
public sealed class FuzzCorpusTests : IClassFixture<FuzzCorpusTests.Harness>
{
    private static readonly string Spec = Path.Combine(ApduSpec.RepositoryRoot(), "docs", "apdu-spec.md");
    private static readonly string Corpus = Path.Combine(ApduSpec.RepositoryRoot(), "tests", "fuzz", "corpus");
    private static readonly string Regressions = Path.Combine(ApduSpec.RepositoryRoot(), "tests", "fuzz", "regressions");

    /// <summary>One target for the class: issuing its two cards is the slow part.</summary>
    public sealed class Harness
    {
        public Harness()
        {
            (Gen1, Gen2) = FuzzTarget.IssueImages();
            Target = new FuzzTarget(Spec, Gen1, Gen2);
        }

        public byte[] Gen1 { get; }
        public byte[] Gen2 { get; }
        public FuzzTarget Target { get; }
    }

    private readonly Harness harness;
    private readonly FuzzTarget target;

    public FuzzCorpusTests(Harness harness)
    {
        this.harness = harness;
        target = harness.Target;
    }

    [Fact]
    public void The_committed_corpus_is_the_one_the_spec_gives()
    {
        var expected = SeedCorpus.FromSpec(File.ReadAllText(Spec));
        var committed = Directory.EnumerateFiles(Corpus).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), committed.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, pair => Assert.Equal(pair.Value, committed[pair.Key]));
    }

    [Fact]
    public void Every_corpus_and_regression_input_keeps_every_oracle()
    {
        var files = Directory.EnumerateFiles(Corpus).Concat(Directory.EnumerateFiles(Regressions)).Where(f => f.EndsWith(".bin", StringComparison.Ordinal)).ToList();
        Assert.True(files.Count > 50, $"{files.Count} inputs");
        foreach (string file in files)
        {
            target.Execute(File.ReadAllBytes(file));
        }
    }

    [Fact]
    public void A_bounded_random_campaign_keeps_every_oracle()
    {
        byte[][] seeds = [.. Directory.EnumerateFiles(Corpus).Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];
        foreach (byte[] input in Mutator.Mutants(seeds, 5000, 20261126))
        {
            try
            {
                target.Execute(input);
            }
            catch (Exception e)
            {
                Assert.Fail($"input {Convert.ToHexString(input)}: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    [Fact]
    public void The_oracles_catch_what_they_are_for()
    {
        // A status word outside the documented table: the harness must object. The card never answers 6F00 to this,
        // so check the oracle itself through a command the card answers with a documented word and a forged table.
        var badSpec = Path.Combine(Path.GetTempPath(), $"spec-{Guid.NewGuid():N}.md");
        File.WriteAllText(badSpec, File.ReadAllText(Spec).Replace("| `6D00` | `InsNotSupported` |", "| removed |", StringComparison.Ordinal));
        try
        {
            var strict = new FuzzTarget(badSpec, harness.Gen1, harness.Gen2);
            Assert.Throws<OracleViolation>(() => strict.Execute(FuzzInput.Encode(false, [[0x00, 0xFE, 0x00, 0x00]])));
        }
        finally
        {
            File.Delete(badSpec);
        }
    }
}
