namespace NanoCard.Applets.Tests;

/// <summary>
/// OpenSC probes other applets before its jpki driver (docs/references.md §2.3); every one must
/// get a non-9000 answer, or that driver claims the card. NanoCard answers 6A82.
/// </summary>
[Collection(IssuedCardCollection.Name)]
public sealed class ForeignAidTests(IssuedCardFixture fixture)
{
    public static TheoryData<string, string> Probes => new()
    {
        { "CoolKey", "00A4040007A0000001160000" },
        { "CoolKey CCC", "00A4040007A0000001163000" },
        { "MUSCLE", "00A4040006A00000000101" },
        { "SC-HSM", "00A404040BE82B0601040181C31F0201" },
        { "PIV", "00A4040009A00000030800001000" },
        { "CAC", "00A4040007A0000000790100" },
        { "CAC ACA", "00A4040007A0000000790300" },
        { "IsoApplet", "00A404000CF276A288BCFBA69D34F31001" },
        { "GIDS", "00A4040009A000000397425446590" + "1" },
        { "OpenPGP", "00A4040006D27600012401" },
        { "GlobalPlatform ISD", "00A4040008A000000003000000" },
        { "GP ISD RID", "00A4040005A000000151" },
        { "JPKI AID with another last byte", "00A4040C0AD392F0002601000000FF" },
    };

    [Theory]
    [MemberData(nameof(Probes))]
    public void Foreign_aids_get_6A82(string name, string select)
    {
        TestCard card = fixture.NewCard();
        Assert.True(card.Sw(select) == 0x6A82, name);
    }

    /// <summary>The setcos probe is a GET DATA with no AP selected: not 9000 either.</summary>
    [Fact]
    public void Setcos_get_data_probe_is_refused()
    {
        TestCard card = fixture.NewCard();
        Assert.NotEqual(0x9000, card.Sw("00CADF3005"));
    }
}
