using NanoCard.Hal.Host.Storage;

namespace NanoCard.Os.Tests.PowerCut;

/// <summary>
/// The randomized campaign: random commands on random applets, each run with a power cut armed at
/// a random page write (that strikes only when the command writes that much). The oracle for each
/// command is the same command run without a cut on a copy of the memory: after a cut and power-up
/// the card must hold exactly the state before or after the command, with no try given back.
/// CI runs the fixed seeds; NANOCARD_CUT_SEEDS=n adds n more seeds (printed when one fails).
/// </summary>
public class RandomCutCampaignTests
{
    private const int Steps = 200;
    private static readonly string[] Aids = ["F04E430001", "F04E43000102", "F04E430009"];

    public static TheoryData<int> Seeds() => CutSeeds.Of(1, 2, 3, 4, 5, 6);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_commands_cut_at_random_writes_keep_every_invariant(int seed)
    {
        var random = new Random(seed);
        var nvm = CardHarness.NewMemory();
        var card = new CardHarness(nvm, personalize: true);
        string[] pins = ["1234", "1234", "1234"];
        int cuts = 0;
        for (int step = 0; step < Steps; step++)
        {
            int applet = random.Next(3);
            var (command, newPin) = NextCommand(random, pins[applet]);
            string where = $"seed {seed} step {step} applet {applet} {command[..Math.Min(16, command.Length)]}";
            var beforeImage = CardImage.Of(nvm);

            // The oracle: the same command, no cut, on a copy.
            var copy = new RamNvm(nvm.Snapshot(), nvm.PageSize);
            var twin = new CardHarness(copy, random: card.Random.Fork());
            Prepare(twin, applet, pins[applet]);
            var expected = twin.Send(command);
            var afterImage = CardImage.Of(copy);

            Prepare(card, applet, pins[applet]);
            var afterPrepare = CardImage.Of(nvm);
            Assert.True(afterPrepare.SameAs(beforeImage), $"{where}: SELECT/VERIFY changed the image");
            var beforeTries = Tries.Of(card);
            nvm.CutPowerAfter(1 + random.Next(40), garble: random.Next(2) == 1, seed: random.Next());
            var reply = card.Send(command);
            if (nvm.IsPowerLost)
            {
                cuts++;
                card = PowerCutCampaignTests.PowerUpThroughCuts(nvm, where);
                var now = CardImage.Of(nvm);
                bool old = now.SameAs(beforeImage);
                Assert.True(old || now.SameAs(afterImage), $"{where}: a mix of old and new");
                Assert.True(Tries.Of(card).NoneAbove(beforeTries), $"{where}: tries {Tries.Of(card)} above {beforeTries}");
                if (!old && newPin != null) pins[applet] = newPin;
            }
            else
            {
                nvm.Disarm();
                Assert.Equal(expected.ToString(), reply.ToString());
                Assert.True(CardImage.Of(nvm).SameAs(afterImage), $"{where}: differs from its twin");
                if (reply.Sw == Sw.NoError && newPin != null) pins[applet] = newPin;
            }
            PowerCutCampaignTests.AnswersNormally(card, where);
        }
        Assert.True(cuts > 0, $"seed {seed}: no cut struck");
    }

    /// <summary>Selects the applet and, when its PIN is not blocked, verifies it: every command then has its rights.</summary>
    private static void Prepare(CardHarness card, int applet, string pin)
    {
        card.Send($"00A4040C{Aids[applet].Length / 2:X2}{Aids[applet]}");
        var status = card.Sw("00200091");
        if (status != 0x63C0) card.Send("0020009104" + Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(pin)));
    }

    /// <summary>A command and, for a PIN change, the PIN it sets.</summary>
    private static (string Command, string? NewPin) NextCommand(Random random, string pin)
    {
        switch (random.Next(7))
        {
            case 0:
                return ("0020009104" + Convert.ToHexString("0000"u8), null);
            case 1:
                return ("0020009B06" + Convert.ToHexString("ZZZZZZ"u8), null);
            case 2:
                return ("0020009B06" + Convert.ToHexString("ABC123"u8), null);
            case 3:
                string next = random.Next(10000).ToString("D4");
                return ("0024019104" + Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(next)), next);
            case 4:
                int offset = random.Next(256);   // P2 of the SFI form
                int length = 1 + random.Next(Math.Min(255, TestApplet.PublicEfSize - offset));
                var data = new byte[length];
                random.NextBytes(data);
                return ($"00D681{offset:X2}{length:X2}" + Convert.ToHexString(data), null);
            case 5:
                return ($"803200{random.Next(256):X2}", null);
            default:
                return ("0020009104" + Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(pin)), null);
        }
    }
}
