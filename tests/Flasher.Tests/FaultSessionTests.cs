using NanoCard.Applets.Jpki;
using NanoCard.Issuance;
using static NanoCard.Flasher.Tests.VpcdWire;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// Each built-in fault profile (tools/flasher/Faults/Profiles) against a scripted reader: the
/// faults happen on exactly the commands docs/labs.md says, they are in the trace, and a clean
/// session afterwards finds the card consistent. Expectations come from the profile's values as
/// documented and from the documented rule, recomputed here, never from the flasher's scheduler.
/// </summary>
public sealed class FaultSessionTests(FaultLabCard card) : IClassFixture<FaultLabCard>, IDisposable
{
    private static readonly byte[] SelectJpki = Apdus.SelectAid(JpkiAp.Aid);
    private readonly string work = Directory.CreateTempSubdirectory("flasher-faults-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public async Task Slow_card_delays_every_command_by_its_INS()
    {
        await using var lab = new FaultLab(work, card, "slow-card");
        var s = await lab.Connect();
        Assert.Equal("9000", Sw(Request(s, SelectJpki)));
        Assert.Equal("9000", Sw(Request(s, Apdus.Verify(0x98, card.Pin))));
        Assert.Equal(258, Request(s, Apdus.ComputeSignature(0x97, IssuerSignature.DigestInfo([1]))).Length);
        Assert.Equal("9000", Sw(Request(s, Apdus.SelectEf(JpkiAp.AuthCertificate))));
        var (text, json) = await lab.Stop();

        // SELECT 40 (every command), VERIFY 250, PERFORM SECURITY OPERATION 1500, SELECT 40.
        Assert.Equal([40, 250, 1500, 40], lab.Time.DelaysMs);
        Assert.Equal(["! fault delay at command 1: 40 ms before INS A4", "! fault delay at command 2: 250 ms before INS 20",
            "! fault delay at command 3: 1500 ms before INS 2A", "! fault delay at command 4: 40 ms before INS A4"], text);
        Assert.Equal(4, json.Length);
        card.AssertConsistent(lab.Image, triesLeft: 3);
    }

    [Fact]
    public async Task Small_responses_split_long_replies_and_refuse_extended_length()
    {
        await using var lab = new FaultLab(work, card, "small-responses");
        var s = await lab.Connect();
        Request(s, SelectJpki);
        Request(s, Apdus.SelectEf(JpkiAp.AuthCertificate));
        // 256 bytes asked for, 64 per frame: 61C0, 6180, 6140, then the last part with 9000.
        var frames = new List<byte[]> { Request(s, Apdus.ReadBinary(0, 0)) };
        while (frames[^1][^2] == 0x61)
        {
            frames.Add(Request(s, [0x00, 0xC0, 0x00, 0x00, 0x00]));
        }
        Assert.Equal(["61C0", "6180", "6140", "9000"], frames.Select(Sw));
        Assert.All(frames, f => Assert.Equal(66, f.Length));
        Assert.Equal(card.Certificate[..256], frames.SelectMany(f => f[..^2]));
        Assert.Equal("6700", Sw(Request(s, Apdus.ReadBinaryExtended(0, 300))));
        var (text, _) = await lab.Stop();

        Assert.Equal(["! fault max-response at command 3: 64 data bytes sent with 61C0, the rest on GET RESPONSE",
            "! fault max-response at command 4: 64 data bytes sent with 6180, the rest on GET RESPONSE",
            "! fault max-response at command 5: 64 data bytes sent with 6140, the rest on GET RESPONSE",
            "! fault extended-length-refused at command 7: answered 6700"], text);
        card.AssertConsistent(lab.Image, triesLeft: 3);
    }

    /// <summary>
    /// 30 rounds of SELECT and VERIFY (status only, but a wrong PIN in rounds 4 and 11), checked
    /// against docs/labs.md's rule: command n takes the n-th NextDouble() of new Random(7); below
    /// 0.08 a status word (6F00 and 6581 in turn) without running; below 0.12 the reply cut to
    /// its first half.
    /// </summary>
    [Fact]
    public async Task Flaky_answers_status_words_and_truncates_as_the_seed_says()
    {
        var random = new Random(7);
        int turn = 0;
        int tries = 3;
        int n = 0;
        var expected = new List<(byte[] Reply, string? Fault)>();
        var script = new List<byte[]>();
        for (int round = 1; round <= 30; round++)
        {
            bool wrong = round is 4 or 11;
            foreach (byte[] command in new[] { SelectJpki, wrong ? Apdus.Verify(0x98, card.WrongPin) : Apdus.VerifyStatus(0x98) })
            {
                n++;
                double draw = random.NextDouble();
                script.Add(command);
                if (draw < 0.08)
                {
                    string sw = turn++ % 2 == 0 ? "6F00" : "6581";
                    expected.Add((Convert.FromHexString(sw), $"! fault status-word at command {n}: answered {sw} without running the command"));
                    continue;
                }
                if (command[1] == 0x20 && wrong)
                {
                    tries--;
                }
                byte[] reply = command[1] == 0x20 ? [0x63, (byte)(0xC0 | tries)] : [0x90, 0x00];
                expected.Add(draw < 0.12 ? (reply[..1], $"! fault truncated at command {n}: the reader gets 1 of 2 bytes") : (reply, null));
            }
        }
        // The seed must exercise every kind of fault, or the test proves little.
        Assert.Contains(expected, e => e.Fault?.Contains("6F00", StringComparison.Ordinal) == true);
        Assert.Contains(expected, e => e.Fault?.Contains("6581", StringComparison.Ordinal) == true);
        Assert.Contains(expected, e => e.Fault?.Contains("truncated", StringComparison.Ordinal) == true);

        await using var lab = new FaultLab(work, card, "flaky");
        var s = await lab.Connect();
        Assert.Equal(expected.Select(e => Convert.ToHexString(e.Reply)), script.Select(c => Convert.ToHexString(Request(s, c))));
        var (text, json) = await lab.Stop();

        Assert.Equal(expected.Where(e => e.Fault is not null).Select(e => e.Fault), text);
        Assert.Equal(text.Length, json.Length);
        Assert.Equal(text.Count(l => l.Contains("truncated", StringComparison.Ordinal)),
            File.ReadAllLines(lab.Trace).Count(l => l.EndsWith("truncated by the fault profile", StringComparison.Ordinal)));
        Assert.DoesNotContain(Convert.ToHexString(card.WrongPin), File.ReadAllText(lab.Trace), StringComparison.Ordinal);
        card.AssertConsistent(lab.Image, tries);
    }

    [Fact]
    public async Task Card_removed_mid_command_comes_back_after_the_profile_time()
    {
        await using var lab = new FaultLab(work, card, "card-removed");
        var first = await lab.Connect();
        Request(first, SelectJpki);
        Assert.Equal("63C3", Sw(Request(first, Apdus.VerifyStatus(0x98))));
        Request(first, SelectJpki);
        Request(first, Apdus.VerifyStatus(0x98));
        FaultLab.RequestAndSeeTheCardLeave(first, Apdus.Verify(0x98, card.WrongPin)); // command 5

        var second = await lab.Connect();
        Assert.Equal([1500], lab.Time.DelaysMs);
        Request(second, SelectJpki);
        Assert.Equal("63C2", Sw(Request(second, Apdus.VerifyStatus(0x98)))); // the wrong PIN counted: it ran
        for (int command = 8; command < 12; command++)
        {
            Request(second, command % 2 == 0 ? SelectJpki : Apdus.VerifyStatus(0x98));
        }
        FaultLab.RequestAndSeeTheCardLeave(second, Apdus.Verify(0x98, card.Pin)); // command 12

        var third = await lab.Connect();
        Request(third, SelectJpki);
        Assert.Equal("63C3", Sw(Request(third, Apdus.VerifyStatus(0x98)))); // the right PIN reset the counter, the removal the session
        var (text, _) = await lab.Stop();

        Assert.Equal([1500, 1500], lab.Time.DelaysMs);
        Assert.Equal(["! fault card-removed at command 5: the command ran, its reply is lost; the card is back after 1500 ms",
            "! fault card-removed at command 12: the command ran, its reply is lost; the card is back after 1500 ms"], text);
        Assert.Equal(2, lab.Output.ToString().Split("card removed (fault profile): back in 1500 ms").Length - 1);
        card.AssertConsistent(lab.Image, triesLeft: 3);
    }

    [Fact]
    public async Task Slow_eeprom_delays_each_page_write_of_a_command()
    {
        await using var lab = new FaultLab(work, card, "slow-eeprom");
        var s = await lab.Connect();
        Request(s, SelectJpki);
        Assert.Equal("63C2", Sw(Request(s, Apdus.Verify(0x98, card.WrongPin))));
        Assert.Equal("63C2", Sw(Request(s, Apdus.VerifyStatus(0x98))));
        var (text, _) = await lab.Stop();

        // Only the wrong VERIFY writes (its try counter): one fault line, and its pages are the delays asked for.
        string line = Assert.Single(text);
        Assert.StartsWith("! fault slow-eeprom at command 2: ", line, StringComparison.Ordinal);
        int pages = int.Parse(line.Split(": ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(pages > 0);
        Assert.EndsWith($"{pages} page writes, {pages * 10} ms", line, StringComparison.Ordinal);
        Assert.Equal(pages * 10, lab.Time.DelaysMs.Sum());
        Assert.All(lab.Time.DelaysMs, ms => Assert.Equal(0, ms % 10));
        card.AssertConsistent(lab.Image, triesLeft: 2);
    }

    private static string Sw(byte[] reply) => Convert.ToHexString(reply[^2..]);
}
