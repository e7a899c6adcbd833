using System.Globalization;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Bench.Wear;

/// <summary>
/// Counts page writes, not time: the figures are exact and the same on every machine. Runs real
/// APDUs on a card over a RAM NVM and reports writes per operation, per page and in the counter
/// area. Exit code 1 when a target fails (docs/performance.md, "Store wear").
/// </summary>
public static class WearBenchmark
{
    private static readonly byte[] Aid = Convert.FromHexString("F04E435745");

    public static int Run(string[] args)
    {
        int pinCycles = Option(args, "--pin-cycles", 100_000);
        int updates = Option(args, "--updates", 10_000);
        var nvm = new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize);
        var store = new CardStore(nvm, StoreLayout.Default(), new SecretSeal(new NanoCard.Hal.Host.Crypto.HostCrypto(), null));
        var card = new CardRuntime(CardConfig.Desktop(), store, new NanoCard.Hal.Host.Crypto.SystemRandom());
        var applet = new WearApplet(store);
        card.Install(applet, Aid, 0, (byte)Aid.Length);
        applet.Pin.Personalize(3, "1234"u8.ToArray(), 0, 4);
        var driver = new Driver(card, nvm);
        driver.Expect("00A4040C05" + Convert.ToHexString(Aid), 0x9000);
        driver.Expect("00A4020C020001", 0x9000);
        var layout = store.Layout;
        bool ok = true;

        Console.WriteLine($"| scenario | operations | page writes per op (mean / max) | writes per written page (max / mean) | most-written page's region | counter area: most-written page's share |");
        Console.WriteLine("|---|---:|---:|---:|---|---:|");

        const string right = "002000910431323334";
        const string wrong = "002000910430303030";
        var full = driver.Measure(pinCycles, _ => driver.Expect(right, 0x9000));
        Console.WriteLine(Row("correct PIN, counter full", full, layout));

        var wrongOps = new Stats();
        var rightOps = new Stats();
        nvm.ResetCounters();
        for (int i = 0; i < pinCycles; i++)
        {
            wrongOps.Add(driver.Writes(() => driver.Expect(wrong, 0x63C2)));
            rightOps.Add(driver.Writes(() => driver.Expect(right, 0x9000)));
        }
        var cycle = new Stats { Pages = nvm.PageWriteCounts() };
        Console.WriteLine(Row("wrong PIN (in wrong-then-right)", wrongOps, layout, cycle));
        Console.WriteLine(Row("correct PIN after a wrong one", rightOps, layout, cycle));
        ok &= wrongOps.Max <= 2;
        ok &= CounterShare(cycle.Pages!, layout) <= 1.0 / 8;

        var random = new Random(1);
        var data = new byte[100];
        var update = driver.Measure(updates, i =>
        {
            random.NextBytes(data);
            int offset = i * 37 % (WearApplet.EfSize - data.Length);
            driver.Expect($"00D6{offset:X4}64" + Convert.ToHexString(data), 0x9000);
        });
        Console.WriteLine(Row("UPDATE BINARY, 100 bytes", update, layout));
        Console.WriteLine();
        LifeCycleWear.Print(BenchPersona.Create(), PersonaGenerator.Create(7, "gen2", DateOnly.FromDateTime(DateTime.UtcNow)));
        Console.WriteLine();
        ReclaimWear.Print(Option(args, "--ap-operations", 2_000), Option(args, "--seed", 1));
        Console.WriteLine();
        Console.WriteLine(ok ? "targets met: wrong PIN <= 2 page writes, counter area's most-written page <= 1/8" : "TARGET MISSED");
        return ok ? 0 : 1;
    }

    /// <summary>A table row. The page columns count over the scenario (for the wrong-then-right pairs: both PINs together).</summary>
    private static string Row(string name, Stats ops, StoreLayout layout, Stats? pagesFrom = null)
    {
        var pages = (pagesFrom ?? ops).Pages!;
        int hottest = Array.IndexOf(pages, pages.Max());
        double share = CounterShare(pages, layout);
        string counter = double.IsNaN(share) ? "no counter writes" : share.ToString("0.000", CultureInfo.InvariantCulture) + $" (1/{1 / share:0.0})";
        double meanPerPage = pages.Where(p => p > 0).Average();
        return $"| {name} | {ops.Count:N0} | {ops.Mean:0.00} / {ops.Max} | {pages[hottest]:N0} / {meanPerPage:N0} | {Region(hottest * layout.PageSize, layout)} | {counter} |";
    }

    private static double CounterShare(long[] pages, StoreLayout layout)
    {
        var counterPages = pages.Skip(layout.CounterAddress / layout.PageSize).Take(layout.CounterSlots * layout.CounterSlotSize / layout.PageSize).ToArray();
        long total = counterPages.Sum();
        return total == 0 ? double.NaN : (double)counterPages.Max() / total;
    }

    private static string Region(int address, StoreLayout layout) => address switch
    {
        _ when address < layout.CommitAddress => "header",
        _ when address < layout.CounterAddress => "commit slots",
        _ when address < layout.DirectoryAddress => "counter area",
        _ when address < layout.JournalAddress => "directory",
        _ when address < layout.DataAddress => "journal",
        _ => "data",
    };

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed class Stats
    {
        public long Count { get; private set; }
        public long Total { get; private set; }
        public long Max { get; private set; }
        public long[]? Pages { get; set; }
        public double Mean => Count == 0 ? 0 : (double)Total / Count;

        public void Add(long writes)
        {
            Count++;
            Total += writes;
            Max = Math.Max(Max, writes);
        }
    }

    private sealed class Driver(CardRuntime card, RamNvm nvm)
    {
        private readonly byte[] response = new byte[65538];

        public void Expect(string hex, int sw)
        {
            var command = Convert.FromHexString(hex);
            int n = card.Transmit(command, command.Length, response);
            int got = (response[n - 2] << 8) | response[n - 1];
            if (got != sw) throw new InvalidOperationException($"{hex[..10]}… answered {got:X4}, expected {sw:X4}");
        }

        public long Writes(Action action)
        {
            long before = nvm.TotalPageWrites;
            action();
            return nvm.TotalPageWrites - before;
        }

        public Stats Measure(int count, Action<int> operation)
        {
            var stats = new Stats();
            nvm.ResetCounters();
            for (int i = 0; i < count; i++) stats.Add(Writes(() => operation(i)));
            stats.Pages = nvm.PageWriteCounts();
            return stats;
        }
    }
}
