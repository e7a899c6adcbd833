using NanoCard.Applets.Jpki;
using NanoCard.Applets.Juki;
using NanoCard.Applets.Text;
using NanoCard.Issuance;

namespace NanoCard.Applets.Tests.Gen2;

/// <summary>The gen2 card PIN shared by the APs, the signing password, and the PUK with RESET RETRY COUNTER (docs/apdu-spec.md §13).</summary>
[Collection(Gen2CardCollection.Name)]
public sealed class Gen2CredentialTests(Gen2CardFixture fixture)
{
    private static readonly byte[] Pin = "1234"u8.ToArray();
    private static readonly byte[] WrongPin = "9999"u8.ToArray();
    private static readonly byte[] Puk = "12345678"u8.ToArray();
    private static readonly byte[] WrongPuk = "87654321"u8.ToArray();

    [Fact]
    public void One_try_counter_for_the_card_PIN_in_every_AP()
    {
        TestCard card = fixture.NewCard();
        card.Send(Apdus.SelectAid(TextAp.Aid));
        Assert.Equal(0x63C2, card.Sw(Apdus.Verify(0x91, WrongPin)));
        card.Send(Apdus.SelectAid(JukiAp.Aid));
        Assert.Equal(0x63C2, card.Sw(Apdus.VerifyStatus(0x9C)));
        Assert.Equal(0x63C1, card.Sw(Apdus.Verify(0x9C, WrongPin)));
        card.Send(Apdus.SelectAid(JpkiAp.Aid));
        Assert.Equal(0x63C0, card.Sw(Apdus.Verify(0x98, WrongPin)));
        Assert.Equal(0x6984, card.Sw(Apdus.Verify(0x98, Pin)));
        card.Send(Apdus.SelectAid(TextAp.Aid));
        Assert.Equal(0x6984, card.Sw(Apdus.Verify(0x91, Pin)));
        // Blocked stays blocked across a power cycle.
        Assert.Equal(0x6984, Select(card.PowerCycle(), TextAp.Aid).Sw(Apdus.Verify(0x91, Pin)));
    }

    [Fact]
    public void A_verification_opens_only_the_AP_it_was_made_in()
    {
        TestCard card = fixture.NewCard();
        card.Send(Apdus.SelectAid(TextAp.Aid));
        Assert.Equal(0x9000, card.Sw(Apdus.Verify(0x91, Pin)));
        Assert.Equal(0x9000, card.Sw(Apdus.SelectEf(TextAp.MyNumber)));
        Assert.Equal(0x9000, card.Send(Apdus.ReadBinary(0, 0)).Sw);
        card.Send(Apdus.SelectAid(JukiAp.Aid));
        Assert.Equal(0x6982, card.Sw(Apdus.ReadRecord(1, 1)));
        Assert.Equal(0x63C3, card.Sw(Apdus.VerifyStatus(0x9C)));
    }

    [Theory]
    [InlineData(0x98, true)]
    [InlineData(0x98, false)]
    [InlineData(0x9B, true)]
    public void The_PUK_unblocks_the_card_PIN_or_the_password_with_or_without_a_new_value(int p2, bool newValue)
    {
        TestCard card = Blocked(fixture.NewCard(), (byte)p2);
        byte[] fresh = p2 == 0x98 ? "4321"u8.ToArray() : "NEWPASS99"u8.ToArray();
        byte[] old = p2 == 0x98 ? Pin : "ABC123XYZ"u8.ToArray();
        Assert.Equal(0x9000, card.Sw(Apdus.ResetRetryCounter((byte)p2, Puk, newValue ? fresh : null)));
        Assert.Equal(p2 == 0x98 ? 0x63C3 : 0x63C5, card.Sw(Apdus.VerifyStatus((byte)p2)));
        Assert.Equal(0x9000, card.Sw(Apdus.Verify((byte)p2, newValue ? fresh : old)));
        Assert.Equal(0x63CA, card.Sw(Apdus.VerifyStatus(0x9E)));
    }

    [Fact]
    public void RRC_works_from_the_text_AP_too_and_checks_the_new_value_before_using_a_PUK_try()
    {
        TestCard card = Blocked(fixture.NewCard(), 0x98);
        card.Send(Apdus.SelectAid(TextAp.Aid));
        Assert.Equal(0x6A80, card.Sw(Apdus.ResetRetryCounter(0x91, Puk, "12a4"u8.ToArray())));
        Assert.Equal(0x6A80, card.Sw(Apdus.ResetRetryCounter(0x91, Puk, "12345"u8.ToArray())));
        Assert.Equal(0x6700, card.Sw(Apdus.ResetRetryCounter(0x91, Puk[..7], null)));
        Assert.Equal(0x63C9, card.Sw(Apdus.ResetRetryCounter(0x91, WrongPuk, null)));
        Assert.Equal(0x9000, card.Sw(Apdus.ResetRetryCounter(0x91, Puk, null)));
        Assert.Equal(0x9000, card.Sw(Apdus.Verify(0x91, Pin)));
        // Codes A/B have no resetting code; the 住基 AP answers for its alias of the card PIN.
        Assert.Equal(0x6985, card.Sw(Apdus.ResetRetryCounter(0x94, Puk, null)));
    }

    [Fact]
    public void A_blocked_PUK_cannot_be_unblocked_and_stops_every_reset()
    {
        TestCard card = Blocked(fixture.NewCard(), 0x98);
        for (int left = 9; left >= 0; left--)
        {
            Assert.Equal(0x63C0 | left, card.Sw(Apdus.ResetRetryCounter(0x98, WrongPuk, null)));
        }
        Assert.Equal(0x6984, card.Sw(Apdus.ResetRetryCounter(0x98, Puk, null)));
        Assert.Equal(0x6984, card.Sw(Apdus.ResetRetryCounter(0x9B, Puk, null)));
        Assert.Equal(0x6984, card.Sw(Apdus.Verify(0x9E, Puk)));
        Assert.Equal(0x6985, card.Sw(Apdus.ResetRetryCounter(0x9E, Puk, null)));
        Assert.Equal(0x6984, card.Sw(Apdus.Verify(0x98, Pin)));
    }

    [Fact]
    public void Gen1_has_no_RESET_RETRY_COUNTER()
    {
        TestCard card = TestCard.Blank();
        card.Send(Apdus.SelectAid(JpkiAp.Aid));
        Assert.Equal(0x6D00, card.Sw(Apdus.ResetRetryCounter(0x98, Puk, null)));
    }

    [Theory]
    [InlineData(2, 0x6A80)]
    [InlineData(3, 0x9000)]
    [InlineData(10, 0x9000)]
    [InlineData(11, 0x6A80)]
    public void The_PUK_try_limit_is_set_at_issuance_between_3_and_10(int limit, int sw)
    {
        TestCard card = TestCard.Blank(profile: MynaCard.Gen2);
        var issuer = new CardPersonalizer(card.Client, Scp03Keys.Test);
        issuer.Select(JpkiAp.Aid);
        Assert.Equal(sw, issuer.Card.Send(Apdus.PutCredential(0x9E, (byte)limit, Puk)).Sw);
    }

    private static TestCard Select(TestCard card, byte[] aid)
    {
        card.Send(Apdus.SelectAid(aid));
        return card;
    }

    /// <summary>The card with the credential P2 names blocked by wrong tries, selected in the JPKI AP.</summary>
    private static TestCard Blocked(TestCard card, byte p2)
    {
        card.Send(Apdus.SelectAid(JpkiAp.Aid));
        byte[] wrong = p2 == 0x98 ? WrongPin : "WRONG1"u8.ToArray();
        while (card.Sw(Apdus.Verify(p2, wrong)) != 0x63C0)
        {
        }
        Assert.Equal(0x6984, card.Sw(Apdus.Verify(p2, wrong)));
        return card;
    }
}
