using System.Diagnostics;
using System.Globalization;

namespace NanoCard.Fuzz;

/// <summary>
/// The harness's time per input with kept cards against a newly built card per input (the harness
/// before), on the inputs AFL++ itself generates, under its instrumentation, in one run
/// (<c>NANOCARD_FUZZ_SIDE_BY_SIDE=1 tools/fuzz/run-afl.sh</c>, docs/reliability.md "Fuzzing"): every
/// input runs on both, in turns (which goes first alternates), each timed on its own. Each harness
/// process adds its totals to a line of its own in the report file (AFL++ may start the harness
/// again after a timeout); <see cref="Summarize"/> adds the lines up.
/// </summary>
public sealed class SideBySide(FuzzTarget kept, FuzzTarget rebuilt, string reportPath)
{
    private readonly Stopwatch sinceFlush = Stopwatch.StartNew();
    private readonly long[] totals = new long[6]; // inputs, writing inputs, kept ticks, rebuilt ticks, kept ticks on writing inputs, rebuilt ticks on writing inputs

    public void Execute(byte[] input)
    {
        bool keptFirst = (totals[0] & 1) == 0;
        long keptTicks = keptFirst ? Time(kept, input) : 0;
        long rebuiltTicks = Time(rebuilt, input);
        if (!keptFirst)
        {
            keptTicks = Time(kept, input);
        }
        totals[0]++;
        totals[2] += keptTicks;
        totals[3] += rebuiltTicks;
        if (kept.LastInputWrote)
        {
            totals[1]++;
            totals[4] += keptTicks;
            totals[5] += rebuiltTicks;
        }
        if (sinceFlush.ElapsedMilliseconds >= 1000)
        {
            Flush();
            sinceFlush.Restart();
        }
    }

    private static long Time(FuzzTarget target, byte[] input)
    {
        long start = Stopwatch.GetTimestamp();
        target.Execute(input);
        return Stopwatch.GetTimestamp() - start;
    }

    /// <summary>Writes this process's line: its pid and its totals so far (ticks as microseconds).</summary>
    public void Flush()
    {
        string mine = Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + " " + string.Join(' ', totals.Select((t, i) => (i < 2 ? t : t * 1_000_000 / Stopwatch.Frequency).ToString(CultureInfo.InvariantCulture)));
        string[] others = File.Exists(reportPath)
            ? [.. File.ReadAllLines(reportPath).Where(l => !l.StartsWith(Environment.ProcessId + " ", StringComparison.Ordinal))]
            : [];
        string temporary = reportPath + ".tmp";
        File.WriteAllLines(temporary, [.. others, mine]);
        File.Move(temporary, reportPath, overwrite: true);
    }

    /// <summary>The report's lines added up: inputs, inputs that wrote, then µs of the kept and of the rebuilt harness, in all and on the inputs that wrote.</summary>
    public static long[] Totals(string reportPath)
    {
        long[] sum = new long[6];
        foreach (string line in File.ReadAllLines(reportPath))
        {
            long[] fields = [.. line.Split(' ').Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture))];
            for (int i = 0; i < sum.Length; i++)
            {
                sum[i] += fields[i];
            }
        }
        return sum;
    }

    /// <summary>Prints the totals: µs per input of each harness and their ratio, overall and for the inputs that wrote or not.</summary>
    public static int Summarize(string reportPath)
    {
        long[] sum = Totals(reportPath);
        Console.WriteLine($"inputs: {sum[0]} ({sum[1]} wrote to the memory)");
        Row("all inputs", sum[0], sum[3], sum[2]);
        Row("inputs that wrote", sum[1], sum[5], sum[4]);
        Row("inputs that wrote nothing", sum[0] - sum[1], sum[3] - sum[5], sum[2] - sum[4]);
        return 0;
    }

    private static void Row(string what, long inputs, long rebuiltMicroseconds, long keptMicroseconds)
    {
        if (inputs == 0)
        {
            return;
        }
        double rebuilt = (double)rebuiltMicroseconds / inputs, keptPer = (double)keptMicroseconds / inputs;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: newly built card {rebuilt:F1} µs per input, kept card {keptPer:F1} µs per input, ratio {rebuilt / keptPer:F1}x"));
    }
}
