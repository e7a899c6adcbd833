using NanoCard.Applets.Jpki;
using NanoCard.Issuance;
using NanoCard.Issuance.Content;
using NanoCard.Issuance.Packages;

namespace NanoCard.Applets.Tests.Domains;

/// <summary>
/// Domain isolation with the packages installed (docs/apdu-spec.md §11.2): the police agency's
/// domain can neither read nor change the JPKI AP, and the city's domain cannot touch the
/// licence AP — no session opens there with their keys, and content commands answer as if the
/// target were absent.
/// </summary>
[Collection(IssuedCardCollection.Name)]
public sealed class PackageIsolationTests(IssuedCardFixture fixture)
{
    [Fact]
    public void The_police_domain_cannot_read_or_change_the_jpki_ap()
    {
        TestCard card = Installed();
        byte[] before = ContentCard.Image(card);
        DomainSession police = ContentCard.Police(card);
        Assert.Equal(0x6A88, Refusal(() => police.Delete(JpkiAp.Aid, false)));
        Assert.Equal(0x6A88, Refusal(() => police.SetLock(JpkiAp.Aid, true)));
        Assert.DoesNotContain(police.List(), s => s.Aid.SequenceEqual(JpkiAp.Aid));
        // Its keys open no session on the JPKI AP (the issuer's domain), so no personalization command reaches it.
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(JpkiAp.Aid)));
        Assert.ThrowsAny<Exception>(() => Scp03Session.Open(ContentCard.Channel(card), ContentCard.PoliceKeys, DomainSession.Level));
        // Personalization of a built-in AP is closed once the card is issued (docs/apdu-spec.md §10).
        Assert.Equal(0x6985, card.Sw(Apdus.WriteBinary(0, new byte[4])));
        // The PIN-protected certificate stays shut to it as to anyone.
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(JpkiAp.Aid)));
        Assert.Equal(0x9000, card.Sw(Apdus.SelectEf(0x0001)));
        Assert.Equal(0x6982, card.Sw(Apdus.ReadBinary(0, 16)));
        Assert.Equal(0x9000, card.Sw(Apdus.SelectEf(0x0017)));
        Assert.Equal(0x6982, card.Sw(Apdus.ComputeSignature(0x80, new byte[51])));
        AssertUnchanged(before, ContentCard.Image(card));
    }

    [Fact]
    public void The_city_domain_cannot_touch_the_licence_ap()
    {
        TestCard card = Installed();
        DomainSession city = Packages.CitySession(card);
        Assert.Equal(0x6A88, Refusal(() => city.Delete(LicencePackage.Aid, false)));
        Assert.Equal(0x6A88, Refusal(() => city.SetLock(LicencePackage.Aid, true)));
        Assert.Equal(
            [Convert.ToHexString(MunicipalPackage.Seal.Aid), Convert.ToHexString(MunicipalPackage.Library.Aid)],
            city.List().Select(s => Convert.ToHexString(s.Aid)).ToArray());
        // The city's keys open no session on the licence AP: it cannot write its EFs or set its PINs.
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(LicencePackage.Aid)));
        Assert.ThrowsAny<Exception>(() => Scp03Session.Open(ContentCard.Channel(card), ContentCard.CityKeys, DomainSession.Level));
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(LicencePackage.Aid)));
        Assert.Equal(0x9000, card.Sw(Apdus.SelectEf(LicencePackage.Items)));
        Assert.Equal(0x6982, card.Sw(Apdus.WriteBinary(0, new byte[4])));
        Assert.Equal(0x6982, card.Sw(Apdus.PutCredential(0x81, 3, "0000"u8.ToArray())));
        // And the police domain, in turn, cannot touch the city's APs.
        Assert.Equal(0x6A88, Refusal(() => ContentCard.Police(card).Delete(MunicipalPackage.Seal.Aid, false)));
        Assert.True(Packages.ReadLicence(card, fixture.Persona).ItemsSigned);
        Assert.True(MunicipalReader.Read(card.Client, MunicipalPackage.Seal, Packages.City).Present);
    }

    private TestCard Installed()
    {
        TestCard card = fixture.NewCard();
        ContentCard.CreateDomains(card);
        Packages.InstallLicence(card, fixture.Persona);
        Packages.InstallMunicipal(card, fixture.Persona, MunicipalPackage.Seal);
        Packages.InstallMunicipal(card, fixture.Persona, MunicipalPackage.Library);
        return card;
    }

    private static ushort Refusal(Action action) => Assert.Throws<ContentException>(action).Sw;

    /// <summary>The data area (every EF, PIN value and key) is byte for byte the same.</summary>
    private static void AssertUnchanged(byte[] before, byte[] after)
    {
        int data = NanoCard.Os.Store.StoreLayout.Default().DataAddress;
        Assert.True(before.AsSpan(data).SequenceEqual(after.AsSpan(data)), "the data area changed");
    }
}
