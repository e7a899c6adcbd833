using NanoCard.Applets.CardManager;
using NanoCard.Issuance;
using NanoCard.Issuance.Content;
using NanoCard.Os.SecureChannel;

namespace NanoCard.Applets.Tests.Domains;

/// <summary>
/// Card content management's rules (docs/apdu-spec.md §11.2, docs/security.md "Security
/// domains"): who may touch what, quotas, refusals that write nothing, DELETE giving the space
/// back, LOCK and UNLOCK.
/// </summary>
[Collection(IssuedCardCollection.Name)]
public sealed class ContentManagementTests(IssuedCardFixture fixture)
{
    private const string LicenceAid = "F04E616E6F4C6963656E6365";
    private const string CityAidHex = "F04E616E6F43697479";

    [Fact]
    public void A_domain_cannot_touch_another_domains_ap_or_the_built_in_ones()
    {
        TestCard card = fixture.NewCard();
        ContentCard.WithLicence(card);
        var city = DomainSession.Open(ContentCard.Channel(card), ContentCard.CityAid, ContentCard.CityKeys);
        byte[] licence = Convert.FromHexString(LicenceAid);
        byte[] before = ContentCard.Image(card);
        Assert.Equal(0x6A88, Assert.Throws<ContentException>(() => city.Delete(licence, false)).Sw);
        Assert.Equal(0x6A88, Assert.Throws<ContentException>(() => city.SetLock(licence, true)).Sw);
        Assert.Equal(0x6A88, Assert.Throws<ContentException>(() => city.Delete(ContentCard.PoliceAid, true)).Sw);
        Assert.Equal(0x6A88, Assert.Throws<ContentException>(() => city.Delete(Jpki.JpkiAp.Aid, false)).Sw);
        // A domain sees only its own APs: the city has none, the licence is the police agency's.
        Assert.Empty(city.List());
        Assert.Equal(0x6A88, Assert.Throws<ContentException>(() => city.Issuer()).Sw);
        // Nor may a domain make domains.
        Assert.Equal(0x6982, Assert.Throws<ContentException>(() => city.CreateDomain(Convert.FromHexString("F04E616E6F58"), ContentCard.CityKeys, 100)).Sw);
        Assert.Equal(before, ContentCard.Image(card));
        Assert.Equal(0x9000, ContentCard.Select(card, LicenceAid));
    }

    [Fact]
    public void The_issuer_reaches_every_installed_ap_but_not_built_in_deletion()
    {
        TestCard card = fixture.NewCard();
        ContentCard.WithLicence(card);
        DomainSession issuer = ContentCard.Issuer(card);
        Assert.Equal(0x6985, Assert.Throws<ContentException>(() => issuer.Delete(Jpki.JpkiAp.Aid, false)).Sw);
        Assert.Equal(3, issuer.List().Count);
        issuer.SetLock(Convert.FromHexString(LicenceAid), true);
        Assert.Equal(0x6999, ContentCard.Select(card, LicenceAid));
        // The police domain cannot lift the issuer's lock; the issuer can.
        DomainSession police = ContentCard.Police(card);
        Assert.Equal(0x6982, Assert.Throws<ContentException>(() => police.SetLock(Convert.FromHexString(LicenceAid), false)).Sw);
        Assert.True(police.List().Single().IsLocked);
        ContentCard.Issuer(card).SetLock(Convert.FromHexString(LicenceAid), false);
        Assert.Equal(0x9000, ContentCard.Select(card, LicenceAid));
    }

    [Fact]
    public void A_domain_locks_and_unlocks_its_own_ap_and_a_locked_domain_takes_no_session()
    {
        TestCard card = fixture.NewCard();
        DomainSession police = ContentCard.WithLicence(card);
        byte[] licence = Convert.FromHexString(LicenceAid);
        police.SetLock(licence, true);
        Assert.Equal(0x6999, ContentCard.Select(card, LicenceAid));
        police = ContentCard.Police(card);
        police.SetLock(licence, false);
        Assert.Equal(0x9000, ContentCard.Select(card, LicenceAid));

        ContentCard.Issuer(card).SetLock(ContentCard.PoliceAid, true);
        Assert.Equal(0x6999, card.Sw(Apdus.SelectAid(ContentCard.PoliceAid)));
        // Its AP still reads, but its sessions (personalization) are closed while the domain is locked.
        Assert.Equal(0x9000, ContentCard.Select(card, LicenceAid));
        Assert.Equal(0x6985, card.Sw(Scp03Session.InitializeUpdate(0, new byte[8])));
    }

    [Fact]
    public void Exceeding_the_quota_answers_6A84_and_writes_nothing()
    {
        TestCard card = fixture.NewCard();
        DomainSession issuer = ContentCard.Issuer(card);
        issuer.CreateDomain(ContentCard.PoliceAid, ContentCard.PoliceKeys, 300);
        DomainSession police = ContentCard.Police(card);
        long writes = card.Nvm.TotalPageWrites;
        byte[] before = ContentCard.Image(card);
        var error = Assert.Throws<ContentException>(() => police.InstallAp(ContentCard.Licence()));
        Assert.Equal(0x6A84, error.Sw);
        Assert.Equal(writes, card.Nvm.TotalPageWrites);
        Assert.Equal(before, ContentCard.Image(card));
        Assert.Equal(0x6A82, ContentCard.Select(card, LicenceAid));
    }

    [Fact]
    public void A_taken_aid_or_df_id_and_an_invalid_description_are_refused_before_any_write()
    {
        TestCard card = fixture.NewCard();
        DomainSession police = ContentCard.WithLicence(card);
        police = ContentCard.Police(card);
        byte[] before = ContentCard.Image(card);
        Assert.Equal(0x6A89, Assert.Throws<ContentException>(() => police.InstallAp(ContentCard.Licence())).Sw);
        Assert.Equal(0x6A89, Assert.Throws<ContentException>(() => police.InstallAp(ContentCard.Other("F04E616E6F4C6963656E6366", "1001"))).Sw);
        Assert.Equal(0x6A89, Assert.Throws<ContentException>(() => police.InstallAp(ContentCard.Other(Convert.ToHexString(Jpki.JpkiAp.Aid), "1002"))).Sw);
        // A DF id among the built-in APs', and a rule naming a PIN the description does not have.
        Assert.Equal(0x6A80, Assert.Throws<ContentException>(() => police.InstallAp(ContentCard.Other("F04E616E6F4C6963656E6367", "0010"))).Sw);
        ApDescriptionFile broken = ContentCard.Other("F04E616E6F4C6963656E6368", "1003");
        broken = broken with { Entries = [.. broken.Entries.Skip(1)] };
        Assert.Equal(0x6A80, Assert.Throws<ContentException>(() => police.InstallAp(broken)).Sw);
        // gen1 has no card PIN to share.
        ApDescriptionFile shared = ContentCard.Other("F04E616E6F4C6963656E6369", "1004") with
        {
            Entries = [new ApEntryFile("card-pin", "0011", 1), new ApEntryFile("transparent", "0001", Size: 8, Read: System.Text.Json.JsonDocument.Parse("[\"0011\"]").RootElement)],
        };
        Assert.Equal(0x6A80, Assert.Throws<ContentException>(() => police.InstallAp(shared)).Sw);
        Assert.Equal(before, ContentCard.Image(card));
    }

    [Fact]
    public void Delete_gives_the_space_back_and_the_ap_is_gone()
    {
        TestCard card = fixture.NewCard();
        ContentCard.CreateDomains(card);
        int unusedBefore = card.Store.UnusedBytes;
        int objectsBefore = card.Store.ObjectCount;
        int countersBefore = card.Store.FreeCounters;
        DomainSession police = ContentCard.Police(card);
        ApDescriptionFile licence = ContentCard.Licence();
        police.InstallAp(licence);
        police.Personalize(licence);
        ContentStatus domain = ContentCard.Issuer(card).List().Single(s => s.Aid.SequenceEqual(ContentCard.PoliceAid));
        Assert.True(domain.BytesUsed > 300);
        Assert.Equal(unusedBefore - domain.BytesUsed, card.Store.UnusedBytes);

        police = ContentCard.Police(card);
        police.Delete(licence.AidBytes, false);
        Assert.Empty(police.List());
        Assert.Equal(unusedBefore, card.Store.UnusedBytes);
        Assert.Equal(objectsBefore, card.Store.ObjectCount);
        Assert.Equal(countersBefore, card.Store.FreeCounters);
        domain = ContentCard.Issuer(card).List().Single(s => s.Aid.SequenceEqual(ContentCard.PoliceAid));
        Assert.Equal(0, domain.BytesUsed);
        Assert.Equal(ContentCard.Quota, domain.QuotaLeft);
        Assert.Equal(0x6A82, ContentCard.Select(card, LicenceAid));
        Assert.Equal(0x6A82, ContentCard.Select(card.PowerCycle(), LicenceAid));

        // The same AP installs again in the space given back.
        police = ContentCard.Police(card);
        police.InstallAp(licence);
        police.Personalize(licence);
        Assert.Equal(0x9000, ContentCard.Select(card, LicenceAid));
    }

    [Fact]
    public void Deleting_a_domain_with_aps_needs_p2_80_and_takes_them_along()
    {
        TestCard card = fixture.NewCard();
        int unusedBefore = card.Store.UnusedBytes;
        ContentCard.WithLicence(card);
        DomainSession issuer = ContentCard.Issuer(card);
        Assert.Equal(0x6985, Assert.Throws<ContentException>(() => issuer.Delete(ContentCard.PoliceAid, false)).Sw);
        issuer.Delete(ContentCard.PoliceAid, true);
        issuer.Delete(ContentCard.CityAid, false);
        Assert.Empty(issuer.List());
        Assert.Equal(0x6A82, ContentCard.Select(card, LicenceAid));
        Assert.Equal(0x6A82, card.Sw(Apdus.SelectAid(ContentCard.PoliceAid)));
        Assert.Equal(unusedBefore, card.Store.UnusedBytes);
    }

    [Fact]
    public void Content_commands_need_the_session_and_a_domain_needs_c_decryption()
    {
        TestCard card = fixture.NewCard();
        Assert.Equal(0x9000, ContentCard.SelectManager(card));
        byte[] before = ContentCard.Image(card);
        Assert.Equal(0x6982, card.Sw(ContentApdus.InstallDomain(ContentCard.PoliceAid, ContentCard.PoliceKeys, 100)));
        Assert.Equal(0x6982, card.Sw(ContentApdus.GetStatus(0x40, false, [])));
        Scp03Session macOnly = Scp03Session.Open(ContentCard.Channel(card), Scp03Keys.Test, SecurityLevel.CMac);
        Assert.Equal(0x6982, macOnly.Transmit(ContentApdus.InstallDomain(ContentCard.PoliceAid, ContentCard.PoliceKeys, 100)).Sw);
        Assert.Equal(before, ContentCard.Image(card));
    }

    [Fact]
    public void Get_status_goes_on_with_6310_when_a_reply_would_not_fit()
    {
        TestCard card = fixture.NewCard();
        ContentCard.CreateDomains(card);
        DomainSession police = ContentCard.Police(card);
        for (int i = 0; i < 7; i++)
        {
            police.InstallAp(ContentCard.Other($"F04E616E6F4C69630{i}", $"20{i}0") with { Entries = [new ApEntryFile("transparent", "0001", Size: 8)] });
        }
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(ContentCard.PoliceAid)));
        Scp03Session raw = Scp03Session.Open(ContentCard.Channel(card), ContentCard.PoliceKeys, DomainSession.Level);
        Assert.Equal(0x6310, raw.Transmit(ContentApdus.GetStatus(0x40, false, [])).Sw);
        Assert.Equal(7, ContentCard.Police(card).List().Count);
        Assert.Equal(CardManagerApplet.Aid, ContentCard.Issuer(card).List().First(s => s.IsDomain).Owner);
    }

    [Fact]
    public void The_issuer_installs_and_personalizes_an_ap_of_its_own()
    {
        TestCard card = fixture.NewCard();
        DomainSession issuer = ContentCard.Issuer(card);
        ApDescriptionFile licence = ContentCard.Licence();
        issuer.InstallAp(licence);
        issuer.Personalize(licence);
        Assert.Equal(0x9000, ContentCard.Select(card, LicenceAid));
        Assert.Equal("NANO-LICENCE-001", System.Text.Encoding.ASCII.GetString(card.Send("00B0820010").Data));
        ContentStatus self = ContentCard.Issuer(card).Issuer();
        Assert.Equal(card.Store.UsedBytesOf(0x1001), self.BytesUsed);
        Assert.Equal(card.Store.FreeBytes, self.FreeBytes);
        // A domain's keys open no session on the issuer's AP.
        ContentCard.CreateDomains(card);
        Assert.Equal(0x9000, ContentCard.Select(card, LicenceAid));
        Assert.Equal(0x6A88, Assert.Throws<CardException>(() => Scp03Session.Open(ContentCard.Channel(card), ContentCard.PoliceKeys, DomainSession.Level)).Sw);
    }

    [Fact]
    public void A_domain_rotates_its_key_set_with_put_key()
    {
        TestCard card = fixture.NewCard();
        ContentCard.CreateDomains(card);
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(ContentCard.PoliceAid)));
        var session = Scp03Session.Open(ContentCard.Channel(card), ContentCard.PoliceKeys, DomainSession.Level);
        Scp03Keys next = Scp03Keys.Random(ContentCard.PoliceKeys.NextVersion);
        ResponseApdu reply = session.Transmit(Scp03KeyRotation.PutKey(ContentCard.PoliceKeys, next));
        Assert.Equal(0x9000, reply.Sw);
        Assert.Equal(Scp03KeyRotation.ExpectedReply(next), reply.Data);
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(ContentCard.PoliceAid)));
        Assert.Equal(0x6A88, Assert.Throws<CardException>(() => Scp03Session.Open(ContentCard.Channel(card), ContentCard.PoliceKeys, DomainSession.Level)).Sw);
        DomainSession police = DomainSession.Open(ContentCard.Channel(card.PowerCycle()), ContentCard.PoliceAid, next);
        Assert.Empty(police.List());
    }
}
