using System.Diagnostics;
using System.Globalization;
using NanoCard.Applets.CardManager;
using NanoCard.Applets.Jpki;
using NanoCard.Flasher.Pcsc;
using NanoCard.Issuance;

namespace NanoCard.Bench.KillRestart;

/// <summary>
/// Kill and restart, black box (docs/reliability.md): one card image, a <c>flasher sim</c> process
/// in pcscd's second vpcd slot, and a client that keeps sending PIN verifications (wrong, then
/// right), issuer-authenticated EF updates (an increasing number written to the token info's
/// free bytes) and, through the issuer's SCP03 session, INSTALL, personalization and DELETE of the
/// licence AP (<see cref="ContentStream"/>) while the simulator is killed with SIGKILL at seeded
/// random moments and started again. After every restart: every acknowledged update is there (the
/// number is the last acknowledged one, or the one in flight); the PIN's tries are what the last
/// acknowledged VERIFY left, or what the one in flight would leave, never more; the licence AP is
/// wholly there or wholly gone as acknowledged; and the card still answers a session.
/// Exit 1 on any broken check.
/// </summary>
public static class KillRestartCampaign
{
    /// <summary>The token info's last 4 bytes (part of its blank utcTime field): where the sequence number goes.</summary>
    private const int SequenceOffset = 156;

    public static int Run(string[] args)
    {
        bool renewal = args.Length >= 1 && args[0] == "--renewal";
        args = renewal ? args[1..] : args;
        int kills = args.Length >= 2 && args[0] == "--kills" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        int seed = args.Length >= 4 && args[2] == "--seed" ? int.Parse(args[3], CultureInfo.InvariantCulture) : 7;
        if (renewal)
        {
            return RenewalKillCampaign.Run(kills, seed);
        }
        string work = Directory.CreateTempSubdirectory("nanocard-kill-").FullName;
        try
        {
            string image = Path.Combine(work, "card.img");
            Persona persona = PersonaGenerator.Create(19, "gen1", DateOnly.FromDateTime(DateTime.UtcNow));
            SecondSlot.IssueImage(image, persona);
            var licence = Issuance.Content.ApDescriptionFile.Load(Path.Combine(RepositoryRoot(), "docs", "examples", "licence-ap.json"));
            return Campaign(image, persona, kills, new Random(seed), new ContentStream(licence));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static int Campaign(string image, Persona persona, int kills, Random random, ContentStream content)
    {
        byte[] pin = System.Text.Encoding.ASCII.GetBytes(persona.Pin);
        byte[] wrong = System.Text.Encoding.ASCII.GetBytes(persona.Pin[..3] + (persona.Pin[3] == '0' ? '1' : '0'));
        uint acknowledged = 0;
        int triesAcknowledged = 3;
        int commands = 0;
        int updates = 0;
        for (int round = 1; round <= kills; round++)
        {
            using Process sim = SecondSlot.StartSim(image);
            try
            {
                // Before this round's stream: the card is as the last round left it.
                (PcscChannel channel, uint stored, int tries) = FirstLook();
                using PcscChannel owned = channel;
                var client = new CardClient(channel);
                if (round == 1)
                {
                    acknowledged = stored; // what issuance left there: the first number counts from it
                }
                if (stored < acknowledged || stored > acknowledged + 1)
                {
                    return Fail($"round {round}: sequence {stored}, acknowledged {acknowledged}");
                }
                if (tries > triesAcknowledged && tries != 3)
                {
                    return Fail($"round {round}: {tries} tries, the last acknowledged VERIFY left {triesAcknowledged}");
                }
                acknowledged = stored;
                triesAcknowledged = tries;
                if (content.AfterRestart(client) is string broken)
                {
                    return Fail($"round {round}: {broken}");
                }
                var stream = Task.Run(() =>
                {
                    try
                    {
                        while (true)
                        {
                            client.Expect(Apdus.SelectCardManager(), "SELECT");
                            IssuerAuthentication.Authenticate(client, IssuerKey.TestKey);
                            client.Expect(Apdus.SelectAid(JpkiAp.Aid), "SELECT JPKI");
                            // The right PIN first: a kill after the wrong one leaves a try used (none comes back),
                            // and this gives them back before the next wrong one, so the PIN never blocks.
                            client.Expect(Apdus.Verify(0x98, pin), "VERIFY");
                            triesAcknowledged = 3;
                            client.Expect(Apdus.SelectEf(JpkiAp.TokenInfo), "SELECT token info");
                            uint next = acknowledged + 1;
                            client.Expect(Apdus.WriteBinary(SequenceOffset, [(byte)(next >> 24), (byte)(next >> 16), (byte)(next >> 8), (byte)next]), "WRITE");
                            acknowledged = next;
                            Interlocked.Increment(ref updates);
                            ushort sw = client.Send(Apdus.Verify(0x98, wrong)).Sw;
                            triesAcknowledged = sw & 0x0F;
                            Interlocked.Add(ref commands, 12);
                            content.Run(client);
                        }
                    }
                    catch (Exception)
                    {
                        // The simulator was killed: whatever was in flight is unacknowledged.
                    }
                });
                Thread.Sleep(random.Next(50, 400));
                sim.Kill();
                sim.WaitForExit();
                if (!stream.Wait(TimeSpan.FromSeconds(10)))
                {
                    return Fail($"round {round}: the client kept talking to a killed card");
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
        using (Process last = SecondSlot.StartSim(image))
        {
            try
            {
                (PcscChannel channel, uint stored, _) = FirstLook();
                using PcscChannel owned = channel;
                var client = new CardClient(channel);
                if (stored < acknowledged || stored > acknowledged + 1)
                {
                    return Fail($"at the end: sequence {stored}, acknowledged {acknowledged}");
                }
                client.Expect(Apdus.SelectAid(JpkiAp.Aid), "SELECT");
                client.Expect(Apdus.Verify(0x98, pin), "VERIFY after the campaign");
                client.Expect(Apdus.ComputeSignature(0x97, IssuerSignature.DigestInfo([1, 2, 3])), "SIGN after the campaign");
            }
            finally
            {
                last.Kill();
                last.WaitForExit();
            }
        }
        Console.WriteLine($"{kills} kills survived; {updates:N0} EF updates acknowledged and found, about {commands:N0} APDUs besides card content; no try came back");
        Console.WriteLine($"licence AP: {Steps(content.Acknowledged)} acknowledged; kills during {Steps(content.KilledDuring)}; every time wholly there or wholly gone, no space lost");
        return 0;
    }

    private static (PcscChannel Channel, uint Stored, int Tries) FirstLook()
    {
        (PcscChannel channel, (uint stored, int tries)) = SecondSlot.FirstLook(client => (ReadSequence(client), Tries(client)));
        return (channel, stored, tries);
    }

    private static uint ReadSequence(CardClient client)
    {
        client.Expect(Apdus.SelectAid(JpkiAp.Aid), "SELECT JPKI");
        client.Expect(Apdus.SelectEf(JpkiAp.TokenInfo), "SELECT token info");
        byte[] b = client.Expect(Apdus.ReadBinary(SequenceOffset, 4), "READ sequence");
        return (uint)((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]);
    }

    private static int Tries(CardClient client) => client.Send(Apdus.VerifyStatus(0x98)).Sw & 0x0F;

    private static string Steps(Dictionary<ContentStream.Step, int> counts) =>
        string.Join(", ", new[] { ContentStream.Step.Install, ContentStream.Step.Personalize, ContentStream.Step.Delete }.Select(s => $"{s} {counts.GetValueOrDefault(s)}"));

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "nf.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new DirectoryNotFoundException("nf.sln not found above " + AppContext.BaseDirectory);
    }

    internal static int Fail(string message)
    {
        Console.WriteLine("FAIL: " + message);
        return 1;
    }
}
