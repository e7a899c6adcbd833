using System.Diagnostics;

namespace NanoCard.Fuzz;

/// <summary>
/// <c>--bench [MUTANTS | DIR] [--before FUZZ_DLL]</c>: the harness's time per input on the same
/// inputs in one run: the seed corpus and MUTANTS (default 2 000) mutants of it with a fixed seed,
/// or every file of DIR (an AFL++ queue, which holds the inputs the campaign found). Contestants:
/// kept cards (the harness now), a newly built card per input with this build (what keeping cards
/// alone saves) and, with <c>--before</c>, the harness before this work from its own build
/// (<see cref="BeforeHarness"/>; tools/fuzz/bench-before.sh makes it). Three rounds, each timing
/// every contestant in turn; the best round of each counts; docs/reliability.md records the ratios.
/// An input whose oracle breaks is counted, not fatal: the harness before has bugs fixed since.
/// </summary>
public static class HarnessBench
{
    public static int Run(string spec, string corpus, string mutantsOrFolder, string? beforeAssembly)
    {
        var (gen1, gen2) = FuzzTarget.IssueImages();
        byte[][] seeds = [.. Directory.EnumerateFiles(corpus).Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];
        List<byte[]> inputs;
        if (Directory.Exists(mutantsOrFolder))
        {
            inputs = [.. Directory.EnumerateFiles(mutantsOrFolder).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).Where(b => b.Length > 0)];
            Console.WriteLine($"{inputs.Count} inputs of {mutantsOrFolder}");
        }
        else
        {
            int mutants = int.Parse(mutantsOrFolder, System.Globalization.CultureInfo.InvariantCulture);
            inputs = [.. seeds, .. Mutator.Mutants(seeds, mutants, 20261205)];
            Console.WriteLine($"{inputs.Count} inputs ({seeds.Length} seeds, {mutants} mutants)");
        }
        var kept = new FuzzTarget(spec, gen1, gen2, keepCards: true);
        var rebuilt = new FuzzTarget(spec, gen1, gen2, keepCards: false);
        List<(string Name, Action<byte[]> Execute)> contestants =
        [
            ("kept card, restored on write", input => kept.Execute(input)),
            ("newly built card per input", input => rebuilt.Execute(input)),
        ];
        if (beforeAssembly is not null)
        {
            var before = new BeforeHarness(beforeAssembly, Path.Combine(Path.GetDirectoryName(beforeAssembly)!, "..", "..", "..", "..", "..", "docs", "apdu-spec.md"));
            contestants.Add(("the harness before (310c0d5)", input => before.Execute(input)));
        }
        double[] best = [.. contestants.Select(_ => double.MaxValue)];
        int[] broken = new int[contestants.Count];
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < contestants.Count; i++)
            {
                (double microseconds, broken[i]) = MicrosecondsPerInput(contestants[i].Execute, inputs);
                best[i] = Math.Min(best[i], microseconds);
            }
        }
        Console.WriteLine("best of 3 rounds, µs per input, and how many times slower than kept cards");
        for (int i = 0; i < contestants.Count; i++)
        {
            Console.WriteLine($"{contestants[i].Name,-32} {best[i],9:F1} µs  {best[i] / best[0],5:F1}x  ({broken[i]} inputs broke an oracle)");
        }
        return 0;
    }

    private static (double Microseconds, int Broken) MicrosecondsPerInput(Action<byte[]> execute, List<byte[]> inputs)
    {
        foreach (byte[] input in inputs.Take(20))
        {
            Run(execute, input); // warm-up: JIT, key material, the first cards
        }
        int broken = 0;
        var clock = Stopwatch.StartNew();
        foreach (byte[] input in inputs)
        {
            broken += Run(execute, input) ? 0 : 1;
        }
        return (clock.Elapsed.TotalMicroseconds / inputs.Count, broken);
    }

    private static bool Run(Action<byte[]> execute, byte[] input)
    {
        try
        {
            execute(input);
            return true;
        }
        catch (Exception e) when (e.GetType().Name == nameof(OracleViolation))
        {
            return false;
        }
    }
}
