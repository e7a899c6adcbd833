using NanoCard.Issuance;
using NanoCard.Issuance.Packages;

namespace NanoCard.Applets.Tests.Domains;

/// <summary>
/// The licence AP package (docs/apdu-spec.md §11.3): installed and personalized by the police
/// agency's domain, read by a reader with its two PINs, locked, deleted and installed again; the
/// PINs' tries, blocking and scopes.
/// </summary>
[Collection(IssuedCardCollection.Name)]
public sealed class LicencePackageTests(IssuedCardFixture fixture)
{
    private static readonly string Aid = Convert.ToHexString(LicencePackage.Aid);

    [Fact]
    public void A_reader_reads_the_licence_with_both_pins_and_checks_the_police_signatures()
    {
        TestCard card = Installed();
        LicenceData licence = fixture.Persona.Licence!;
        foreach (TestCard now in new[] { card, card.PowerCycle() })
        {
            LicenceReading reading = Packages.ReadLicence(now, fixture.Persona);
            Assert.Empty(reading.Refusals);
            Assert.Equal(LicenceFormat.Version, reading.Version);
            Assert.Equal(licence.Issued, reading.Issued);
            Assert.Equal(licence.ValidUntil, reading.ValidUntil);
            Assert.Equal(licence.Number, reading.Item(LicenceFormat.TagNumber));
            Assert.Equal(fixture.Persona.Name, reading.Item(LicenceFormat.TagName));
            Assert.Equal("3550217", reading.Item(LicenceFormat.TagBirthDate));
            Assert.Equal("眼鏡等", reading.Item(LicenceFormat.TagFirstCondition));
            Assert.Equal("東京都公安委員会", reading.Item(LicenceFormat.TagCommission));
            Assert.Equal(new DateOnly(2000, 4, 1), LicenceFormat.FromEraDate(reading.Item(0x31)!));
            Assert.Equal(licence.RegisteredDomicile, reading.Domicile);
            Assert.True(reading.ItemsSigned);
            Assert.True(reading.DomicileSigned);
        }
    }

    [Fact]
    public void Data_the_police_domain_changes_later_no_longer_checks_against_the_signature()
    {
        TestCard card = Installed();
        // The domain may rewrite an EF in its own session (a new address, say), but then the old signature no longer covers it.
        var police = ContentCard.Police(card);
        var tampered = LicencePackage.Describe(fixture.Persona, Packages.Police);
        var items = tampered.Entries.Single(e => e.FidValue == LicencePackage.Items);
        byte[] content = Convert.FromHexString(items.Content!);
        content[^1] ^= 0x01;
        police.Personalize(tampered with { Entries = [items with { Content = Convert.ToHexString(content) }] });
        LicenceReading reading = Packages.ReadLicence(card, fixture.Persona);
        Assert.False(reading.ItemsSigned);
        Assert.True(reading.DomicileSigned);
    }

    [Fact]
    public void Pin1_opens_the_items_and_pin2_the_registered_domicile_each_alone()
    {
        TestCard card = Installed();
        Assert.Equal(0x9000, ContentCard.Select(card, Aid));
        // Without a PIN: the common data element only.
        Assert.Equal(0x9000, card.Sw(Apdus.SelectEf(LicencePackage.CommonData)));
        Assert.Equal(17, card.Send(Apdus.ReadBinary(0, 0)).Data.Length);
        AssertReadable(card, LicencePackage.Items, false);
        AssertReadable(card, LicencePackage.Domicile, false);
        AssertReadable(card, LicencePackage.ItemsSignature, false);
        Assert.Equal(0x9000, card.Sw(Apdus.Verify(0x81, "1357"u8.ToArray())));
        AssertReadable(card, LicencePackage.Items, true);
        AssertReadable(card, LicencePackage.ItemsSignature, true);
        AssertReadable(card, LicencePackage.Changes, true);
        AssertReadable(card, LicencePackage.Domicile, false);
        AssertReadable(card, LicencePackage.DomicileSignature, false);
        // A new SELECT forgets PIN1; PIN2 alone opens the domicile, not the items.
        Assert.Equal(0x9000, ContentCard.Select(card, Aid));
        Assert.Equal(0x9000, card.Sw(Apdus.Verify(0x82, "2468"u8.ToArray())));
        AssertReadable(card, LicencePackage.Domicile, true);
        AssertReadable(card, LicencePackage.DomicileSignature, true);
        AssertReadable(card, LicencePackage.Items, false);
        // Nothing is writable by a reader.
        Assert.Equal(0x9000, card.Sw(Apdus.SelectEf(LicencePackage.Domicile)));
        Assert.Equal(0x6982, card.Sw("00D6000001FF"));
    }

    [Fact]
    public void Each_pin_has_three_tries_of_its_own_and_a_blocked_one_stays_blocked()
    {
        TestCard card = Installed();
        Assert.Equal(0x9000, ContentCard.Select(card, Aid));
        Assert.Equal(0x63C3, card.Sw(Apdus.VerifyStatus(0x81)));
        Assert.Equal(0x63C2, card.Sw(Apdus.Verify(0x81, "0000"u8.ToArray())));
        Assert.Equal(0x63C1, card.Sw(Apdus.Verify(0x81, "0000"u8.ToArray())));
        Assert.Equal(0x63C3, card.Sw(Apdus.VerifyStatus(0x82)));
        Assert.Equal(0x63C0, card.Sw(Apdus.Verify(0x81, "0000"u8.ToArray())));
        TestCard next = card.PowerCycle();
        Assert.Equal(0x9000, ContentCard.Select(next, Aid));
        // Blocked: the right value no longer opens anything, after a power cycle too.
        Assert.Equal(0x6984, next.Sw(Apdus.Verify(0x81, "1357"u8.ToArray())));
        AssertReadable(next, LicencePackage.Items, false);
        // PIN2 is untouched and still opens the domicile; the reader says what it could not open.
        LicenceReading reading = Packages.ReadLicence(next, fixture.Persona);
        Assert.Null(reading.Items);
        Assert.Equal(fixture.Persona.Licence!.RegisteredDomicile, reading.Domicile);
        Assert.Equal(["暗証番号1 is blocked"], reading.Refusals);
        // A right PIN resets its counter.
        Assert.Equal(0x9000, ContentCard.Select(next, Aid));
        Assert.Equal(0x63C2, next.Sw(Apdus.Verify(0x82, "0000"u8.ToArray())));
        Assert.Equal(0x9000, next.Sw(Apdus.Verify(0x82, "2468"u8.ToArray())));
        Assert.Equal(0x9000, ContentCard.Select(next, Aid));
        Assert.Equal(0x63C3, next.Sw(Apdus.VerifyStatus(0x82)));
    }

    [Fact]
    public void Lock_delete_and_reinstall_give_the_space_back_and_work_again()
    {
        TestCard card = fixture.NewCard();
        ContentCard.CreateDomains(card);
        int free = card.Store.UnusedBytes;
        Packages.InstallLicence(card, fixture.Persona);
        int used = free - card.Store.UnusedBytes;
        Assert.InRange(used, 400, 1200);
        // The issuer locks it: a reader gets 6999; unlocked, it reads again.
        ContentCard.Issuer(card).SetLock(LicencePackage.Aid, true);
        Assert.Equal(0x6999, ContentCard.Select(card, Aid));
        Assert.Throws<CardException>(() => Packages.ReadLicence(card, fixture.Persona));
        ContentCard.Issuer(card).SetLock(LicencePackage.Aid, false);
        Assert.Empty(Packages.ReadLicence(card, fixture.Persona).Refusals);
        // The police domain deletes it: every byte back, then it installs again, byte for byte the same size.
        ContentCard.Police(card).Delete(LicencePackage.Aid, false);
        Assert.Equal(0x6A82, ContentCard.Select(card, Aid));
        Assert.Equal(free, card.Store.UnusedBytes);
        Packages.InstallLicence(card, fixture.Persona);
        Assert.Equal(used, free - card.Store.UnusedBytes);
        Assert.True(Packages.ReadLicence(card.PowerCycle(), fixture.Persona).ItemsSigned);
    }

    private TestCard Installed()
    {
        TestCard card = fixture.NewCard();
        ContentCard.CreateDomains(card);
        Packages.InstallLicence(card, fixture.Persona);
        return card;
    }

    private static void AssertReadable(TestCard card, int fid, bool readable)
    {
        Assert.Equal(0x9000, card.Sw(Apdus.SelectEf(fid)));
        ushort sw = fid == LicencePackage.Changes ? card.Sw(Apdus.ReadRecord(1, 6)) : card.Sw(Apdus.ReadBinary(0, 1));
        // The changes EF has no record yet: readable means 6A83 (no such record), not 6982.
        Assert.Equal(readable ? (fid == LicencePackage.Changes ? (ushort)0x6A83 : (ushort)0x9000) : (ushort)0x6982, sw);
    }
}
