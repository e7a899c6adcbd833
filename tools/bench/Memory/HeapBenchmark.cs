using System.Diagnostics;
using System.Globalization;
using NanoCard.Applets;
using NanoCard.Hal.Crypto;
using NanoCard.Hal.Crypto.Managed;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Pn532;
using NanoCard.Hal.Host.Storage;
using NanoCard.Hal.Pn532;
using NanoCard.Hal.Serial;
using NanoCard.Hal.Timing;
using NanoCard.Os.Runtime;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Bench.Memory;

/// <summary>
/// The managed heap the powered-up card keeps (docs/performance.md, "Managed heap"): the device's
/// start-up (firmware/NanoCard.Device/Program.cs) step by step, each component's retained bytes
/// measured on .NET as the growth of <see cref="GC.GetTotalMemory"/> after full collections, then
/// scaled by the nanoCLR/.NET ratio measured for issue 18 to compare with the device budget. Each
/// profile runs in a fresh process, so static tables count where they are first made.
/// What is outside the device's heap is made before its step is measured: the EEPROM image (a file
/// on the board), the PN532 simulator and the serial port's peer.
/// </summary>
public static class HeapBenchmark
{
    /// <summary>
    /// nanoCLR's retained heap over .NET's GC.GetTotalMemory for the same powered-up card, from issue
    /// 18's measurements (nanoCLR targets/posix, Desktop configuration): gen1 72 336 / 57 568 B,
    /// gen2 91 176 / 66 648 B.
    /// </summary>
    public static double NanoClrFactor(byte profile) => profile == MynaCard.Gen1 ? 72_336.0 / 57_568 : 91_176.0 / 66_648;

    /// <summary>The budget of issue 18: every ESP32 (the C3 gives managed code about 54 KB) with room for the collector.</summary>
    public static int BudgetBytes(byte profile) => profile == MynaCard.Gen1 ? 24 * 1024 : 32 * 1024;

    public static int Run(string[] args)
    {
        if (args.Length >= 4 && args[0] == "--one")
        {
            byte profile = args[1] == "gen2" ? MynaCard.Gen2 : MynaCard.Gen1;
            CardConfig card = args[2] == "desktop" ? CardConfig.Desktop() : CardConfig.Contactless();
            bool census = args.Length > 4 && args[4] == "--census";
            string? image = Array.IndexOf(args, "--image") is int at && at > 0 ? args[at + 1] : null;
            foreach ((string component, long bytes, var types) in Measure(profile, card, args[3] == "managed", census ? new NanoClrCensus(NanoClrCensus.CardType) : null, image))
            {
                Console.WriteLine(census ? $"{component}\t{types.Values.Sum(t => t.Bytes)}\t{types.Values.Sum(t => t.DotNetBytes)}" : $"{component}\t{bytes}");
                if (census && args.Contains("--by-type"))
                {
                    foreach (var (type, (count, size, _)) in types.OrderByDescending(t => t.Value.Bytes).Take(25))
                    {
                        Console.Error.WriteLine($"  {size,7:N0} B {count,5} x {type}");
                    }
                }
            }
            return 0;
        }

        string config = Option(args, "--config", "contactless");
        string engine = Option(args, "--engine", "native");
        bool byType = args.Contains("--by-type");
        // --installed: the card powers up with issue 21's domains and APs installed (PackagedImage).
        string? image1 = args.Contains("--installed") ? PackagedImage.Make(MynaCard.Gen1) : null;
        string? image2 = args.Contains("--installed") ? PackagedImage.Make(MynaCard.Gen2) : null;
        var measured1 = MedianOfRuns("gen1", config, engine, image1);
        var measured2 = MedianOfRuns("gen2", config, engine, image2);
        var census1 = RunChild("gen1", config, engine, census: true, byType, image1);
        var census2 = RunChild("gen2", config, engine, census: true, byType, image2);
        foreach (string? made in new[] { image1, image2 })
        {
            if (made is not null)
            {
                File.Delete(made);
            }
        }
        Console.WriteLine($"Retained managed heap of the powered-up card, CardConfig.{(config == "desktop" ? "Desktop" : "Contactless")}(), "
            + $"{(engine == "managed" ? "ManagedCrypto (stock firmware)" : "the native engine (firmware with the NanoCard interop)")}, bytes: "
            + "every object each component keeps, priced as 64-bit .NET and as nanoCLR lay them out (nanoCLR: 12-byte blocks, one per field)"
            + (image1 is null ? "" : "; the card holds the licence AP, the 条例利用 area's domain and two municipal APs"));
        Console.WriteLine();
        Console.WriteLine("| component | gen1 .NET | gen1 nanoCLR | gen2 .NET | gen2 nanoCLR |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        for (int i = 0; i < census1.Count; i++)
        {
            Console.WriteLine($"| {census1[i].Component} | {N(census1[i].DotNet)} | {N(census1[i].NanoClr)} | {N(census2[i].DotNet)} | {N(census2[i].NanoClr)} |");
        }
        long net1 = census1.Sum(c => c.DotNet);
        long net2 = census2.Sum(c => c.DotNet);
        long nano1 = census1.Sum(c => c.NanoClr);
        long nano2 = census2.Sum(c => c.NanoClr);
        Console.WriteLine($"| **total** | **{N(net1)}** | **{N(nano1)}** | **{N(net2)}** | **{N(nano2)}** |");
        long scaled1 = (long)(net1 * NanoClrFactor(MynaCard.Gen1));
        long scaled2 = (long)(net2 * NanoClrFactor(MynaCard.Gen2));
        Console.WriteLine($"| .NET × the nanoCLR/.NET factor measured on the board's runtime ({NanoClrFactor(MynaCard.Gen1):F3} / {NanoClrFactor(MynaCard.Gen2):F3}) | {N(scaled1)} | | {N(scaled2)} | |");
        Console.WriteLine($"| budget on the device | {N(BudgetBytes(MynaCard.Gen1))} | | {N(BudgetBytes(MynaCard.Gen2))} | |");
        Console.WriteLine();
        Console.WriteLine($"Check: .NET's GC.GetTotalMemory growth over the same steps, median of five runs: gen1 {N(measured1.Sum(c => c.Bytes))} B, gen2 {N(measured2.Sum(c => c.Bytes))} B.");
        // Both estimates must fit: the factor was measured on the old object mix, the census prices this one.
        bool fits1 = Math.Max(scaled1, nano1) <= BudgetBytes(MynaCard.Gen1);
        bool fits2 = Math.Max(scaled2, nano2) <= BudgetBytes(MynaCard.Gen2);
        if (fits1 && fits2)
        {
            Console.WriteLine("fits: both profiles within the budget by both estimates");
            return 0;
        }
        // --must-fit gen2: only that profile decides the exit code (with installed content gen1 does not fit: docs/performance.md).
        string[] required = Option(args, "--must-fit", "gen1,gen2").Split(',');
        if (required.Length == 0 || required.Any(p => p is not ("gen1" or "gen2")))
        {
            Console.Error.WriteLine("--must-fit takes gen1, gen2 or gen1,gen2");
            return 2;
        }
        bool failed = false;
        foreach ((string profile, bool fits) in new[] { ("gen1", fits1), ("gen2", fits2) })
        {
            bool checkedHere = required.Contains(profile);
            failed |= checkedHere && !fits;
            Console.WriteLine($"{profile}: {(fits ? "fits the budget by both estimates" : "DOES NOT FIT the budget")}{(checkedHere ? "" : " (not required: --must-fit " + string.Join(',', required) + ")")}");
        }
        return failed ? 1 : 0;
    }

    private static string Option(string[] args, string name, string fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    /// <summary>
    /// The device's start-up, one component at a time; returns each one's retained bytes on .NET, or
    /// with a census (whose own bookkeeping then spoils the .NET figures: a separate run) what the
    /// census prices the same objects at on nanoCLR, by type.
    /// </summary>
    public static List<(string Component, long Bytes, Dictionary<string, (int Count, long Bytes, long DotNetBytes)> NanoClr)> Measure(
        byte profile, CardConfig config, bool managedEngine, NanoClrCensus? census, string? image = null)
    {
        var results = new List<(string, long, Dictionary<string, (int, long, long)>)>();
        // A file on the board: blank, or an image with installed content.
        var nvm = image is null ? new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize) : new RamNvm(File.ReadAllBytes(image), StoreLayout.DefaultPageSize);
        var chip = new Pn532Simulator();
        var hostCable = new LoopbackSerial();
        IRandom random = new SeededRandom(1); // the board's HardwareRandom holds nothing
        object[] keep = new object[8];
        Type[] cardTypes = NanoClrCensus.CardTypes().ToArray();
        long before = Retained();

        // Program.ChooseCrypto's two outcomes; key slots make their engines at install (AP set).
        ICrypto crypto = managedEngine ? new ManagedCrypto(random) : new NanoCard.Device.NativeEngine.NativeCryptoEngine(random);
        Step(results, "crypto engine (digests, AES; native: key scratch)", crypto, census, cardTypes, ref before);
        var store = new CardStore(nvm, StoreLayout.Default(), new SecretSeal(crypto, null));
        Step(results, "store (CardStore: journal, directory, page buffers)", store, census, cardTypes, ref before);
        var runtime = new CardRuntime(config, store, random);
        Step(results, "runtime (APDU buffer, chains, registry)", runtime, census, cardTypes, ref before);
        keep[0] = MynaCard.Install(runtime, crypto, profile);
        Step(results, "AP set (5 APs, the card manager; managed: the RSA/ECDSA engines their keys need)", runtime, census, cardTypes, ref before);
        // As Program.Main wires the board: the historical bytes from the configuration, one clock for the driver.
        byte[] historical = HistoricalBytes.For(config);
        var clock = new SystemClock();
        var buffers = new NanoCard.Hal.LinkBuffers(Pn532CardLink.CommandBufferFor(config.MaxCommandApdu), Pn532Target.MaxData);
        keep[1] = new Pn532CardLink(new Pn532Target(new Pn532(new Pn532I2cBus(chip.I2c, clock), clock), clock, new byte[] { 0x4E, 0x43, 0x01 }, historical), runtime, config.MaxCommandApdu, buffers);
        Step(results, "PN532 link (driver, target, card link; the buffers both links share)", keep[1], census, cardTypes, ref before);
        keep[2] = new SerialCardLink(hostCable, runtime, AnswerToReset.Build(historical, historical.Length), config.MaxCommandApdu, config.MaxResponseFrame + 2, buffers);
        Step(results, "serial link (host cable)", keep[2], census, cardTypes, ref before);
        GC.KeepAlive(keep);
        GC.KeepAlive(nvm);
        GC.KeepAlive(chip);
        GC.KeepAlive(hostCable);
        return results;
    }

    private static void Step(List<(string, long, Dictionary<string, (int, long, long)>)> results, string component, object root,
        NanoClrCensus? census, Type[] cardTypes, ref long before)
    {
        long now = Retained();
        results.Add((component, now - before, census?.Take(root, cardTypes) ?? []));
        before = now;
    }

    /// <summary>Live bytes after full, compacting collections (noisy now and then: see <see cref="MedianOfRuns"/>).</summary>
    private static long Retained()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>
    /// Each component's median over five fresh processes: now and then a reading still counts an
    /// 8 KB buffer of the runtime's own (seen as +8,224 B in one step and -8,224 B in a later one).
    /// </summary>
    private static List<(string Component, long Bytes)> MedianOfRuns(string profile, string config, string engine, string? image)
    {
        var runs = Enumerable.Range(0, 5).Select(_ => RunChild(profile, config, engine, census: false, byType: false, image)).ToList();
        return runs[0].Select((component, i) => (component.Component, runs.Select(r => r[i].NanoClr).Order().ElementAt(runs.Count / 2))).ToList();
    }

    private static List<(string Component, long NanoClr, long DotNet)> RunChild(string profile, string config, string engine, bool census, bool byType, string? image)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        // Under `dotnet bench.dll` the process is the dotnet host and needs the assembly; under
        // `dotnet run` it is the bench's own apphost, which must not be given it.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(HeapBenchmark).Assembly.Location);
        }
        string[] mode = census ? byType ? ["--census", "--by-type"] : ["--census"] : [];
        string[] from = image is null ? [] : ["--image", image];
        foreach (string arg in new[] { "heap", "--one", profile, config, engine }.Concat(mode).Concat(from))
        {
            start.ArgumentList.Add(arg);
        }
        using Process child = Process.Start(start)!;
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"heap measurement of {profile} failed");
        }
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Select(parts => (parts[0], long.Parse(parts[1], CultureInfo.InvariantCulture), parts.Length > 2 ? long.Parse(parts[2], CultureInfo.InvariantCulture) : 0))
            .ToList();
    }

    private static string N(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The host's end of the cable: nothing to read, writes dropped.</summary>
    private sealed class LoopbackSerial : NanoCard.Hal.Buses.ISerialTransport
    {
        public int BytesToRead => 0;

        public void Write(byte[] buffer, int offset, int count)
        {
        }

        public int Read(byte[] buffer, int offset, int count) => 0;
    }
}
