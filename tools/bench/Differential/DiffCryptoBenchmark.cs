using System.Diagnostics;
using System.Globalization;
using NanoCard.Differential;

namespace NanoCard.Bench.Differential;

/// <summary>
/// <c>diffcrypto [--cases N] [--rsa-keys K] [--seed S]</c> (docs/reliability.md, "Differential
/// crypto"): N (default 1 000 000) random cases of the weighted mix, run on the managed engine, the
/// .NET engine and the native core (artifacts/native/libnanocard_crypto.so), K (default 8) pool RSA
/// keys. Prints the cases by kind and the time; exit 1 with the smallest differing case on any difference.
/// </summary>
public static class DiffCryptoBenchmark
{
    public static int Run(string[] args)
    {
        long cases = Option(args, "--cases", 1_000_000);
        int rsaKeys = (int)Option(args, "--rsa-keys", 8);
        int seedAt = Array.IndexOf(args, "--seed");
        string? seed = seedAt >= 0 && seedAt + 1 < args.Length ? args[seedAt + 1] : null;
        var clock = Stopwatch.StartNew();
        var campaign = new DifferentialCampaign(new Engines(rsaKeys));
        Console.WriteLine($"native core: {NativeCore.LibraryPath()}; {rsaKeys} pool RSA keys imported and compared in {clock.Elapsed.TotalSeconds:F1} s");
        int status = 0;
        try
        {
            campaign.Run(cases, seed);
        }
        catch (Exception e)
        {
            Console.WriteLine("DIFFERENCE: " + e.Message + (e.InnerException is null ? "" : "\n" + e.InnerException.Message));
            status = 1;
        }
        Console.WriteLine("| kind | cases |");
        Console.WriteLine("|---|---:|");
        foreach (var (kind, count) in campaign.Tally.OrderByDescending(k => k.Value))
        {
            Console.WriteLine($"| {kind} | {count.ToString("N0", CultureInfo.InvariantCulture)} |");
        }
        long total = campaign.Tally.Values.Sum();
        Console.WriteLine($"{total.ToString("N0", CultureInfo.InvariantCulture)} cases in {clock.Elapsed.TotalSeconds:F0} s, {(status == 0 ? "0 differences" : "a difference (above)")}");
        return status;
    }

    private static long Option(string[] args, string name, long fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? long.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
