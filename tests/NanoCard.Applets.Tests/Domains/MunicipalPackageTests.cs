using NanoCard.Applets.Tests.Gen2;
using NanoCard.Issuance;
using NanoCard.Issuance.Packages;

namespace NanoCard.Applets.Tests.Domains;

/// <summary>
/// The municipal packages (docs/apdu-spec.md §11.4): the seal-registration and library APs in the
/// city's domain, read by the counter's reader (record, the city's signature, presence by INTERNAL
/// AUTHENTICATE), locked, deleted and installed again. gen1 keys are RSA-2048, gen2 keys EC P-256.
/// </summary>
[Collection(IssuedCardCollection.Name)]
public sealed class MunicipalPackageTests(IssuedCardFixture fixture)
{
    [Fact]
    public void Both_aps_read_with_the_citys_signature_and_a_presence_proof_on_gen1()
    {
        TestCard card = Installed(fixture.NewCard(), fixture.Persona);
        foreach (TestCard now in new[] { card, card.PowerCycle() })
        {
            MunicipalReading seal = MunicipalReader.Read(now.Client, MunicipalPackage.Seal, Packages.City);
            Assert.Equal(("千代田区", "印鑑登録証", "12345678", true, true), (seal.Municipality, seal.Kind, seal.Number, seal.Signed, seal.Present));
            MunicipalReading library = MunicipalReader.Read(now.Client, MunicipalPackage.Library, Packages.City);
            Assert.Equal(("1234567890", true, true), (library.Number, library.Signed, library.Present));
            // Another authority's key does not check the city's signature.
            Assert.False(MunicipalReader.Read(now.Client, MunicipalPackage.Seal, Packages.Police).Signed);
        }
    }

    [Fact]
    public void A_proof_of_another_card_or_challenge_does_not_check()
    {
        TestCard card = Installed(fixture.NewCard(), fixture.Persona);
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(MunicipalPackage.Seal.Aid)));
        byte[] certificate = EfReader.Read(card.Client, MunicipalPackage.KeyCertificate);
        byte[] template = certificate[4..^66];
        byte[] challenge = "a counter's challenge"u8.ToArray();
        byte[] proof = card.Send(Apdus.InternalAuthenticate(0x82, challenge)).Data;
        Assert.True(MunicipalReader.Proves(template, challenge, proof));
        Assert.False(MunicipalReader.Proves(template, "another challenge"u8.ToArray(), proof));
        // The library AP's key is another key.
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(MunicipalPackage.Library.Aid)));
        byte[] other = card.Send(Apdus.InternalAuthenticate(0x82, challenge)).Data;
        Assert.False(MunicipalReader.Proves(template, challenge, other));
    }

    [Fact]
    public void Lock_delete_and_reinstall_each_municipal_ap()
    {
        TestCard card = fixture.NewCard();
        ContentCard.CreateDomains(card);
        int free = card.Store.UnusedBytes;
        Installed(card, fixture.Persona, domains: false);
        foreach (MunicipalPackage package in MunicipalPackage.All)
        {
            Packages.CitySession(card).SetLock(package.Aid, true);
            Assert.Equal(0x6999, card.Sw(Apdus.SelectAid(package.Aid)));
            Packages.CitySession(card).SetLock(package.Aid, false);
            Packages.CitySession(card).Delete(package.Aid, false);
            Assert.Equal(0x6A82, card.Sw(Apdus.SelectAid(package.Aid)));
        }
        Assert.Equal(free, card.Store.UnusedBytes);
        Installed(card, fixture.Persona, domains: false);
        Assert.True(MunicipalReader.Read(card.PowerCycle().Client, MunicipalPackage.Library, Packages.City).Present);
    }

    internal static TestCard Installed(TestCard card, Persona persona, bool domains = true)
    {
        if (domains)
        {
            ContentCard.CreateDomains(card);
        }
        Packages.InstallMunicipal(card, persona, MunicipalPackage.Seal);
        Packages.InstallMunicipal(card, persona, MunicipalPackage.Library);
        return card;
    }
}

/// <summary>gen2: the municipal APs' presence keys are EC P-256.</summary>
[Collection(Gen2CardCollection.Name)]
public sealed class Gen2MunicipalPackageTests(Gen2CardFixture fixture)
{
    [Fact]
    public void The_presence_key_is_ec_p256_on_gen2()
    {
        TestCard card = MunicipalPackageTests.Installed(fixture.NewCard(), fixture.Persona);
        MunicipalReading seal = MunicipalReader.Read(card.Client, MunicipalPackage.Seal, Packages.City);
        Assert.True(seal.Signed == true && seal.Present);
        byte[] certificate = EfReader.Read(card.Client, MunicipalPackage.KeyCertificate);
        // C3 50 7F49 4D { 06 08 P-256 OID, 86 41 point }.
        Assert.StartsWith("C3507F494D06082A8648CE3D030107864104", Convert.ToHexString(certificate), StringComparison.Ordinal);
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(MunicipalPackage.Seal.Aid)));
        Assert.Equal(64, card.Send(Apdus.InternalAuthenticate(0x82, new byte[16])).Data.Length);
    }
}
