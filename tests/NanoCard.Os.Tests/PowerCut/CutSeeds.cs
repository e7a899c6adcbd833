namespace NanoCard.Os.Tests.PowerCut;

/// <summary>Seeds of a random-cut campaign: the fixed ones CI runs, and NANOCARD_CUT_SEEDS=n more (1000, 1001, …).</summary>
public static class CutSeeds
{
    public static TheoryData<int> Of(params int[] fixedSeeds)
    {
        var seeds = new TheoryData<int>();
        foreach (int seed in fixedSeeds) seeds.Add(seed);
        if (int.TryParse(Environment.GetEnvironmentVariable("NANOCARD_CUT_SEEDS"), out int more))
        {
            for (int i = 0; i < more; i++) seeds.Add(1000 + i);
        }
        return seeds;
    }
}
