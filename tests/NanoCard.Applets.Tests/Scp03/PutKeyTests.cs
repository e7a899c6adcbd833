using System.Security.Cryptography;
using NanoCard.Applets.CardManager;
using NanoCard.Applets.Jpki;
using NanoCard.Issuance;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Tests.Scp03;

/// <summary>
/// PUT KEY of the issuer security domain's SCP03 key set (docs/apdu-spec.md §11.1): the round trip
/// (the new set opens sessions, the test set no more, across a power cycle), each refusal with
/// nothing written (a wrong check value, a session below C-DECRYPTION, another current version),
/// who counts as the issuer under which set, and the factory reset that gives the test set back.
/// </summary>
public sealed class PutKeyTests
{
    private static readonly Scp03Keys NewSet = Scp03Keys.Random(0x31);

    private static Scp03Session OpenInManager(TestCard card, Scp03Keys keys, byte level)
    {
        Assert.Equal(0x9000, card.Sw(Apdus.SelectCardManager()));
        return Scp03Session.Open(card.Client, keys, level);
    }

    [Fact]
    public void A_new_key_set_replaces_the_test_set_and_opens_the_next_sessions()
    {
        TestCard card = TestCard.Blank(profile: MynaCard.Gen2);
        var session = new CardClient(OpenInManager(card, Scp03Keys.Test, 0x33));
        Scp03KeyRotation.Replace(session, Scp03Keys.Test, NewSet);

        card = card.PowerCycle();
        Assert.Equal(0x31, Scp03KeyVersion.Read(card.Client));
        Assert.Throws<CardException>(() => OpenInManager(card, Scp03Keys.Test, 0x03));
        Assert.Throws<CryptographicException>(() => OpenInManager(card, Scp03Keys.Test with { Version = 0x31 }, 0x03));
        Scp03Session again = OpenInManager(card, NewSet, 0x03);
        Assert.Equal(0x9000, again.Transmit(Apdus.PutData(CardData.TagSerial, "PUT-KEY-1"u8.ToArray())).Sw);
        // The new set opens sessions in the APs too: they belong to the same domain.
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(JpkiAp.Aid)));
        Assert.Equal(0x9000, Scp03Session.Open(card.Client, NewSet, 0x01).Transmit(Apdus.SelectEf(JpkiAp.TokenInfo)).Sw);
    }

    public static TheoryData<int> BrokenBytes => new()
    {
        6 + 20,                 // ENC's check value
        6 + 23 + 20 + 2,        // MAC's check value, last byte
        6 + 2 * 23 + 3,         // DEK's encrypted key: its check value no longer matches
        6 + 23,                 // MAC's key type
        5,                      // the new version: 31 → B1, outside 01–7F
    };

    [Theory]
    [MemberData(nameof(BrokenBytes))]
    public void A_key_block_that_does_not_check_is_refused_and_nothing_is_written(int at)
    {
        TestCard card = TestCard.Blank(profile: MynaCard.Gen2);
        Scp03Session session = OpenInManager(card, Scp03Keys.Test, 0x03);
        byte[] command = Scp03KeyRotation.PutKey(Scp03Keys.Test, NewSet);
        command[at] ^= 0x80;
        byte[] before = card.Nvm.Snapshot();
        card.Nvm.ResetCounters();
        Assert.Equal(0x6A80, session.Transmit(command).Sw);
        Assert.Equal(0, card.Nvm.TotalPageWrites);
        Assert.Equal(before, card.Nvm.Snapshot());
        Assert.Equal(0x30, Scp03KeyVersion.Read(card.Client));
    }

    /// <summary>PUT KEY is one atomic write: a power cut at any of its page writes (torn or not) leaves the old set or the new one, never neither.</summary>
    [Fact]
    public void A_put_key_cut_anywhere_leaves_the_old_set_or_the_new_one()
    {
        TestCard dry = TestCard.Blank(profile: MynaCard.Gen2);
        Scp03Session drySession = OpenInManager(dry, Scp03Keys.Test, 0x03);
        dry.Nvm.ResetCounters();
        Assert.Equal(0x9000, drySession.Transmit(Scp03KeyRotation.PutKey(Scp03Keys.Test, NewSet)).Sw);
        long total = dry.Nvm.TotalPageWrites;
        int old = 0, changed = 0;
        for (long cut = 1; cut <= total; cut++)
        {
            foreach (bool garble in new[] { false, true })
            {
                TestCard card = TestCard.Blank(profile: MynaCard.Gen2);
                Scp03Session session = OpenInManager(card, Scp03Keys.Test, 0x03);
                card.Nvm.ResetCounters();
                card.Nvm.CutPowerAfter(cut, garble, seed: (int)cut);
                card.Send(session.Wrap(Scp03KeyRotation.PutKey(Scp03Keys.Test, NewSet)));
                Assert.True(card.Nvm.IsPowerLost, $"cut {cut} did not strike");

                TestCard after = card.PowerCycle();
                Assert.True(after.Store.IsHealthy);
                byte version = Scp03KeyVersion.Read(after.Client);
                Assert.True(version is 0x30 or 0x31, $"cut {cut}: version {version:X2}");
                Scp03Session opened = OpenInManager(after, version == 0x31 ? NewSet : Scp03Keys.Test, 0x01);
                Assert.Equal(0x9000, opened.Transmit(Apdus.GetData(CardManagerApplet.TagLifeCycle)).Sw);
                if (version == 0x31)
                {
                    changed++;
                }
                else
                {
                    old++;
                }
            }
        }
        Assert.True(old > 0 && changed > 0, $"cuts should land both before and after the commit ({old}, {changed})");
    }

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x11)]
    public void Put_key_needs_c_decryption(byte level)
    {
        TestCard card = TestCard.Blank(profile: MynaCard.Gen2);
        Scp03Session session = OpenInManager(card, Scp03Keys.Test, level);
        byte[] before = card.Nvm.Snapshot();
        Assert.Equal(0x6982, session.Transmit(Scp03KeyRotation.PutKey(Scp03Keys.Test, NewSet)).Sw);
        Assert.Equal(before, card.Nvm.Snapshot());
    }

    [Fact]
    public void Put_key_plain_or_for_another_version_is_refused()
    {
        TestCard card = TestCard.Blank(profile: MynaCard.Gen2);
        byte[] before = card.Nvm.Snapshot();
        Assert.Equal(0x9000, card.Sw(Apdus.SelectCardManager()));
        Assert.Equal(0x6982, card.Sw(Scp03KeyRotation.PutKey(Scp03Keys.Test, NewSet)));
        Scp03Session session = OpenInManager(card, Scp03Keys.Test, 0x03);
        Assert.Equal(0x6A88, session.Transmit(Scp03KeyRotation.PutKey(Scp03Keys.Test with { Version = 0x32 }, NewSet)).Sw);
        Assert.Equal(before, card.Nvm.Snapshot());
    }

    /// <summary>
    /// gen1: a card locked to its issuer with the 00 82 key takes nothing from the public test set
    /// (so no one can load a set of their own), but the issuer can load one, and a session under it
    /// then counts as the issuer's.
    /// </summary>
    [Fact]
    public void On_gen1_a_session_under_a_loaded_set_is_the_issuers_and_the_test_set_cannot_take_over()
    {
        TestCard card = TestCard.Blank();
        byte[] issuerKey = RandomNumberGenerator.GetBytes(16);
        Assert.Equal(0x9000, card.Sw(Apdus.SelectCardManager()));
        IssuerAuthentication.Authenticate(card.Client, IssuerKey.TestKey);
        Assert.Equal(0x9000, card.Sw(Apdus.PutKey(issuerKey)));

        card = card.PowerCycle();
        Scp03Session intruder = OpenInManager(card, Scp03Keys.Test, 0x03);
        Assert.Equal(0x6982, intruder.Transmit(Scp03KeyRotation.PutKey(Scp03Keys.Test, NewSet)).Sw);

        Assert.Equal(0x9000, card.Sw(Apdus.SelectCardManager()));
        IssuerAuthentication.Authenticate(card.Client, issuerKey);
        Scp03KeyRotation.Replace(new CardClient(Scp03Session.Open(card.Client, Scp03Keys.Test, 0x03)), Scp03Keys.Test, NewSet);

        card = card.PowerCycle();
        Scp03Session issuer = OpenInManager(card, NewSet, 0x01);
        Assert.Equal(0x9000, issuer.Transmit(Apdus.PutData(CardData.TagSerial, "PUT-KEY-2"u8.ToArray())).Sw);
    }

    [Fact]
    public void A_factory_reset_gives_the_test_set_back()
    {
        TestCard card = TestCard.Blank(profile: MynaCard.Gen2);
        Scp03KeyRotation.Replace(new CardClient(OpenInManager(card, Scp03Keys.Test, 0x03)), Scp03Keys.Test, NewSet);
        FactoryReset.Gen2(card.Client, NewSet);
        Assert.Equal(0x30, Scp03KeyVersion.Read(card.Client));
        Assert.Equal(LifeCycle.OpReady, card.Send(Apdus.GetData(CardManagerApplet.TagLifeCycle)).Data[0]);
        Assert.Equal(0x9000, OpenInManager(card, Scp03Keys.Test, 0x01).Transmit(Apdus.PutData(CardData.TagSerial, "PUT-KEY-3"u8.ToArray())).Sw);
    }
}
