using NanoCard.Applets.Visual;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Tests.Gen2;

/// <summary>The colour photo read over each transport, and the gen2 card's free EEPROM (docs/references.md §8, points 9, 10).</summary>
[Collection(Gen2CardCollection.Name)]
public sealed class Gen2PhotoAndSpaceTests(Gen2CardFixture fixture)
{
    private static readonly byte[] CodeB = System.Text.Encoding.ASCII.GetBytes(SamplePersona.CreateGen2().CodeB);

    [Fact]
    public void The_photo_needs_code_A_or_B_and_comes_in_one_extended_READ_BINARY_on_the_desktop()
    {
        TestCard card = fixture.NewCard();
        int exchanges = 0;
        card.Client.Exchanged += (_, _) => exchanges++;
        card.Send(Apdus.SelectAid(VisualAp.Aid));
        card.Send(Apdus.SelectEf(VisualAp.ColourPhoto));
        Assert.Equal(0x6982, card.Sw(Apdus.ReadBinaryExtended(0, 0)));
        card.Send(Apdus.Verify(0x92, CodeB));
        exchanges = 0;
        ResponseApdu photo = card.Send(Apdus.ReadBinaryExtended(0, 0));
        Assert.Equal(0x9000, photo.Sw);
        Assert.Equal(1, exchanges);
        // The issuer fitted the EF to the JPEG (RESIZE): the read is the photo, no filler after it.
        Assert.Equal(fixture.Persona.ColourPhoto, photo.Data);
    }

    [Fact]
    public void Over_the_PN532_configuration_the_photo_comes_in_short_reads_and_extended_length_is_refused()
    {
        var card = new TestCard(new RamNvm((byte[])fixture.Image.Clone(), StoreLayout.DefaultPageSize), CardConfig.Contactless());
        card.Send(Apdus.SelectAid(VisualAp.Aid));
        card.Send(Apdus.Verify(0x92, CodeB));
        card.Send(Apdus.SelectEf(VisualAp.ColourPhoto));
        Assert.Equal(0x6700, card.Sw(Apdus.ReadBinaryExtended(0, 0)));
        var photo = PhotoReader.ReadShort(card.Client, fixture.Persona.ColourPhoto.Length, out int exchanges);
        Assert.Equal(fixture.Persona.ColourPhoto, photo);
        Assert.Equal((fixture.Persona.ColourPhoto.Length + 255) / 256, exchanges);
    }

    [Fact]
    public void A_gen2_card_with_every_AP_key_certificate_and_a_24_kB_photo_leaves_at_least_40_percent_free()
    {
        TestCard card = fixture.NewCard();
        int free = card.Store.FreeBytes;
        Assert.True(free >= 0.40 * StoreLayout.DefaultSize, $"{free} bytes free of {StoreLayout.DefaultSize}");
        Assert.Equal(MynaCard.Gen2, MynaCard.ProfileOf(card.Store));
        // The figure apdu-spec §13.7 publishes.
        string spec = File.ReadAllText(Path.Combine(ApduSpec.RepositoryRoot(), "docs", "apdu-spec.md"));
        var stated = System.Text.RegularExpressions.Regex.Match(spec, @"leaves \*\*([\d ]+) of 131 072 bytes free");
        Assert.True(stated.Success);
        Assert.Equal(free, int.Parse(stated.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// The fitted EFs after a factory reset (docs/eeprom-layout.md, "Sizes set at personalization"):
/// the issuer gives each EF its described size back before writing, so a card reset and issued
/// again for a persona with a larger photo holds the whole photo, fitted anew.
/// </summary>
[Collection(Gen2CardCollection.Name)]
public sealed class Gen2RefitTests(Gen2CardFixture fixture)
{
    [Fact]
    public void A_reset_card_takes_a_larger_photo_and_fits_it_again()
    {
        TestCard card = fixture.NewCard();
        FactoryReset.Gen2(card.Client, Scp03Keys.Test);
        Persona sample = fixture.Persona;
        byte[] larger = [.. sample.ColourPhoto, .. Enumerable.Repeat((byte)0x5A, 4000)];
        Persona again = new()
        {
            Profile = "gen2", Curve = sample.Curve, ColourPhoto = larger,
            Name = sample.Name, NameKana = sample.NameKana, Address = sample.Address, BirthDate = sample.BirthDate, Sex = sample.Sex, MyNumber = sample.MyNumber,
            ResidentCode = sample.ResidentCode, Pin = sample.Pin, SignPassword = sample.SignPassword, Puk = sample.Puk, SecurityCode = sample.SecurityCode,
            Expiry = sample.Expiry, MunicipalityCode = sample.MunicipalityCode, Serial = sample.Serial, FacePhoto = sample.FacePhoto, NameImage = sample.NameImage,
            AddressImage = sample.AddressImage, SecurityCodeImage = sample.SecurityCodeImage, MyNumberImage = sample.MyNumberImage,
        };
        // A CA folder of its own: issuing again rewrites the card's archive entry, which the renewal tests read.
        string directory = fixture.CopyOfCaFolder();
        new Gen2Issuer(card.Client, fixture.Ca, new CaArchive(directory, fixture.Ca), IssuedCardFixture.Clock).Issue(again);
        Directory.Delete(directory, recursive: true);
        card.Send(Apdus.SelectAid(VisualAp.Aid));
        card.Send(Apdus.Verify(0x92, System.Text.Encoding.ASCII.GetBytes(again.CodeB)));
        card.Send(Apdus.SelectEf(VisualAp.ColourPhoto));
        Assert.Equal(larger, card.Send(Apdus.ReadBinaryExtended(0, 0)).Data);
    }
}
