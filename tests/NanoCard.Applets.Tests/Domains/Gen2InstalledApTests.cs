using System.Text.Json;
using NanoCard.Applets.Jpki;
using NanoCard.Applets.Tests.Gen2;
using NanoCard.Issuance;
using NanoCard.Issuance.Content;

namespace NanoCard.Applets.Tests.Domains;

/// <summary>
/// gen2: an installed AP may show the card PIN (description kind 04) under its own FID: the same
/// value and the same try counter as the built-in APs' (docs/apdu-spec.md §11.2, §13.2).
/// </summary>
[Collection(Gen2CardCollection.Name)]
public sealed class Gen2InstalledApTests(Gen2CardFixture fixture)
{
    private const string Aid = "F04E616E6F43697479415030";

    [Fact]
    public void An_installed_ap_shares_the_card_pin_and_its_counter()
    {
        TestCard card = fixture.NewCard();
        DomainSession issuer = DomainSession.OpenIssuer(ContentCard.Channel(card), Scp03KeyVersion.Choose(card.Client, Scp03Keys.Test));
        issuer.CreateDomain(ContentCard.CityAid, ContentCard.CityKeys, 2048);
        var city = DomainSession.Open(ContentCard.Channel(card), ContentCard.CityAid, ContentCard.CityKeys);
        var description = new ApDescriptionFile(Aid, "1200",
        [
            new ApEntryFile("card-pin", "0011", 1),
            new ApEntryFile("transparent", "0001", 2, Size: 4, Read: JsonDocument.Parse("[\"0011\"]").RootElement, Content: "C1C2C3C4"),
        ]);
        city.InstallAp(description);
        city.Personalize(description);

        Assert.Equal(0x9000, card.Sw("00A4040C0C" + Aid));
        Assert.Equal(0x6982, card.Sw("00B0820004"));
        Assert.Equal(0x63C2, card.Sw(Apdus.Verify(0x81, "0000"u8.ToArray())));
        // The JPKI AP's card PIN (0018) lost the same try.
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(JpkiAp.Aid)));
        Assert.Equal(0x63C2, card.Sw(Apdus.VerifyStatus(0x98)));
        Assert.Equal(0x9000, card.Sw("00A4040C0C" + Aid));
        Assert.Equal(0x9000, card.Sw(Apdus.Verify(0x81, System.Text.Encoding.ASCII.GetBytes(fixture.Persona.Pin))));
        Assert.Equal("C1C2C3C4", Convert.ToHexString(card.Send("00B0820004").Data));
        // The card PIN the AP only shows is the issuer's: the domain can neither set nor erase it.
        Assert.Equal(0x9000, card.Sw("00A4040C0C" + Aid));
        var session = Scp03Session.Open(ContentCard.Channel(card), ContentCard.CityKeys, DomainSession.Level);
        Assert.Equal(0x6982, session.Transmit(Apdus.PutCredential(0x81, 3, "9999"u8.ToArray())).Sw);
        session = Scp03Session.Open(ContentCard.Channel(card), ContentCard.CityKeys, DomainSession.Level);
        Assert.Equal(0x9000, session.Transmit(Apdus.SelectEf(0x0011)).Sw);
        Assert.Equal(0x6982, session.Transmit(Apdus.Erase()).Sw);
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(JpkiAp.Aid)));
        Assert.Equal(0x9000, card.Sw(Apdus.Verify(0x98, System.Text.Encoding.ASCII.GetBytes(fixture.Persona.Pin))));
    }
}
