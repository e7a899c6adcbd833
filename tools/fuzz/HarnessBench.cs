using System.Diagnostics;

namespace NanoCard.Fuzz;

/// <summary>
/// <c>--bench [MUTANTS | DIR]</c>: the harness's time per input with kept cards against a newly
/// built card per input (the harness before), on the same inputs in one run: the seed corpus and
/// MUTANTS (default 2 000) mutants of it with a fixed seed, or every file of DIR (an AFL++ queue,
/// which holds the inputs the campaign found, in the mix it keeps). Three rounds, each timing both
/// in turn; the best round of each counts, and the ratio is what docs/reliability.md records.
/// </summary>
public static class HarnessBench
{
    public static int Run(string spec, string corpus, string mutantsOrFolder)
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
        var rebuilt = new FuzzTarget(spec, gen1, gen2, keepCards: false);
        var kept = new FuzzTarget(spec, gen1, gen2, keepCards: true);
        double bestRebuilt = double.MaxValue, bestKept = double.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            bestRebuilt = Math.Min(bestRebuilt, MicrosecondsPerInput(rebuilt, inputs));
            bestKept = Math.Min(bestKept, MicrosecondsPerInput(kept, inputs));
        }
        Console.WriteLine("best of 3 rounds");
        Console.WriteLine($"newly built card per input: {bestRebuilt,9:F1} µs per input");
        Console.WriteLine($"kept card, restored on write: {bestKept,7:F1} µs per input");
        Console.WriteLine($"ratio: {bestRebuilt / bestKept:F1}x");
        return 0;
    }

    private static double MicrosecondsPerInput(FuzzTarget target, List<byte[]> inputs)
    {
        foreach (byte[] input in inputs.Take(20))
        {
            target.Execute(input); // warm-up: JIT, key material, the first cards
        }
        var clock = Stopwatch.StartNew();
        foreach (byte[] input in inputs)
        {
            target.Execute(input);
        }
        return clock.Elapsed.TotalMicroseconds / inputs.Count;
    }
}
