using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using NanoCard.Applets.Jpki;
using NanoCard.Flasher.Pcsc;
using NanoCard.Issuance;

namespace NanoCard.Bench.KillRestart;

/// <summary>
/// Kill and restart mid-renewal (docs/reliability.md, "Kill and restart"): one gen2 card image
/// issued by a CA folder, <c>flasher sim</c> in pcscd's second vpcd slot, and a client that runs
/// gen2 renewals (<see cref="Gen2Renewer"/>, the issuer key set the CA folder keeps, the holder's
/// signing password) back to back, each after a wrong signing password, while the simulator gets
/// SIGKILL at a seeded random moment inside the stream. After every restart: the card's
/// authentication certificates are wholly the archive's current set, or wholly its pending set when
/// the switch was in flight; the signing password has no more tries than the last acknowledged
/// VERIFY left (unless the right one was in flight); then a renewal run completes (finishing the
/// pending one when the card switched) and the card is checked: card and JPKI AP authentication,
/// and a signature of the new ECDSA signing key verified with its new certificate.
/// Exit 1 on any broken check.
/// </summary>
public sealed class RenewalKillCampaign
{
    private readonly string image;
    private readonly Persona persona;
    private readonly TestCa ca;
    private readonly CaArchive archive;
    private readonly Dictionary<RenewalPhase, int> killedDuring = [];
    private volatile string inFlight = "";
    private int maxTries;
    private int triesAcknowledged;
    private long completionMilliseconds;
    private int renewalsAcknowledged;
    private int pendingCompleted;

    private RenewalKillCampaign(string image, Persona persona, TestCa ca, CaArchive archive)
    {
        this.image = image;
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
            return new RenewalKillCampaign(image, persona, ca, archive).Campaign(kills, new Random(seed));
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
            using Process sim = SecondSlot.StartSim(image);
            try
            {
                (PcscChannel channel, (KeySetOnCard set, int tries)) = SecondSlot.FirstLook(client => (KeySetOnCard.Read(client), Tries(client)));
                using PcscChannel owned = channel;
                var client = new CardClient(channel);
                if (round == 1)
                {
                    maxTries = triesAcknowledged = tries; // as issuance left the password: no try used yet
                }
                if ((AfterRestart(set, tries) ?? CompleteAndVerify(client)) is string broken)
                {
                    return KillRestartCampaign.Fail($"round {round}: {broken}");
                }
                if (round <= kills && KillInsideRenewals(client, sim, random) is string stopped)
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
        if (tries > triesAcknowledged && !(tries == maxTries && phase == RenewalPhase.Consent))
        {
            return $"the signing password has {tries} tries, the last acknowledged VERIFY left {triesAcknowledged} (in flight: {inFlight})";
        }
        return null;
    }

    /// <summary>A renewal run that must complete, then the card checked against its new certificates; null when all holds.</summary>
    private string? CompleteAndVerify(CardClient client)
    {
        inFlight = "renewal after the restart";
        RenewedCard renewed;
        var clock = Stopwatch.StartNew();
        try
        {
            renewed = Renewer(client).Renew(persona.SignPassword);
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

    /// <summary>
    /// Wrong signing password, then a renewal, over and over, until the simulator is killed at a
    /// seeded random moment: after a random one of the next <see cref="StepsToKill"/> steps
    /// reported, a log-uniform random 0–511 ms later (so short steps such as the switch are hit as
    /// well as long key generations); null when the stream stopped only for the kill.
    /// </summary>
    private string? KillInsideRenewals(CardClient client, Process sim, Random random)
    {
        byte[] wrong = Encoding.ASCII.GetBytes(WrongPassword(persona.SignPassword));
        int killAfter = random.Next(1, StepsToKill + 1);
        int delay = random.Next(0, 1 << random.Next(0, 10));
        using var reached = new SemaphoreSlim(0);
        int steps = 0;
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
        Thread.Sleep(delay);
        Volatile.Write(ref killed, true);
        sim.Kill();
        sim.WaitForExit();
        if (!stream.Wait(TimeSpan.FromSeconds(30)))
        {
            return "the client kept talking to a killed card";
        }
        RenewalPhase phase = RenewalPhases.Of(inFlight);
        killedDuring[phase] = killedDuring.GetValueOrDefault(phase) + 1;
        return error;
    }

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
