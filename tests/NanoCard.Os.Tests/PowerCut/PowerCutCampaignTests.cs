using NanoCard.Hal.Host.Storage;

namespace NanoCard.Os.Tests.PowerCut;

/// <summary>
/// The power-cut campaign (docs/reliability.md): each script runs once to count its page writes W;
/// then for every k in 1..W the power is cut at write k, once leaving the page as it was and once
/// garbling it, and the card is powered up again. Every time, the store must pass its checks, the
/// interrupted command must be all old or all new, no try counter may be above its value before
/// that command, and the card must answer normally. Recovery is itself cut at each of its writes.
/// </summary>
public class PowerCutCampaignTests
{
    private const string SelectMain = "00A4040C05F04E430001";
    private static readonly string WrongPin = "0020009104" + Convert.ToHexString("0000"u8);
    private static readonly string RightPin = "0020009104" + Convert.ToHexString("1234"u8);
    private static readonly string NewPin = "0020009104" + Convert.ToHexString("5678"u8);
    private static readonly string ChangePin = "0024019104" + Convert.ToHexString("5678"u8);
    private static readonly string WrongPassword = "002000" + "9B06" + Convert.ToHexString("AAAAAA"u8);
    private static readonly string RightPassword = "002000" + "9B06" + Convert.ToHexString("ABC123"u8);
    private static readonly string UpdatePublic = "00D60000" + "00012C" + Convert.ToHexString(Enumerable.Range(0, 300).Select(i => (byte)(255 - i)).ToArray());

    public static TheoryData<string> Scripts => ["pin-verify", "pin-change", "update-binary", "personalize"];

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Every_cut_leaves_the_command_all_old_or_all_new_and_gives_no_try_back(string name)
    {
        var (image, script, expected) = Scenario(name);
        var dry = CutRun.Dry(image, script);
        Assert.Equal(expected, dry.Sws.Select(sw => sw.ToString("X4")).ToArray());
        Assert.True(dry.PageWrites > 0);
        for (long k = 1; k <= dry.PageWrites; k++)
        {
            foreach (bool garble in new[] { false, true })
            {
                var run = new CutRun { BaseImage = image, Script = script };
                run.Execute(k, garble);
                Assert.True(run.Interrupted >= 0, $"{name}: a cut at write {k} of {dry.PageWrites} did not strike");
                int c = run.Interrupted;
                var after = c + 1 < script.Length ? dry.ImagesBefore[c + 1] : dry.FinalImage!;
                string where = $"{name}: cut at write {k} (garble {garble}) in command {c} {script[c][..8]}";
                CardHarness card = PowerUpThroughCuts(run.Nvm, where);
                var now = CardImage.Of(run.Nvm);
                Assert.True(now.SameAs(dry.ImagesBefore[c]) || now.SameAs(after), $"{where}: the card holds a mix of old and new");
                Assert.True(Tries.Of(card).NoneAbove(dry.TriesBefore[c]), $"{where}: tries {Tries.Of(card)} above {dry.TriesBefore[c]}");
                AnswersNormally(card, where);
            }
        }
    }

    /// <summary>
    /// The first power-up of a blank memory, installation and personalization, cut at every write:
    /// afterwards each applet is either untouched (and personalizes cleanly now) or complete.
    /// </summary>
    [Fact]
    public void Issuing_a_card_can_be_cut_anywhere()
    {
        long writes;
        {
            var nvm = CardHarness.NewMemory();
            _ = new CardHarness(nvm, personalize: true);
            writes = nvm.TotalPageWrites;
        }
        Assert.True(writes > 0);
        for (long k = 1; k <= writes; k++)
        {
            foreach (bool garble in new[] { false, true })
            {
                var nvm = CardHarness.NewMemory();
                nvm.CutPowerAfter(k, garble, seed: (int)k);
                Assert.Throws<PowerLossException>(() => new CardHarness(nvm, personalize: true));
                string where = $"issuance cut at write {k} (garble {garble})";
                var card = PowerUpThroughCuts(nvm, where);
                foreach (var applet in new[] { card.Main, card.Longer, card.Refusing })
                {
                    if (!applet.IsPersonalized)
                    {
                        Assert.True(FileHolds(card, applet, TestApplet.PublicEf, Enumerable.Repeat((byte)0xFF, TestApplet.PublicEfSize)), $"{where}: half-personalized");
                        Assert.Equal(Sw.NoError, applet.Personalize());
                    }
                    Assert.True(FileHolds(card, applet, TestApplet.PublicEf, TestApplet.PublicContent), $"{where}: public EF");
                    Assert.True(FileHolds(card, applet, TestApplet.LargeEf, TestApplet.LargeContent), $"{where}: large EF");
                    Assert.Equal(3, applet.Pin.TriesRemaining);
                    Assert.Equal(5, applet.Password.TriesRemaining);
                }
                AnswersNormally(card, where);
            }
        }
    }

    /// <summary>
    /// Powers up after a cut. If recovery writes, each of its writes is cut in turn (left old and
    /// garbled) before the clean power-up: recovery must survive being interrupted itself.
    /// </summary>
    internal static CardHarness PowerUpThroughCuts(RamNvm nvm, string where)
    {
        nvm.PowerUp();
        var image = nvm.Snapshot();
        var probe = new RamNvm(image, nvm.PageSize);
        var first = new CardHarness(probe);
        Assert.True(first.Store.IsHealthy, $"{where}: store health {first.Store.Health:X2} after power-up");
        long recoveryWrites = probe.TotalPageWrites;
        for (long j = 1; j <= recoveryWrites; j++)
        {
            foreach (bool garble in new[] { false, true })
            {
                var again = new RamNvm(image, nvm.PageSize);
                again.CutPowerAfter(j, garble, seed: (int)j + 7);
                try { _ = new CardHarness(again); } catch (PowerLossException) { }
                again.PowerUp();
                var recovered = new CardHarness(again);
                Assert.True(recovered.Store.IsHealthy, $"{where}: recovery cut at its write {j}: health {recovered.Store.Health:X2}");
                Assert.True(CardImage.Of(again).SameAs(CardImage.Of(probe)), $"{where}: recovery cut at its write {j} ends elsewhere");
            }
        }
        return new CardHarness(nvm);
    }

    internal static void AnswersNormally(CardHarness card, string where)
    {
        Assert.True(card.Sw(SelectMain) == Sw.NoError, $"{where}: SELECT");
        var read = card.Send("00B0810010");
        Assert.True(read.Sw == Sw.NoError && read.Data.Length == 16, $"{where}: READ BINARY {read}");
        var diagnostic = card.Send("00CADF4E00");
        Assert.True(diagnostic.Sw == Sw.NoError && diagnostic.Data[0] == 0, $"{where}: diagnostic {diagnostic}");
        var status = card.Sw("00200091");
        Assert.True((status & 0xFFF0) == 0x63C0 || status == Sw.NoError, $"{where}: VERIFY status {status:X4}");
    }

    private static bool FileHolds(CardHarness card, TestApplet applet, short fid, IEnumerable<byte> expected)
    {
        var want = expected.ToArray();
        var entry = (Files.TransparentEf)applet.FileById(fid);
        var got = new byte[want.Length];
        entry.Read(0, got, 0, (short)got.Length);
        return got.SequenceEqual(want);
    }

    private static (byte[] Image, string[] Script, string[] Expected) Scenario(string name)
    {
        switch (name)
        {
            case "pin-verify":
                return (PersonalizedImage(), [SelectMain, WrongPin, RightPin, WrongPassword, RightPassword],
                    ["9000", "63C2", "9000", "63C4", "9000"]);
            case "pin-change":
                return (PersonalizedImage(), [SelectMain, RightPin, ChangePin, NewPin],
                    ["9000", "9000", "9000", "9000"]);
            case "update-binary":
                return (PersonalizedImage(), [SelectMain, RightPin, "00A4020C020001", UpdatePublic, "80320005", "80320006"],
                    ["9000", "9000", "9000", "9000", "9000", "9000"]);
            case "personalize":
                var nvm = CardHarness.NewMemory();
                _ = new CardHarness(nvm, personalize: false);
                return (nvm.Snapshot(), [SelectMain, "80300000"], ["9000", "9000"]);
            default:
                throw new ArgumentOutOfRangeException(nameof(name));
        }
    }

    private static byte[] PersonalizedImage()
    {
        var nvm = CardHarness.NewMemory();
        _ = new CardHarness(nvm, personalize: true);
        return nvm.Snapshot();
    }
}
