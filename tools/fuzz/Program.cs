using NanoCard.Fuzz;

// The fuzz harness (docs/reliability.md, "Fuzzing"):
//   NanoCard.Fuzz                      under afl-fuzz (tools/fuzz/run-afl.sh): one input per run from stdin, SharpFuzz's fork server
//   NanoCard.Fuzz --replay DIR...      every file of the folders, once; exit 1 on the first broken oracle
//   NanoCard.Fuzz --make-corpus DIR    writes the seed corpus from docs/apdu-spec.md
//   NanoCard.Fuzz --make-images DIR    issues the two cards once into DIR (gen1.img, gen2.img) for the AFL++ runs
//   NanoCard.Fuzz --bench [MUTANTS|DIR] [--before FUZZ_DLL]  time per input: kept cards, a newly built card per input, the harness before (HarnessBench)
//   NanoCard.Fuzz --side-by-side-report FILE  adds up what a side-by-side AFL++ run measured (SideBySide)
string spec = Path.Combine(RepositoryRoot(), "docs", "apdu-spec.md");
if (args.Length >= 2 && args[0] == "--make-corpus")
{
    Directory.CreateDirectory(args[1]);
    foreach (var (name, input) in SeedCorpus.FromSpec(File.ReadAllText(spec)))
    {
        File.WriteAllBytes(Path.Combine(args[1], name), input);
    }
    return 0;
}
if (args.Length >= 2 && args[0] == "--make-images")
{
    var (gen1, gen2) = FuzzTarget.IssueImages();
    Directory.CreateDirectory(args[1]);
    File.WriteAllBytes(Path.Combine(args[1], "gen1.img"), gen1);
    File.WriteAllBytes(Path.Combine(args[1], "gen2.img"), gen2);
    return 0;
}
if (args.Length >= 1 && args[0] == "--bench")
{
    int before = Array.IndexOf(args, "--before");
    string[] rest = [.. args.Where((_, i) => i != 0 && (before < 0 || (i != before && i != before + 1)))];
    return HarnessBench.Run(spec, Path.Combine(RepositoryRoot(), "tests", "fuzz", "corpus"), rest.Length >= 1 ? rest[0] : "2000", before >= 0 ? Path.GetFullPath(args[before + 1]) : null);
}
if (args.Length >= 2 && args[0] == "--side-by-side-report")
{
    return SideBySide.Summarize(args[1]);
}
if (args.Length >= 2 && args[0] == "--replay")
{
    var (gen1, gen2) = FuzzTarget.IssueImages();
    return Replay(new FuzzTarget(spec, gen1, gen2), args[1..]);
}
// Under afl-fuzz: the images come from --make-images (NANOCARD_FUZZ_IMAGES), made by an uninstrumented run.
string images = Environment.GetEnvironmentVariable("NANOCARD_FUZZ_IMAGES") ?? Path.Combine(RepositoryRoot(), "artifacts", "fuzz", "images");
byte[] gen1Image = File.ReadAllBytes(Path.Combine(images, "gen1.img")), gen2Image = File.ReadAllBytes(Path.Combine(images, "gen2.img"));
// NANOCARD_FUZZ_SIDE_BY_SIDE_REPORT=FILE: every input on both harnesses, each timed (SideBySide).
string? sideBySideReport = Environment.GetEnvironmentVariable("NANOCARD_FUZZ_SIDE_BY_SIDE_REPORT");
Action<byte[]> execute;
if (sideBySideReport is null)
{
    var target = new FuzzTarget(spec, gen1Image, gen2Image);
    execute = input => target.Execute(input);
}
else
{
    execute = new SideBySide(new FuzzTarget(spec, gen1Image, gen2Image, keepCards: true), new FuzzTarget(spec, gen1Image, gen2Image, keepCards: false), sideBySideReport).Execute;
}
SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    execute(memory.ToArray());
});
return 0;

static int Replay(FuzzTarget target, string[] folders)
{
    foreach (string file in folders.SelectMany(d => Directory.EnumerateFiles(d)).Where(f => f.EndsWith(".bin", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
    {
        try
        {
            target.Execute(File.ReadAllBytes(file));
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"{file}: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }
    Console.WriteLine($"{target.Executions} inputs replayed, every oracle held");
    return 0;
}

static string RepositoryRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir != null && !File.Exists(Path.Combine(dir.FullName, "nf.sln")))
    {
        dir = dir.Parent;
    }
    return dir?.FullName ?? throw new DirectoryNotFoundException("nf.sln not found above " + AppContext.BaseDirectory);
}
