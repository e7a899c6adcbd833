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
/// The issuer security domain's channel in an AP (docs/apdu-spec.md §11.1): INITIALIZE UPDATE and
/// EXTERNAL AUTHENTICATE sent to the selected JPKI AP open a session of the card manager's key set,
/// the AP's commands come unwrapped and its replies wrapped at every level, and what the channel
/// refuses — a tampered MAC, another key version, a replayed or reordered command — is refused
/// before the AP writes anything. On gen2 the issuer's commands come only that way.
/// </summary>
public sealed class ApChannelTests
{
    private static readonly byte[] Label = "NanoCard SCP03 AP"u8.ToArray();

    public static TheoryData<byte> Levels => new() { 0x01, 0x03, 0x11, 0x13, 0x33 };

    /// <summary>A blank gen2 card with the JPKI AP selected and a session opened in it.</summary>
    private static (TestCard Card, Scp03Session Session) OpenInJpki(byte level)
    {
        TestCard card = TestCard.Blank(profile: MynaCard.Gen2);
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(JpkiAp.Aid)));
        return (card, Scp03Session.Open(card.Client, Scp03Keys.Test, level));
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void Every_level_carries_personalization_in_an_ap_both_ways(byte level)
    {
        var (_, session) = OpenInJpki(level);
        Assert.Equal(0x9000, session.Transmit(Apdus.SelectEf(JpkiAp.TokenInfo)).Sw);
        Assert.Equal(0x9000, session.Transmit(Apdus.WriteBinary(0, Label)).Sw);
        ResponseApdu read = session.Transmit(Apdus.ReadBinary(0, Label.Length));
        Assert.Equal(0x9000, read.Sw);
        // A wrapped command asks Le 00 (the session's rule), so the EF comes back past the label.
        Assert.Equal(Label, read.Data[..Label.Length]);
        // A PIN's value travels only encrypted: PUT CREDENTIAL needs C-DECRYPTION.
        ushort put = session.Transmit(Apdus.PutCredential(0x80 | JpkiAp.AuthPin, 3, "1234"u8.ToArray())).Sw;
        Assert.Equal((level & 0x02) != 0 ? 0x9000 : 0x6982, put);
    }

    /// <summary>A public key template longer than one short response comes by 61xx, its R-MAC over the whole of it.</summary>
    [Fact]
    public void A_wrapped_reply_longer_than_a_short_response_comes_whole_and_verified()
    {
        var (_, session) = OpenInJpki(0x33);
        ResponseApdu reply = session.Transmit(Apdus.GenerateKeyPair(JpkiAp.AuthKey));
        Assert.Equal(0x9000, reply.Sw);
        Assert.Equal(270, reply.Data.Length);
        Assert.Equal([0x7F, 0x49], reply.Data[..2]);
    }

    /// <summary>
    /// A level-33 session in an AP on the device's engine and transport allocates nothing once
    /// warmed up, a reply of more than one short response (by 61xx) included: with the card
    /// challenge fixed, the recorded session replays byte for byte.
    /// </summary>
    [Fact]
    public void A_wrapped_session_in_an_ap_allocates_nothing()
    {
        var nvm = new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize);
        var crypto = new ManagedCrypto(new RepeatingRandom([0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7]));
        var card = new SimulatedCard(nvm, crypto, CardConfig.Contactless(), MynaCard.Gen2, TestCard.DeviceKey);
        var recorder = new RecordingChannel(new RuntimeChannel(card.Runtime));
        recorder.Transmit(Apdus.SelectAid(JpkiAp.Aid));
        Scp03Session session = Scp03Session.Open(new CardClient(recorder), Scp03Keys.Test, 0x33, new byte[8]);
        Assert.Equal(0x9000, session.Transmit(Apdus.SelectEf(JpkiAp.AuthCertificate)).Sw);
        Assert.Equal(0x9000, session.Transmit(Apdus.WriteBinary(0, Label)).Sw);
        ResponseApdu read = session.Transmit(Apdus.ReadBinary(0, 0));
        Assert.Equal(256, read.Data.Length);
        Assert.Equal(0, SessionAllocation.Measure(card.Runtime, [.. recorder.Sent], 0x9000, 0x6118));
    }

    public static TheoryData<int> TamperedBytes => new() { 0, 1, 2, 3, 4, 5, -2, -1 };

    [Theory]
    [MemberData(nameof(TamperedBytes))]
    public void A_tampered_command_to_an_ap_is_refused_writes_nothing_and_ends_the_session(int at)
    {
        var (card, session) = OpenInJpki(0x13);
        Assert.Equal(0x9000, session.Transmit(Apdus.SelectEf(JpkiAp.TokenInfo)).Sw);
        byte[] wrapped = session.Wrap(Apdus.WriteBinary(0, Label));
        wrapped[at < 0 ? wrapped.Length + at : at] ^= at == 0 ? (byte)0x80 : (byte)0x01;
        byte[] before = card.Nvm.Snapshot();
        card.Nvm.ResetCounters();
        ushort sw = card.Sw(wrapped);
        Assert.True(sw is 0x6982 or 0x6700, $"answered {sw:X4}");
        Assert.Equal(0, card.Nvm.TotalPageWrites);
        Assert.Equal(before, card.Nvm.Snapshot());
        Assert.Equal(0x6982, card.Sw(session.Wrap(Apdus.WriteBinary(0, Label))));
        Assert.Equal(before, card.Nvm.Snapshot());
    }

    [Fact]
    public void A_replayed_command_to_an_ap_is_refused_and_writes_nothing()
    {
        var (card, session) = OpenInJpki(0x03);
        Assert.Equal(0x9000, session.Transmit(Apdus.SelectEf(JpkiAp.TokenInfo)).Sw);
        byte[] wrapped = session.Wrap(Apdus.WriteBinary(0, Label));
        Assert.Equal(0x9000, card.Sw(wrapped));
        byte[] before = card.Nvm.Snapshot();
        card.Nvm.ResetCounters();
        Assert.Equal(0x6982, card.Sw(wrapped));
        Assert.Equal(0, card.Nvm.TotalPageWrites);
        Assert.Equal(before, card.Nvm.Snapshot());
    }

    [Fact]
    public void Commands_to_an_ap_out_of_order_are_refused_and_write_nothing()
    {
        var (card, session) = OpenInJpki(0x33);
        Assert.Equal(0x9000, session.Transmit(Apdus.SelectEf(JpkiAp.TokenInfo)).Sw);
        byte[] first = session.Wrap(Apdus.WriteBinary(0, Label));
        byte[] second = session.Wrap(Apdus.WriteBinary(32, Label));
        byte[] before = card.Nvm.Snapshot();
        card.Nvm.ResetCounters();
        Assert.Equal(0x6982, card.Sw(second));
        Assert.Equal(0x6982, card.Sw(first));
        Assert.Equal(0, card.Nvm.TotalPageWrites);
        Assert.Equal(before, card.Nvm.Snapshot());
    }

    [Fact]
    public void Another_key_version_opens_nothing_in_an_ap()
    {
        TestCard card = TestCard.Blank(profile: MynaCard.Gen2);
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(JpkiAp.Aid)));
        byte[] before = card.Nvm.Snapshot();
        card.Nvm.ResetCounters();
        var error = Assert.Throws<CardException>(() => Scp03Session.Open(card.Client, Scp03Keys.Test with { Version = 0x31 }, 0x33));
        Assert.Equal(0x6A88, error.Sw);
        // A made-up wrapped WRITE BINARY finds no session.
        Assert.Equal(0x6982, card.Sw([0x84, 0xD6, 0x00, 0x00, 0x08, 0, 0, 0, 0, 0, 0, 0, 0]));
        Assert.Equal(0, card.Nvm.TotalPageWrites);
        Assert.Equal(before, card.Nvm.Snapshot());
    }

    /// <summary>gen2: before issuance too, plain personalization, PUT DATA, SET STATUS and the 00 82 authentication are refused, and nothing is written.</summary>
    [Fact]
    public void A_gen2_card_refuses_the_issuers_commands_sent_plain()
    {
        TestCard card = TestCard.Blank(profile: MynaCard.Gen2);
        byte[] before = card.Nvm.Snapshot();
        card.Nvm.ResetCounters();
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(JpkiAp.Aid)));
        Assert.Equal(0x9000, card.Sw(Apdus.SelectEf(JpkiAp.TokenInfo)));
        Assert.Equal(0x6982, card.Sw(Apdus.WriteBinary(0, Label)));
        Assert.Equal(0x6982, card.Sw(Apdus.Erase()));
        Assert.Equal(0x6982, card.Sw(Apdus.GenerateKeyPair(JpkiAp.AuthKey)));
        Assert.Equal(0x6982, card.Sw(Apdus.PutCredential(0x80 | JpkiAp.AuthPin, 3, "1234"u8.ToArray())));
        Assert.Equal(0x9000, card.Sw(Apdus.SelectCardManager()));
        Assert.Equal(0x6982, card.Sw(Apdus.PutData(CardData.TagSerial, "GEN2-PLAIN"u8.ToArray())));
        Assert.Equal(0x6982, card.Sw(Apdus.SetStatus(0x01)));
        Assert.Equal(0x6D00, card.Sw(Apdus.ExternalAuthenticate(IssuerAuthentication.Cryptogram(IssuerKey.TestKey, card.Send(Apdus.GetChallenge(16)).Data))));
        Assert.Equal(0x6A86, card.Sw(Apdus.PutKey(new byte[16])));
        Assert.Equal(0, card.Nvm.TotalPageWrites);
        Assert.Equal(before, card.Nvm.Snapshot());
    }

    /// <summary>gen1 keeps plain personalization before issuance and the 00 82 issuer authentication after it.</summary>
    [Fact]
    public void A_gen1_card_still_takes_plain_personalization_and_may_use_the_session()
    {
        TestCard card = TestCard.Blank();
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(JpkiAp.Aid)));
        Assert.Equal(0x9000, card.Sw(Apdus.SelectEf(JpkiAp.TokenInfo)));
        Assert.Equal(0x9000, card.Sw(Apdus.WriteBinary(0, Label)));
        Scp03Session session = Scp03Session.Open(card.Client, Scp03Keys.Test, 0x03);
        Assert.Equal(0x9000, session.Transmit(Apdus.SelectEf(JpkiAp.TokenInfo)).Sw);
        Assert.Equal(0x9000, session.Transmit(Apdus.WriteBinary(0, Label)).Sw);
    }
}
