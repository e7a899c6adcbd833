using NanoCard.Issuance;
using NanoCard.Issuance.Content;
using NanoCard.Issuance.Packages;

namespace NanoCard.Applets.Tests.Domains;

/// <summary>
/// The card keeps one SCP03 session state for all its domains (docs/performance.md, "Managed
/// heap"): a session belongs to the domain it was opened on, so once an AP of another domain is
/// selected a command wrapped in it answers 6982 (docs/apdu-spec.md §11.1) and the session is over.
/// </summary>
[Collection(IssuedCardCollection.Name)]
public sealed class SessionAcrossDomainsTests(IssuedCardFixture fixture)
{
    [Fact]
    public void A_police_session_does_not_reach_a_city_ap_and_ends_there()
    {
        TestCard card = fixture.NewCard();
        ContentCard.CreateDomains(card);
        Packages.InstallLicence(card, fixture.Persona);
        Packages.InstallMunicipal(card, fixture.Persona, MunicipalPackage.Seal);
        byte[] selectItems = Apdus.SelectEf(LicencePackage.Items);
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(LicencePackage.Aid)));
        Scp03Session police = Scp03Session.Open(ContentCard.Channel(card), ContentCard.PoliceKeys, DomainSession.Level);
        Assert.Equal(0x9000, police.Transmit(selectItems).Sw);

        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(MunicipalPackage.Seal.Aid)));
        byte[] before = ContentCard.Image(card);
        Assert.Equal(0x6982, card.Sw(police.Wrap(selectItems)));

        // Back on the police domain's AP, the session's next command finds no session.
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(LicencePackage.Aid)));
        Assert.Equal(0x6982, card.Sw(police.Wrap(selectItems)));
        Assert.Equal(before, ContentCard.Image(card));
    }
}
