using NanoCard.Issuance;
using NanoCard.Issuance.Content;

namespace NanoCard.Applets.Tests.Domains;

/// <summary>
/// The 条例利用 area (docs/apdu-spec.md §11.4): a domain whose quota the issuer reserved holds
/// it against every other install — another domain's AP, a new domain, another reservation —
/// while its own APs take from it; GET STATUS shows what it still holds (DF46) and the card's
/// free bytes less it (DF45); deleted, the reservation is free space again.
/// </summary>
[Collection(IssuedCardCollection.Name)]
public sealed class ReservedAreaTests(IssuedCardFixture fixture)
{
    private static readonly byte[] Big = Convert.FromHexString("F04E616E6F426967");

    [Fact]
    public void A_reserved_quota_is_kept_from_every_other_install()
    {
        TestCard card = fixture.NewCard();
        DomainSession issuer = ContentCard.Issuer(card);
        issuer.CreateDomain(ContentCard.PoliceAid, ContentCard.PoliceKeys, 16384);
        int free = issuer.Issuer().FreeBytes!.Value;
        int reserve = free - 3000;
        issuer.CreateDomain(ContentCard.CityAid, ContentCard.CityKeys, reserve, reserve: true);
        int left = issuer.Issuer().FreeBytes!.Value;
        Assert.InRange(free - left, reserve, reserve + 200);
        ContentStatus city = issuer.List().Single(s => s.Aid.SequenceEqual(ContentCard.CityAid));
        Assert.Equal(reserve, city.ReservedLeft);
        // A second reservation the rest cannot hold is refused.
        Assert.Equal(0x6A84, Assert.Throws<ContentException>(() => issuer.CreateDomain(Convert.FromHexString("F04E616E6F54776F"), ContentCard.CityKeys, 4000, reserve: true)).Sw);

        // The police domain's small AP fits what is left; a 4000-byte one would fit the memory but not beside the reservation.
        DomainSession police = ContentCard.Police(card);
        police.InstallAp(ContentCard.Licence());
        Assert.Equal(0x6A84, Assert.Throws<ContentException>(() => police.InstallAp(BigAp())).Sw);
        // The city's own AP takes from its reservation.
        DomainSession citySession = Packages.CitySession(card);
        citySession.InstallAp(BigAp());
        ContentStatus after = ContentCard.Issuer(card).List().Single(s => s.Aid.SequenceEqual(ContentCard.CityAid));
        Assert.Equal(reserve - after.BytesUsed, after.ReservedLeft);
        Assert.True(after.BytesUsed > 4000);

        // The reservation survives a power cycle, and goes with its domain.
        TestCard next = card.PowerCycle();
        Assert.Equal(0x6A84, Assert.Throws<ContentException>(() => ContentCard.Police(next).InstallAp(BigAp() with { Aid = "F04E616E6F42696732", DfId = "1301" })).Sw);
        ContentCard.Issuer(next).Delete(ContentCard.CityAid, true);
        ContentCard.Police(next).InstallAp(BigAp());
    }

    private static ApDescriptionFile BigAp() => new(Convert.ToHexString(Big), "1300",
    [
        new ApEntryFile("transparent", "0001", 1, 4000, Read: System.Text.Json.JsonSerializer.SerializeToElement("always")),
    ]);
}
