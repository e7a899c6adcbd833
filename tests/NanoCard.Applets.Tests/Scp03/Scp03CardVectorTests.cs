using NanoCard.Issuance;
using NanoCard.Os.Runtime;

namespace NanoCard.Applets.Tests.Scp03;

/// <summary>The card's channel against the recorded sessions: its cryptogram, what it accepts, and the reply it wraps.</summary>
public sealed class Scp03CardVectorTests
{
    [Theory]
    [MemberData(nameof(Scp03Transcript.Levels), MemberType = typeof(Scp03Transcript))]
    public void The_card_answers_and_unwraps_the_recorded_session(string level)
    {
        Scp03Transcript t = Scp03Transcript.AtLevel(level);
        byte[] plainReply = t.Record.Hex("PlainReply");
        var (runtime, domain, _) = TestDomain.Boot(t.Keys, t.CardChallenge, plainReply);
        var card = new RuntimeChannel(runtime);
        Assert.Equal(0x9000, card.Transmit(Apdus.SelectAid(TestDomain.Aid)).Sw);

        ResponseApdu init = card.Transmit(t.InitUpdate);
        Assert.Equal(0x9000, init.Sw);
        // Key version, SCP03, i = 60 (random challenge, R-MAC and R-ENCRYPTION), then the recorded challenge and cryptogram.
        Assert.Equal($"{t.Keys.Version:X2}0360{Convert.ToHexString(t.CardChallenge)}{Convert.ToHexString(t.CardCryptogram)}",
            Convert.ToHexString(init.Data[10..]));
        Assert.Equal(0x9000, card.Transmit(t.ExtAuth).Sw);

        ResponseApdu first = card.Transmit(t.Wrapped(1));
        Assert.True(first.Sw == 0x9000, first.ToString());
        Assert.Equal(t.Record.Text("WrappedReply"), Convert.ToHexString(first.Data), ignoreCase: true);
        for (int n = 2; n <= Scp03Transcript.Commands; n++)
        {
            Assert.Equal(0x9000, card.Transmit(t.Wrapped(n)).Sw);
        }
        Assert.Equal(Enumerable.Range(1, Scp03Transcript.Commands).Select(n => AsSeen(t.Plain(n))), domain.Seen);
    }

    /// <summary>A plain short command as the INS table should see it: header with the class it was sent with, data, Ne.</summary>
    private static string AsSeen(byte[] c)
    {
        int lc = c.Length > 5 ? c[4] : 0;
        string data = Convert.ToHexString(c, c.Length > 5 ? 5 : 4, lc);
        bool hasLe = c.Length == 5 || c.Length == 6 + lc;
        int ne = hasLe ? (c[^1] == 0 ? 256 : c[^1]) : 0;
        return $"{Convert.ToHexString(c, 0, 4)} {data} {ne}";
    }
}
