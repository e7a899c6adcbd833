using NanoCard.Issuance;

namespace NanoCard.Applets.Tests.Scp03;

/// <summary>The off-card entity against the recorded sessions: every byte it sends, and the reply it opens.</summary>
public sealed class Scp03HostVectorTests
{
    /// <summary>Answers the transcript's card replies and records what the host sent.</summary>
    private sealed class ReplayedCard(Scp03Transcript transcript) : ICardChannel
    {
        public List<byte[]> Sent { get; } = [];

        public ResponseApdu Transmit(byte[] command)
        {
            Sent.Add(command);
            return Sent.Count == 1 ? new ResponseApdu(transcript.InitUpdateReply, 0x9000) : new ResponseApdu([], 0x9000);
        }
    }

    [Theory]
    [MemberData(nameof(Scp03Transcript.Levels), MemberType = typeof(Scp03Transcript))]
    public void The_host_sends_the_recorded_bytes(string level)
    {
        Scp03Transcript t = Scp03Transcript.AtLevel(level);
        var card = new ReplayedCard(t);
        Scp03Session session = Scp03Session.Open(card, t.Keys, t.Level, t.HostChallenge);
        Assert.Equal(Convert.ToHexString(t.InitUpdate), Convert.ToHexString(card.Sent[0]));
        Assert.Equal(Convert.ToHexString(t.ExtAuth), Convert.ToHexString(card.Sent[1]));

        Assert.Equal(Convert.ToHexString(t.Wrapped(1)), Convert.ToHexString(session.Wrap(t.Plain(1))));
        ResponseApdu reply = session.Unwrap(new ResponseApdu(t.Record.Hex("WrappedReply"), 0x9000));
        Assert.Equal(t.Record.Text("PlainReply"), Convert.ToHexString(reply.Data), ignoreCase: true);
        for (int n = 2; n <= Scp03Transcript.Commands; n++)
        {
            Assert.Equal(Convert.ToHexString(t.Wrapped(n)), Convert.ToHexString(session.Wrap(t.Plain(n))));
        }
    }

    [Fact]
    public void A_wrong_card_cryptogram_stops_the_host()
    {
        Scp03Transcript t = Scp03Transcript.AtLevel("11");
        byte[] reply = t.InitUpdateReply;
        reply[^4] ^= 1;
        Assert.Throws<System.Security.Cryptography.CryptographicException>(() =>
            Scp03Session.Open(new FixedReply(reply), t.Keys, t.Level, t.HostChallenge));
    }

    [Fact]
    public void A_wrong_r_mac_stops_the_host()
    {
        Scp03Transcript t = Scp03Transcript.AtLevel("11");
        Scp03Session session = Scp03Session.Open(new ReplayedCard(t), t.Keys, t.Level, t.HostChallenge);
        session.Wrap(t.Plain(1));
        byte[] tampered = t.Record.Hex("WrappedReply");
        tampered[0] ^= 1;
        Assert.Throws<System.Security.Cryptography.CryptographicException>(() => session.Unwrap(new ResponseApdu(tampered, 0x9000)));
    }

    private sealed class FixedReply(byte[] initUpdateReply) : ICardChannel
    {
        public ResponseApdu Transmit(byte[] command) => new(initUpdateReply, 0x9000);
    }
}
