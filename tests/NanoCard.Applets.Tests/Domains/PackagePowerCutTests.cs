using NanoCard.Applets.Tests.Gen2;
using NanoCard.Issuance;
using NanoCard.Issuance.Content;
using NanoCard.Issuance.Packages;

namespace NanoCard.Applets.Tests.Domains;

/// <summary>
/// Power cuts at every write of installing each package — INSTALL and then personalization
/// through the domain's session (docs/eeprom-layout.md, "Installed content"): after the next
/// power-up the store is sound, an AP cut before INSTALL's commit point is wholly gone with every
/// byte back, and whatever the cut left, the authority deletes what is there and installs the
/// package again, ending byte for byte with the space of an uncut install. On gen2, whose EC key
/// generation keeps a cut per write quick.
/// </summary>
[Collection(Gen2CardCollection.Name)]
public sealed class PackagePowerCutTests(Gen2CardFixture fixture)
{
    public static TheoryData<string> Names => new() { "licence", "seal", "library" };

    [Theory]
    [MemberData(nameof(Names))]
    public void Installing_a_package_cut_at_any_write_recovers_to_a_whole_install(string name)
    {
        TestCard reference = Prepared();
        int before = reference.Store.UsedBytes;
        reference.Nvm.ResetCounters();
        Install(reference, name);
        long total = reference.Nvm.TotalPageWrites;
        int after = reference.Store.UsedBytes;
        Assert.True(total > 10, $"installing {name} took only {total} writes");
        int gone = 0;
        for (long cut = 1; cut < total; cut++)
        {
            TestCard card = Prepared();
            card.Nvm.ResetCounters();
            card.Nvm.CutPowerAfter(cut, garble: true, seed: (int)cut);
            Assert.ThrowsAny<Exception>(() => Install(card, name));
            Assert.True(card.Nvm.IsPowerLost, $"cut {cut} did not strike");
            TestCard next = card.PowerCycle();
            Assert.True(next.Store.IsHealthy, $"{name} cut {cut}");
            Assert.Equal(next.Store.Layout.DataSize, next.Store.UsedBytes + next.Store.UnusedBytes);
            if (next.Sw(Apdus.SelectAid(Aid(name))) == 0x6A82)
            {
                Assert.Equal(before, next.Store.UsedBytes);
                gone++;
            }
            else
            {
                Session(next, name).Delete(Aid(name), false);
                Assert.Equal(before, next.Store.UsedBytes);
            }
            Install(next, name);
            Assert.Equal(after, next.Store.UsedBytes);
            Read(next, name);
        }
        Assert.True(gone > 0, $"some cuts of {name} should land before INSTALL's commit point");
    }

    private TestCard Prepared()
    {
        TestCard card = fixture.NewCard();
        ContentCard.CreateDomains(card);
        return card;
    }

    private void Install(TestCard card, string name)
    {
        if (name == "licence")
        {
            Packages.InstallLicence(card, fixture.Persona);
        }
        else
        {
            Packages.InstallMunicipal(card, fixture.Persona, MunicipalPackage.Named(name));
        }
    }

    private void Read(TestCard card, string name)
    {
        if (name == "licence")
        {
            Assert.True(Packages.ReadLicence(card, fixture.Persona).ItemsSigned);
        }
        else
        {
            Assert.True(MunicipalReader.Read(card.Client, MunicipalPackage.Named(name), Packages.City).Present);
        }
    }

    private static byte[] Aid(string name) => name == "licence" ? LicencePackage.Aid : MunicipalPackage.Named(name).Aid;

    private static DomainSession Session(TestCard card, string name) => name == "licence" ? ContentCard.Police(card) : Packages.CitySession(card);
}
