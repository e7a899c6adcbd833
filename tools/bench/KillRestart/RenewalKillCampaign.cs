using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using NanoCard.Applets.Jpki;
using NanoCard.Flasher.Pcsc;
using NanoCard.Issuance;
using NanoCard.Issuance.Revocation;

namespace NanoCard.Bench.KillRestart;

/// <summary>
/// Kill and restart mid-renewal (docs/reliability.md, "Kill and restart"): one gen2 card image
/// issued by a CA folder, <c>flasher sim</c> in pcscd's second vpcd slot, and a client that runs
/// gen2 renewals (<see cref="Gen2Renewer"/>, the issuer key set the CA folder keeps, the holder's
/// signing password) back to back, each after a wrong signing password, while the simulator gets
/// SIGKILL at a seeded random moment inside the stream. A kill that falls on the switch runs on a
/// simulator whose page writes are slowed (<see cref="SwitchPageWriteMs"/>) and is aimed inside
/// SWITCH KEY SET: half of them across the command's round trip as measured in this run
/// (<see cref="SwitchRoundTrip"/>), half just after the card's commit record reaches the image file
/// (<see cref="CommitWatch"/>), so both outcomes occur, the card still on the old set or switched
/// with the reply lost. After every restart: the card's
/// authentication certificates are wholly the archive's current set, or wholly its pending set when
/// the switch was in flight; the signing password has no more tries than the last acknowledged
/// VERIFY left (unless the right one was in flight); then a renewal run completes (finishing the
/// pending one when the card switched) and the card is checked: the replaced certificates revoked as
/// superseded and the new ones not, card and JPKI AP authentication, and a signature of the new
/// ECDSA signing key verified with its new certificate.
/// Exit 1 on any broken check.
/// </summary>
public sealed class RenewalKillCampaign
{
    private readonly string image;
    private readonly string slowEeprom;
    private readonly Persona persona;
    private readonly TestCa ca;
    private readonly CaArchive archive;
    private readonly Dictionary<RenewalPhase, int> killedDuring = [];
    private readonly SwitchRoundTrip plainSwitch = new();
    private readonly SwitchRoundTrip slowSwitch = new();
    private volatile string inFlight = "";
    private int maxTries;
    private int triesAcknowledged;
    private long completionMilliseconds;
    private int renewalsAcknowledged;
    private int pendingCompleted;
    private int switchFoundOld;
    private int aimedAcross;
    private int aimedAtCommit;
    private int commitNotSeen;

    private RenewalKillCampaign(string image, string slowEeprom, Persona persona, TestCa ca, CaArchive archive)
    {
        this.image = image;
        this.slowEeprom = slowEeprom;
        this.persona = persona;
        this.ca = ca;
        this.archive = archive;
    }

    public static int Run(int kills, int seed)
    {
        string work = Directory.CreateTempSubdirectory("nanocard-kill-renewal-").FullName;
        try
        {
            string image = Path.Combine(work, "card.img");
            string caDirectory = Directory.CreateDirectory(Path.Combine(work, "ca")).FullName;
            Persona persona = PersonaGenerator.Create(19, "gen2", DateOnly.FromDateTime(DateTime.UtcNow));
            TestCa ca = TestCa.OpenOrCreate(caDirectory, DateTimeOffset.UtcNow);
            var archive = new CaArchive(caDirectory, ca);
            SecondSlot.IssueGen2Image(image, persona, ca, archive);
            // The built-in slow-eeprom profile's fault (docs/labs.md) at SwitchPageWriteMs a page instead of 10 ms: about 2 s more per renewal (some 1 100 page writes), not 11 s.
            string slowEeprom = Path.Combine(work, "slow-eeprom-switch.json");
            File.WriteAllText(slowEeprom, $$"""{"description": "page writes slowed for kills aimed at SWITCH KEY SET", "pageWriteMs": {{SwitchPageWriteMs}}}""");
            return new RenewalKillCampaign(image, slowEeprom, persona, ca, archive).Campaign(kills, new Random(seed));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private int Campaign(int kills, Random random)
    {
        // One round more than kills: the last restart is checked too, and not killed.
        for (int round = 1; round <= kills + 1; round++)
        {
            int killAfter = random.Next(1, StepsToKill + 1);
            TimeSpan delay = TimeSpan.FromMilliseconds(random.Next(0, 1 << random.Next(0, 10)));
            double acrossSwitch = random.NextDouble();
            bool afterCommit = random.Next(2) == 0;
            bool atSwitch = round <= kills && killAfter == SwitchStepNumber;
            using Process sim = atSwitch ? SecondSlot.StartSim(image, "--faults", slowEeprom) : SecondSlot.StartSim(image);
            try
            {
                (PcscChannel channel, (KeySetOnCard set, int tries)) = SecondSlot.FirstLook(client => (KeySetOnCard.Read(client), Tries(client)));
                using PcscChannel owned = channel;
                var client = new CardClient(channel);
                if (round == 1)
                {
                    maxTries = triesAcknowledged = tries; // as issuance left the password: no try used yet
                }
                if ((AfterRestart(set, tries) ?? CompleteAndVerify(client, atSwitch ? slowSwitch : plainSwitch)) is string broken)
                {
                    return KillRestartCampaign.Fail($"round {round}: {broken}");
                }
                if (round <= kills && KillInsideRenewals(client, sim, killAfter, atSwitch ? SwitchAim(afterCommit, acrossSwitch) : new KillAim(false, delay)) is string stopped)
                {
                    return KillRestartCampaign.Fail($"round {round}: {stopped}");
                }
            }
            finally
            {
                // Every path, a failed check included, leaves no simulator behind in the reader.
                if (!sim.HasExited)
                {
                    sim.Kill();
                    sim.WaitForExit();
                }
            }
        }
        Console.WriteLine($"{kills} kills inside gen2 renewals survived; {renewalsAcknowledged:N0} renewals acknowledged in the stream, {kills + 1:N0} run to completion after the restarts (mean {completionMilliseconds / (kills + 1):N0} ms each) ({pendingCompleted:N0} of them finished a switch the card had made); no mixed key set, no try came back");
        Console.WriteLine("kills during: " + string.Join(", ", Enum.GetValues<RenewalPhase>().Select(p => $"{RenewalPhases.Name(p)} {killedDuring.GetValueOrDefault(p)}")));
        Console.WriteLine($"switch in flight: old set {switchFoundOld}, switched and completed {pendingCompleted}");
        Console.WriteLine($"kills aimed at the switch (page writes of {SwitchPageWriteMs} ms): {aimedAcross} across its round trip, {aimedAtCommit} after its commit record ({commitNotSeen} of them saw none and were made when the reply was in); {slowSwitch.Describe()}; unslowed: {plainSwitch.Describe()}");
        return 0;
    }

    /// <summary>The checks on the card as the kill left it; null when they hold.</summary>
    private string? AfterRestart(KeySetOnCard set, int tries)
    {
        RenewalPhase phase = RenewalPhases.Of(inFlight);
        Dictionary<string, X509Certificate2> current = archive.GetCard(persona.Serial);
        Dictionary<string, X509Certificate2>? pending = archive.GetPending(persona.Serial);
        if (set.Is(pending) && !set.Is(current))
        {
            if (phase != RenewalPhase.Switch)
            {
                return $"the card is on the pending key set, but the switch was not in flight ({inFlight})";
            }
            pendingCompleted++;
        }
        else if (!set.Is(current))
        {
            return $"the card's key set is neither the archive's current set nor its pending one ({set.Describe(current, pending)}; in flight: {inFlight})";
        }
        else if (phase == RenewalPhase.Switch)
        {
            switchFoundOld++;
        }
        if (tries > triesAcknowledged && !(tries == maxTries && phase == RenewalPhase.Consent))
        {
            return $"the signing password has {tries} tries, the last acknowledged VERIFY left {triesAcknowledged} (in flight: {inFlight})";
        }
        return null;
    }

    /// <summary>A renewal run that must complete, then the card checked against its new certificates; null when all holds.</summary>
    private string? CompleteAndVerify(CardClient client, SwitchRoundTrip timing)
    {
        inFlight = "renewal after the restart";
        RenewedCard renewed;
        Gen2Renewer renewer = Renewer(client);
        timing.Watch(renewer);
        var clock = Stopwatch.StartNew();
        try
        {
            renewed = renewer.Renew(persona.SignPassword);
        }
        catch (Exception e)
        {
            return $"the renewal after the restart failed: {e.GetType().Name}: {e.Message}";
        }
        completionMilliseconds += clock.ElapsedMilliseconds;
        triesAcknowledged = maxTries;
        if (archive.GetPending(persona.Serial) is not null || !KeySetOnCard.Read(client).Is(archive.GetCard(persona.Serial))
            || !archive.GetCard(persona.Serial)[IssuedGen2Card.EcSign].RawData.AsSpan().SequenceEqual(renewed.New[IssuedGen2Card.EcSign].RawData))
        {
            return "after a completed renewal the card, the archive's current set and the renewed certificates differ, or a pending set is left";
        }
        if (Superseded(renewed) is string notRevoked)
        {
            return notRevoked;
        }
        VerificationReport report = new CardVerifier(client, ca, archive.Directory, TimeProvider.System).VerifyAuthenticity();
        if (!report.Genuine)
        {
            VerificationCheck failed = report.Checks.First(c => !c.Ok);
            return $"after the renewal the card does not verify: {failed.What}: {failed.Detail}";
        }
        byte[] message = RandomNumberGenerator.GetBytes(32);
        client.Expect(Apdus.SelectAid(JpkiAp.Aid), "SELECT JPKI");
        client.Expect(Apdus.Verify(SignPasswordP2, Encoding.ASCII.GetBytes(persona.SignPassword)), "VERIFY signing password");
        client.Expect(Apdus.SelectEf(JpkiAp.EcSignKey), "SELECT EC signing key");
        byte[] signature = client.Expect(Apdus.ComputeSignature(0x80, SHA256.HashData(message)), "COMPUTE DIGITAL SIGNATURE");
        using ECDsa key = renewed.New[IssuedGen2Card.EcSign].GetECDsaPublicKey()!;
        return key.VerifyData(message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            ? null
            : "the new ECDSA signing key's signature does not verify with the new certificate";
    }

    /// <summary>Each certificate the renewal replaced is revoked as superseded, and none of the new ones is revoked; null when so.</summary>
    private string? Superseded(RenewedCard renewed)
    {
        foreach (var (role, _, _) in IssuedGen2Card.Renewable)
        {
            if (CaRegistry.Find(archive.Directory, renewed.Old[role].SerialNumber).Revoked?.Reason != RevocationReason.Superseded)
            {
                return $"after the renewal the replaced {role} certificate {renewed.Old[role].SerialNumber} is not revoked as superseded";
            }
            if (CaRegistry.Find(archive.Directory, renewed.New[role].SerialNumber).Revoked is { } revoked)
            {
                return $"after the renewal the new {role} certificate {revoked.Serial} is revoked ({RevocationReasons.Name(revoked.Reason)})";
            }
        }
        return null;
    }

    /// <summary>
    /// Wrong signing password, then a renewal, over and over, until the simulator is killed at the
    /// moment <paramref name="aim"/> gives after the <paramref name="killAfter"/>th step reported (a
    /// seeded random one of the next <see cref="StepsToKill"/>): a log-uniform random 0–511 ms later
    /// (so short steps are hit as well as long key generations) or, when that step is the switch, a
    /// moment inside SWITCH KEY SET, before or after the card's commit. Null when the stream stopped
    /// only for the kill.
    /// </summary>
    private string? KillInsideRenewals(CardClient client, Process sim, int killAfter, KillAim aim)
    {
        bool atSwitch = aim.AtSwitch;
        TimeSpan delay = aim.Delay;
        using CommitWatch? watch = aim.AfterCommit ? new CommitWatch(image) : null;
        byte[] commitsBefore = [];
        byte[] wrong = Encoding.ASCII.GetBytes(WrongPassword(persona.SignPassword));
        using var reached = new SemaphoreSlim(0);
        int steps = 0;
        long reachedAt = 0;
        string killStep = "";
        bool killed = false;
        string? error = null;
        var trail = new Queue<string>();
        client.Exchanged += (command, response) =>
        {
            lock (trail)
            {
                trail.Enqueue($"{command[1]:X2} {command[3]:X2}:{response.Sw:X4}");
                if (trail.Count > 8)
                {
                    trail.Dequeue();
                }
            }
        };
        void Reached(string step)
        {
            Acknowledge(step);
            if (Interlocked.Increment(ref steps) == killAfter)
            {
                // Stamped here, in the stream, so the delay counts from the step and not from the waking of the killer.
                reachedAt = Stopwatch.GetTimestamp();
                killStep = step;
                // Read before the switch is sent: it goes out only when this report returns.
                commitsBefore = watch?.Read() ?? [];
                reached.Release();
            }
        }
        var stream = Task.Run(() =>
        {
            try
            {
                while (true)
                {
                    Reached("wrong signing password");
                    // A fresh selection: a plain command in the renewal's still open SCP03 session would close it with 6982.
                    client.Expect(Apdus.SelectAid(JpkiAp.Aid), "SELECT JPKI");
                    ushort sw = client.Send(Apdus.Verify(SignPasswordP2, wrong)).Sw;
                    if ((sw & 0xFFF0) != 0x63C0)
                    {
                        throw new InvalidOperationException($"a wrong signing password got {sw:X4}");
                    }
                    triesAcknowledged = sw & 0x0F;
                    Gen2Renewer renewer = Renewer(client);
                    renewer.Step += Reached;
                    renewer.Renew(persona.SignPassword);
                    triesAcknowledged = maxTries;
                    Interlocked.Increment(ref renewalsAcknowledged);
                }
            }
            catch (Exception e) when (!Volatile.Read(ref killed))
            {
                lock (trail)
                {
                    error = $"the stream stopped before the kill: {e.GetType().Name}: {e.Message} (in flight: {inFlight}; last INS P2:SW {string.Join(", ", trail)})";
                }
                reached.Release();
            }
            catch (Exception)
            {
                // The simulator was killed: whatever was in flight is unacknowledged.
            }
        });
        reached.Wait();
        if (error is null)
        {
            long from = watch is null ? reachedAt : CommitSeen(watch, commitsBefore, stream);
            PreciseWait.Until(from + (long)(delay.TotalSeconds * Stopwatch.Frequency));
        }
        Volatile.Write(ref killed, true);
        sim.Kill();
        sim.WaitForExit();
        if (!stream.Wait(TimeSpan.FromSeconds(30)))
        {
            return "the client kept talking to a killed card";
        }
        RenewalPhase phase = RenewalPhases.Of(inFlight);
        killedDuring[phase] = killedDuring.GetValueOrDefault(phase) + 1;
        if (error is null && atSwitch != (killStep == RenewalPhases.SwitchStep))
        {
            return $"the kill was planned {(atSwitch ? "on" : "off")} the switch, but step {killAfter} was '{killStep}': the renewal's steps changed ({nameof(SwitchStepNumber)})";
        }
        return error;
    }

    /// <summary>
    /// The moment a commit record differs from <paramref name="before"/>, watched without a pause; or,
    /// when the stream got past the switch first (its reply in, no commit seen) or stopped, that moment, counted.
    /// </summary>
    private long CommitSeen(CommitWatch watch, byte[] before, Task stream)
    {
        while (!watch.CommittedSince(before))
        {
            if (RenewalPhases.Of(inFlight) != RenewalPhase.Switch || stream.IsCompleted)
            {
                commitNotSeen++;
                break;
            }
        }
        return Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// Where a kill on the switch goes: after the card's commit record appears, a further 0 to
    /// <see cref="SwitchPageWriteMs"/> ms (inside the home page's write or the fsyncs around it); or
    /// uniformly across the switch's round trip on a slowed simulator as last measured (the renewal
    /// just completed, unless that one only finished a switch).
    /// </summary>
    private KillAim SwitchAim(bool afterCommit, double fraction)
    {
        if (afterCommit)
        {
            aimedAtCommit++;
            return new KillAim(true, TimeSpan.FromMilliseconds(SwitchPageWriteMs) * fraction, AfterCommit: true);
        }
        aimedAcross++;
        return new KillAim(true, slowSwitch.Last * fraction);
    }

    /// <summary>A kill's moment: <paramref name="Delay"/> after the kill step, or after the card's next commit record when <paramref name="AfterCommit"/>.</summary>
    private sealed record KillAim(bool AtSwitch, TimeSpan Delay, bool AfterCommit = false);

    /// <summary>A step reported means the ones before it were acknowledged; key generation comes only after the password's VERIFY was.</summary>
    private void Acknowledge(string step)
    {
        if (RenewalPhases.Of(step) == RenewalPhase.KeysAndCertificates)
        {
            triesAcknowledged = maxTries;
        }
        inFlight = step;
    }

    /// <summary>Steps one wrong password and one renewal report: the password, checks, session, consent, four keys, switch, revocation.</summary>
    private const int StepsToKill = 10;

    /// <summary>The switch is the stream's 9th step: wrong password, checks, session, consent, four keys, switch.</summary>
    private const int SwitchStepNumber = 9;

    /// <summary>
    /// Page writes of the simulator for a kill aimed at the switch: slow enough that the part of
    /// SWITCH KEY SET after its commit record (the home page written in place) is milliseconds long.
    /// </summary>
    private const int SwitchPageWriteMs = 2;

    private Gen2Renewer Renewer(CardClient client) => new(client, ca, archive, TimeProvider.System);

    /// <summary>VERIFY's P2 for the signing password: 80 | its reference 1B (docs/apdu-spec.md).</summary>
    private const byte SignPasswordP2 = 0x80 | JpkiAp.SignPassword;

    private static int Tries(CardClient client)
    {
        client.Expect(Apdus.SelectAid(JpkiAp.Aid), "SELECT JPKI");
        return client.Send(Apdus.VerifyStatus(SignPasswordP2)).Sw & 0x0F;
    }

    /// <summary>The password with its last character changed within its class, so the format still holds and the try counts.</summary>
    private static string WrongPassword(string password)
    {
        char last = password[^1];
        char other = char.IsDigit(last) ? (last == '0' ? '1' : '0') : (last == 'A' ? 'B' : 'A');
        return password[..^1] + other;
    }
}
