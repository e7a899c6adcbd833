using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using NanoCard.Applets.CommonCard;
using NanoCard.Applets.Jpki;
using NanoCard.Flasher.Pcsc;
using NanoCard.Issuance;

namespace NanoCard.Bench.Soak;

/// <summary>
/// The soak (docs/performance.md, "Soak and transport latency"): through pcscd and vpcd, a long
/// mixed session against one <c>flasher sim</c> process on an issued card, and, in the same run,
/// the transport floor: a minimal vpcd card written here that answers every APDU with 256 fixed
/// bytes and 9000. Reports failures, the simulator's RSS at start and end, and latency percentiles
/// (READ BINARY of 256 bytes compared with the floor). Exit 1 on any failure or when the RSS grew
/// by more than 64 MiB; latency is reported, not judged (speed targets are benchmark figures).
/// Needs pcscd with vsmartcard-vpcd; uses the second vpcd slot (127.0.0.1:35964, "Virtual PCD 00 01").
/// </summary>
public static class SoakBenchmark
{
    public static int Run(string[] args)
    {
        if (args.Length >= 2 && args[0] == "--faults")
        {
            return FaultSoak.Run(args[1], args.Length >= 4 && args[2] == "--apdus" ? int.Parse(args[3], CultureInfo.InvariantCulture) : 100_000);
        }
        int apdus = args.Length >= 2 && args[0] == "--apdus" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        string work = Directory.CreateTempSubdirectory("nanocard-soak-").FullName;
        try
        {
            List<double> floor = Floor(Math.Max(2000, apdus / 20));
            string image = Path.Combine(work, "card.img");
            SecondSlot.IssueImage(image, PersonaGenerator.Create(9, "gen1", DateOnly.FromDateTime(DateTime.UtcNow)));
            return Sim(image, apdus, floor);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static List<double> Floor(int count)
    {
        using var cancel = new CancellationTokenSource();
        var card = Task.Run(() => FixedCard(cancel.Token));
        var latencies = new List<double>(count);
        using (PcscChannel channel = SecondSlot.Connect())
        {
            for (int i = 0; i < count; i++)
            {
                latencies.Add(Time(channel, Apdus.ReadBinary(0, 0), out _));
            }
        }
        cancel.Cancel();
        card.Wait(TimeSpan.FromSeconds(5));
        return latencies;
    }

    /// <summary>The floor card: vpcd's protocol with nothing behind it, TCP_NODELAY as flasher sim.</summary>
    private static void FixedCard(CancellationToken cancel)
    {
        byte[] reply = [.. Enumerable.Repeat((byte)0x5A, 256), 0x90, 0x00];
        byte[] atr = [0x3B, 0x80, 0x80, 0x01, 0x01];
        using var client = new TcpClient { NoDelay = true };
        client.Connect("127.0.0.1", SecondSlot.VpcdPort);
        using var registration = cancel.Register(client.Close);
        NetworkStream stream = client.GetStream();
        byte[] header = new byte[2];
        byte[] message = new byte[65536];
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                NanoCard.Flasher.Vpcd.TcpQuickAck.Arm(stream);
                stream.ReadExactly(header);
                int length = (header[0] << 8) | header[1];
                stream.ReadExactly(message, 0, length);
                if (length == 1 && message[0] != 0x04)
                {
                    continue;
                }
                byte[] answer = length == 1 ? atr : reply;
                stream.Write([(byte)(answer.Length >> 8), (byte)answer.Length, .. answer]);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or EndOfStreamException)
        {
            // vpcd or the cancel closed the connection.
        }
    }

    private static int Sim(string image, int apdus, List<double> floor)
    {
        using Process sim = SecondSlot.StartSim(image);
        try
        {
            using PcscChannel channel = SecondSlot.Connect();
            long rssStart = Rss(sim.Id);
            var readLatencies = new List<double>();
            var all = new List<double>(apdus);
            int failures = 0;
            byte[][] session =
            [
                Apdus.SelectAid(JpkiAp.Aid), Apdus.SelectEf(JpkiAp.AuthCertificate), Apdus.ReadBinary(0, 0), Apdus.ReadBinary(256, 0),
                Apdus.VerifyStatus(0x98), Apdus.GetChallenge(8), Apdus.SelectAid(CommonAp.Aid), Apdus.ReadRecord(1, 1),
            ];
            for (int i = 0; i < apdus; i++)
            {
                byte[] command = session[i % session.Length];
                double ms = Time(channel, command, out ushort sw);
                all.Add(ms);
                if (command[1] == 0xB0)
                {
                    readLatencies.Add(ms);
                }
                if (sw != 0x9000 && sw != 0x63C3)
                {
                    failures++;
                }
            }
            long rssEnd = Rss(sim.Id);
            double floorP50 = Percentile(floor, 50), simP50 = Percentile(readLatencies, 50);
            Console.WriteLine("| path | APDUs | p50 | p99 |");
            Console.WriteLine("|---|---:|---:|---:|");
            Console.WriteLine($"| floor: fixed 258-byte reply (vpcd, pcscd) | {floor.Count:N0} | {Ms(floorP50)} | {Ms(Percentile(floor, 99))} |");
            Console.WriteLine($"| flasher sim: READ BINARY of 256 bytes | {readLatencies.Count:N0} | {Ms(simP50)} | {Ms(Percentile(readLatencies, 99))} |");
            Console.WriteLine($"| flasher sim: the whole mixed session | {all.Count:N0} | {Ms(Percentile(all, 50))} | {Ms(Percentile(all, 99))} |");
            Console.WriteLine();
            Console.WriteLine($"READ BINARY p50 / floor p50: {(simP50 / floorP50).ToString("0.00", CultureInfo.InvariantCulture)}× (target ≤ 1.5×)");
            Console.WriteLine($"failures: {failures:N0}; flasher sim RSS: {rssStart / 1024:N0} MiB at start, {rssEnd / 1024:N0} MiB at end");
            return failures == 0 && rssEnd - rssStart < 64 * 1024 ? 0 : 1;
        }
        finally
        {
            sim.Kill();
            sim.WaitForExit();
        }
    }

    private static double Time(PcscChannel channel, byte[] command, out ushort sw)
    {
        long start = Stopwatch.GetTimestamp();
        sw = channel.Transmit(command).Sw;
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>Resident set size in KiB (/proc/PID/status, VmRSS).</summary>
    internal static long Rss(int pid)
    {
        string line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private static double Percentile(List<double> values, int p)
    {
        double[] sorted = [.. values.Order()];
        return sorted[Math.Min(sorted.Length - 1, sorted.Length * p / 100)];
    }

    private static string Ms(double ms) => ms.ToString("0.000", CultureInfo.InvariantCulture) + " ms";
}
