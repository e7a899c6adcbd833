using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NanoCard.Applets.CommonCard;
using NanoCard.Applets.Jpki;
using NanoCard.Flasher.Faults;
using NanoCard.Flasher.Pcsc;
using NanoCard.Issuance;

namespace NanoCard.Bench.Soak;

/// <summary>
/// <c>soak --faults PROFILE [--apdus N]</c> (docs/reliability.md, "Soak with faults"): N (default
/// 100 000) APDUs through pcscd and vpcd to one <c>flasher sim</c> process running a built-in fault
/// profile (docs/labs.md) with card removals mixed in: the profile's own removals plus one every
/// 2 500 commands. The client runs the soak's eight-command session with a right VERIFY added (so
/// the card writes its memory: the PIN's counter) again and again; a session
/// that meets a fault (a status word or data other than the card's, a cut reply, the card gone) is
/// dropped, and the client reconnects if the card went away and starts the next one. Checked: every
/// fault is followed by a clean session within <see cref="RecoveryBound"/> tries, every clean
/// session reads the same bytes as the first, and the simulator's working set at the end is within
/// 64 MiB of the one after the first clean session (printed with the ones at each fifth of the
/// APDUs). Exit 1 when any check fails.
/// </summary>
public static class FaultSoak
{
    /// <summary>Sessions after a fault within which one must run clean (a flaky session of eight commands is clean two times in three).</summary>
    private const int RecoveryBound = 50;

    private const int RemoveEvery = 2500;

    private static readonly Persona Holder = PersonaGenerator.Create(9, "gen1", DateOnly.FromDateTime(DateTime.UtcNow));

    /// <summary>The soak's session and a right VERIFY, which writes the PIN's counter twice (down before the comparison, back up after).</summary>
    private static readonly byte[][] Session =
    [
        Apdus.SelectAid(JpkiAp.Aid), Apdus.SelectEf(JpkiAp.AuthCertificate), Apdus.ReadBinary(0, 0), Apdus.ReadBinary(256, 0),
        Apdus.VerifyStatus(0x98), Apdus.Verify(0x98, System.Text.Encoding.ASCII.GetBytes(Holder.Pin)), Apdus.GetChallenge(8),
        Apdus.SelectAid(CommonAp.Aid), Apdus.ReadRecord(1, 1),
    ];

    public static int Run(string profileName, int apdus)
    {
        FaultProfile builtIn = FaultProfiles.Load(profileName);
        long[] removals = [.. builtIn.RemoveAtCommands, .. Enumerable.Range(1, apdus / RemoveEvery + 1).Select(i => (long)i * RemoveEvery)];
        FaultProfile profile = builtIn with { RemoveAtCommands = removals, AbsentMs = builtIn.AbsentMs > 0 ? builtIn.AbsentMs : 500 };
        string work = Directory.CreateTempSubdirectory("nanocard-fault-soak-").FullName;
        try
        {
            string image = Path.Combine(work, "card.img");
            string profileFile = Path.Combine(work, "profile.json");
            File.WriteAllText(profileFile, JsonSerializer.Serialize(profile, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            SecondSlot.IssueImage(image, Holder);
            using Process sim = SecondSlot.StartSim(image, "--faults", profileFile);
            sim.OutputDataReceived += (_, _) => { }; // drained: a full pipe would stop the simulator
            sim.BeginOutputReadLine();
            try
            {
                return Soak(profileName, sim, apdus, removals);
            }
            finally
            {
                sim.Kill();
                sim.WaitForExit();
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static int Soak(string profileName, Process sim, int apdus, long[] removals)
    {
        var clock = Stopwatch.StartNew();
        var link = new CountingLink();
        byte[][]? reference = null;
        long rssStart = 0;
        int sessions = 0, clean = 0, faulted = 0, reconnects = 0, worstRecovery = 0, sinceFault = 0;
        bool recovering = false;
        var rssSamples = new List<long>();
        while (link.Transmitted < apdus)
        {
            if (reference is not null && link.Transmitted >= (long)apdus * rssSamples.Count / 5)
            {
                rssSamples.Add(SoakBenchmark.Rss(sim.Id));
            }
            sessions++;
            byte[][]? read = TryRunSession(link, out bool cardGone, out string fault);
            if (read is not null && reference is not null && !read.Zip(reference).All(p => p.First.AsSpan().SequenceEqual(p.Second)))
            {
                fault = "a clean session read other bytes";
            }
            else if (read is not null)
            {
                clean++;
                if (reference is null)
                {
                    reference = read;
                    rssStart = SoakBenchmark.Rss(sim.Id);
                }
                worstRecovery = Math.Max(worstRecovery, recovering ? sinceFault : 0);
                recovering = false;
                continue;
            }
            if (reference is null)
            {
                // Not yet a clean session: the simulator is still joining the slot.
                if (clock.Elapsed > TimeSpan.FromSeconds(60))
                {
                    Console.WriteLine($"FAIL: {profileName}: no clean session in a minute, the last: {fault}");
                    return 1;
                }
                link.Reconnect();
                continue;
            }
            faulted++;
            sinceFault = recovering ? sinceFault + 1 : 1;
            recovering = true;
            if (sinceFault > RecoveryBound)
            {
                Console.WriteLine($"FAIL: {profileName}: {sinceFault} sessions in a row met a fault, the last: {fault}; the card did not recover");
                return 1;
            }
            if (cardGone)
            {
                reconnects++;
                link.Reconnect();
            }
        }
        long rssEnd = SoakBenchmark.Rss(sim.Id);
        rssSamples.Add(rssEnd);
        link.Dispose();
        Console.WriteLine($"| {profileName} | {link.Transmitted:N0} | {sessions:N0} | {faulted:N0} | {reconnects:N0} after {removals.Count(r => r <= link.Transmitted)} removals | {worstRecovery} | {string.Join(" → ", rssSamples.Select(k => (k / 1024).ToString("N0", CultureInfo.InvariantCulture)))} MiB | {clock.Elapsed.TotalSeconds:F0} s |");
        bool flat = rssEnd - rssStart < 64 * 1024;
        if (!flat)
        {
            Console.WriteLine($"FAIL: {profileName}: the simulator's working set grew by {(rssEnd - rssStart) / 1024} MiB");
        }
        return flat && clean > 0 ? 0 : 1;
    }

    /// <summary>One session; the bytes it read, or null when it met a fault (<paramref name="cardGone"/> when the link broke).</summary>
    private static byte[][]? TryRunSession(CountingLink link, out bool cardGone, out string fault)
    {
        cardGone = false;
        fault = "";
        var read = new List<byte[]>();
        try
        {
            var client = new CardClient(link);
            foreach (byte[] command in Session)
            {
                ResponseApdu reply = client.Send(command);
                if (reply.Sw != 0x9000 && !(command[1] == 0x20 && reply.Sw == 0x63C3))
                {
                    fault = $"{Convert.ToHexString(command)} answered {reply.Sw:X4}";
                    return null;
                }
                read.Add(command[1] == 0x84 ? [] : [.. reply.Data, (byte)(reply.Sw >> 8), (byte)reply.Sw]); // challenges differ by design
            }
            return [.. read];
        }
        catch (IOException e)
        {
            cardGone = true;
            fault = e.Message;
            return null;
        }
        catch (ArgumentOutOfRangeException)
        {
            fault = "a reply cut below its two status bytes";
            return null;
        }
    }

    /// <summary>The PC/SC link to the second slot, counting the APDUs it carries, reconnected after the card went away.</summary>
    private sealed class CountingLink : ICardChannel, IDisposable
    {
        private PcscChannel channel = SecondSlot.Connect();

        public long Transmitted { get; private set; }

        public ResponseApdu Transmit(byte[] command)
        {
            Transmitted++;
            return channel.Transmit(command);
        }

        /// <summary>
        /// A new connection once the card is back: while pcscd still reports the removed card, or the
        /// card is away, connecting or its first SELECT fails; both are tried again for up to 30 s.
        /// </summary>
        public void Reconnect()
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                channel.Dispose();
                channel = SecondSlot.Connect();
                try
                {
                    Transmit(Apdus.SelectAid(JpkiAp.Aid));
                    return;
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(100);
                }
            }
        }

        public void Dispose() => channel.Dispose();
    }
}
