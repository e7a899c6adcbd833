using System.Security.Cryptography;
using NanoCard.Applets.CardManager;
using NanoCard.Applets.Jpki;
using NanoCard.Hal.Crypto.Managed;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Tests.Scp03;

/// <summary>
/// SCP03 with the card manager of an issued card (docs/apdu-spec.md §11.1): every level both
/// ways, and what the channel refuses — a tampered MAC, a replayed or reordered command, another
/// key version, a plain command inside a session — each answered before anything is written.
/// </summary>
[Collection(IssuedCardCollection.Name)]
public sealed class CardManagerScp03Tests(IssuedCardFixture fixture)
{
    private static readonly byte[] NewSerial = "SCP03-0001"u8.ToArray();

    public static TheoryData<byte> Levels => new() { 0x01, 0x03, 0x11, 0x13, 0x33 };

    private static RuntimeChannel SelectManager(TestCard card)
    {
        var channel = new RuntimeChannel(card.Runtime);
        Assert.Equal(0x9000, channel.Transmit(Apdus.SelectCardManager()).Sw);
        return channel;
    }

    private static (TestCard Card, RuntimeChannel Channel, Scp03Session Session) Open(TestCard card, byte level)
    {
        RuntimeChannel channel = SelectManager(card);
        return (card, channel, Scp03Session.Open(channel, Scp03Keys.Test, level));
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void Every_level_carries_issuer_commands_both_ways(byte level)
    {
        var (card, _, session) = Open(fixture.NewCard(), level);
        ResponseApdu lifeCycle = session.Transmit(Apdus.GetData(CardManagerApplet.TagLifeCycle));
        Assert.Equal("0F 9000", $"{Convert.ToHexString(lifeCycle.Data)} {lifeCycle.Sw:X4}");
        // PUT DATA on an issued card: refused plain (§10), taken from inside the channel.
        Assert.Equal(0x9000, session.Transmit(Apdus.PutData(CardData.TagSerial, NewSerial)).Sw);
        ResponseApdu serial = session.Transmit(Apdus.GetData(CardData.TagSerial));
        Assert.Equal(0x9000, serial.Sw);
        Assert.Equal(NewSerial, serial.Data);
        // An error status word comes back alone, without R-MAC, and the session goes on.
        Assert.Equal(0x6A88, session.Transmit(Apdus.GetData(0x0101)).Sw);
        Assert.Equal(0x9000, session.Transmit(Apdus.GetData(CardManagerApplet.TagLifeCycle)).Sw);
        // A plain command inside the session closes it; plain, PUT DATA is then the personalization lock's again.
        Assert.Equal(0x6982, card.Sw(Apdus.PutData(CardData.TagSerial, NewSerial)));
        Assert.Equal(0x6985, card.Sw(Apdus.PutData(CardData.TagSerial, NewSerial)));
    }

    [Fact]
    public void Without_a_session_the_issued_card_refuses_put_data()
    {
        TestCard card = fixture.NewCard();
        Assert.Equal(0x9000, card.Sw(Apdus.SelectCardManager()));
        Assert.Equal(0x6985, card.Sw(Apdus.PutData(CardData.TagSerial, NewSerial)));
    }

    public static TheoryData<int> TamperedBytes => new() { 0, 1, 2, 3, 4, 5, -2, -1 };

    /// <summary>A changed header, Lc, ciphertext or MAC byte: 6982, nothing written, the session closed.</summary>
    [Theory]
    [MemberData(nameof(TamperedBytes))]
    public void A_tampered_command_is_refused_and_closes_the_session(int at)
    {
        var (card, channel, session) = Open(fixture.NewCard(), 0x33);
        byte[] wrapped = session.Wrap(Apdus.PutData(CardData.TagSerial, NewSerial));
        // In the class byte, flip the proprietary bit (04: still secure messaging): bit 1 would name
        // logical channel 1, which the runtime refuses (6881) before any channel sees the command.
        wrapped[at < 0 ? wrapped.Length + at : at] ^= at == 0 ? (byte)0x80 : (byte)0x01;
        byte[] before = card.Nvm.Snapshot();
        card.Nvm.ResetCounters();
        ushort sw = channel.Transmit(wrapped).Sw;
        Assert.True(sw is 0x6982 or 0x6700, $"answered {sw:X4}");
        Assert.Equal(0, card.Nvm.TotalPageWrites);
        Assert.Equal(before, card.Nvm.Snapshot());
        Assert.Equal(0x6982, channel.Transmit(session.Wrap(Apdus.GetData(CardManagerApplet.TagLifeCycle))).Sw);
    }

    [Fact]
    public void A_replayed_command_is_refused_and_writes_nothing()
    {
        var (card, channel, session) = Open(fixture.NewCard(), 0x13);
        byte[] wrapped = session.Wrap(Apdus.PutData(CardData.TagSerial, NewSerial));
        Assert.Equal(0x9000, session.Unwrap(channel.Transmit(wrapped)).Sw);
        byte[] before = card.Nvm.Snapshot();
        card.Nvm.ResetCounters();
        Assert.Equal(0x6982, channel.Transmit(wrapped).Sw);
        Assert.Equal(0, card.Nvm.TotalPageWrites);
        Assert.Equal(before, card.Nvm.Snapshot());
    }

    [Fact]
    public void Commands_sent_out_of_order_are_refused_and_write_nothing()
    {
        var (card, channel, session) = Open(fixture.NewCard(), 0x03);
        byte[] first = session.Wrap(Apdus.PutData(CardData.TagSerial, NewSerial));
        byte[] second = session.Wrap(Apdus.PutData(CardData.TagSerial, "SCP03-0002"u8.ToArray()));
        byte[] before = card.Nvm.Snapshot();
        card.Nvm.ResetCounters();
        Assert.Equal(0x6982, channel.Transmit(second).Sw);
        Assert.Equal(0x6982, channel.Transmit(first).Sw);
        Assert.Equal(0, card.Nvm.TotalPageWrites);
        Assert.Equal(before, card.Nvm.Snapshot());
    }

    [Fact]
    public void Another_key_version_or_key_set_opens_nothing()
    {
        TestCard card = fixture.NewCard();
        RuntimeChannel channel = SelectManager(card);
        byte[] before = card.Nvm.Snapshot();
        card.Nvm.ResetCounters();
        var error = Assert.Throws<CardException>(() => Scp03Session.Open(channel, Scp03Keys.Test with { Version = 0x31 }, 0x01));
        Assert.Equal(0x6A88, error.Sw);
        byte[] wrongKey = RandomNumberGenerator.GetBytes(16);
        Assert.Throws<CryptographicException>(() => Scp03Session.Open(channel, new Scp03Keys(0x30, wrongKey, wrongKey, wrongKey), 0x01));
        // The wrong-key attempt left an INITIALIZE UPDATE open: a made-up EXTERNAL AUTHENTICATE fails
        // on it and closes it; then a wrapped command and another EXTERNAL AUTHENTICATE get nowhere.
        Assert.Equal(0x6982, channel.Transmit(Convert.FromHexString("848201001000000000000000000000000000000000")).Sw);
        Assert.Equal(0x6985, channel.Transmit(Convert.FromHexString("848201001000000000000000000000000000000000")).Sw);
        Assert.Equal(0x6982, channel.Transmit(Convert.FromHexString("84DA004512" + "31323334353637383930" + "0000000000000000")).Sw);
        Assert.Equal(0, card.Nvm.TotalPageWrites);
        Assert.Equal(before, card.Nvm.Snapshot());
    }

    [Fact]
    public void A_wrong_host_cryptogram_is_refused()
    {
        TestCard card = fixture.NewCard();
        RuntimeChannel channel = SelectManager(card);
        Assert.Equal(0x9000, channel.Transmit(Scp03Session.InitializeUpdate(0x30, new byte[8])).Sw);
        Assert.Equal(0x6982, channel.Transmit(Convert.FromHexString("848201001000000000000000000000000000000000")).Sw);
        // The failed attempt used up the INITIALIZE UPDATE.
        Assert.Equal(0x6985, channel.Transmit(Convert.FromHexString("848201001000000000000000000000000000000000")).Sw);
        // The gen1 EXTERNAL AUTHENTICATE, even with the right cryptogram, is not taken under a secure-messaging class.
        byte[] challenge = channel.Transmit(Apdus.GetChallenge(16)).Data;
        byte[] cryptogram = IssuerAuthentication.Cryptogram(IssuerKey.TestKey, challenge);
        Assert.Equal(0x6982, channel.Transmit([0x04, 0x82, 0x00, 0x00, 0x10, .. cryptogram]).Sw);
    }

    [Fact]
    public void A_plain_command_inside_a_session_is_refused_and_closes_it()
    {
        var (_, channel, session) = Open(fixture.NewCard(), 0x01);
        Assert.Equal(0x6982, channel.Transmit(Apdus.GetData(CardManagerApplet.TagLifeCycle)).Sw);
        Assert.Equal(0x6982, session.Transmit(Apdus.GetData(CardManagerApplet.TagLifeCycle)).Sw);
    }

    [Fact]
    public void Selecting_another_ap_ends_the_session()
    {
        var (_, channel, session) = Open(fixture.NewCard(), 0x11);
        Assert.Equal(0x9000, channel.Transmit(Apdus.SelectAid(JpkiAp.Aid)).Sw);
        // The JPKI AP belongs to the same domain, but the session was the card manager's selection's: it ended.
        Assert.Equal(0x6982, channel.Transmit(session.Wrap(Apdus.GetData(0x0045))).Sw);
        Assert.Equal(0x9000, channel.Transmit(Apdus.SelectCardManager()).Sw);
        Assert.Equal(0x6982, channel.Transmit(session.Wrap(Apdus.GetData(CardManagerApplet.TagLifeCycle))).Sw);
    }

    /// <summary>The SCP03 key set is the public test set: once PUT KEY has locked the card to its issuer, a session opens nothing.</summary>
    [Fact]
    public void A_card_with_its_own_issuer_key_takes_no_issuer_command_through_the_test_key_set()
    {
        TestCard card = fixture.NewCard();
        byte[] issuerKey = RandomNumberGenerator.GetBytes(16);
        Assert.Equal(0x9000, card.Sw(Apdus.SelectCardManager()));
        IssuerAuthentication.Authenticate(card.Client, IssuerKey.TestKey);
        Assert.Equal(0x9000, card.Sw([0x80, 0xD8, 0x00, 0x00, 0x10, .. issuerKey]));
        var (_, _, session) = Open(card.PowerCycle(), 0x33);
        Assert.Equal(0x6985, session.Transmit(Apdus.PutData(CardData.TagSerial, NewSerial)).Sw);
        Assert.Equal(0x6982, session.Transmit(Convert.FromHexString("80F08001")).Sw);
        Assert.Equal(0x6982, session.Transmit([0x80, 0xD8, 0x00, 0x00, 0x10, .. IssuerKey.TestKey]).Sw);
    }

    [Fact]
    public void The_gen1_issuer_authentication_still_opens_personalization()
    {
        TestCard card = fixture.NewCard();
        Assert.Equal(0x9000, card.Sw(Apdus.SelectCardManager()));
        IssuerAuthentication.Authenticate(card.Client, IssuerKey.TestKey);
        Assert.Equal(0x9000, card.Sw(Apdus.PutData(CardData.TagSerial, NewSerial)));
    }

    /// <summary>
    /// The channel writes nothing (its card challenge is random, not a stored counter): a whole
    /// session, failures included, leaves every page as it was, so no power cut can tear anything of it.
    /// </summary>
    [Fact]
    public void Opening_using_and_failing_a_session_writes_nothing()
    {
        var (card, channel, _) = Open(fixture.NewCard(), 0x33);
        byte[] before = card.Nvm.Snapshot();
        card.Nvm.ResetCounters();
        Scp03Session session = Scp03Session.Open(channel, Scp03Keys.Test, 0x33);
        Assert.Equal(0x9000, session.Transmit(Apdus.GetData(CardManagerApplet.TagLifeCycle)).Sw);
        Assert.Equal(0x6982, channel.Transmit(Apdus.GetData(CardManagerApplet.TagLifeCycle)).Sw);
        Assert.Equal(0, card.Nvm.TotalPageWrites);
        Assert.Equal(before, card.Nvm.Snapshot());
    }

    /// <summary>
    /// A level-33 session on the device's engine and transport allocates nothing once warmed up:
    /// with the card challenge fixed, the recorded session replays byte for byte.
    /// </summary>
    [Fact]
    public void A_wrapped_session_allocates_nothing()
    {
        var nvm = new RamNvm((byte[])fixture.Image.Clone(), StoreLayout.DefaultPageSize);
        var crypto = new ManagedCrypto(new RepeatingRandom([0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7]));
        var card = new SimulatedCard(nvm, crypto, CardConfig.Contactless(), deviceKey: TestCard.DeviceKey);
        var recorder = new RecordingChannel(new RuntimeChannel(card.Runtime));
        recorder.Transmit(Apdus.SelectCardManager());
        Scp03Session session = Scp03Session.Open(recorder, Scp03Keys.Test, 0x33, new byte[8]);
        Assert.Equal(0x9000, session.Transmit(Apdus.GetData(CardManagerApplet.TagLifeCycle)).Sw);
        Assert.Equal(0x9000, session.Transmit(Apdus.GetData(CardData.TagSerial)).Sw);
        Assert.Equal(0, SessionAllocation.Measure(card.Runtime, [.. recorder.Sent], 0x9000));
    }
}
