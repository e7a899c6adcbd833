using System.Security.Cryptography;
using NanoCard.Applets.CardManager.Domains;
using NanoCard.Issuance;
using NanoCard.Issuance.Content;
using NanoCard.Os.Description;
using NanoCard.Os.Files;

namespace NanoCard.Applets.Tests.Domains;

/// <summary>
/// An AP installed after issuance by a supplementary domain from its description, personalized
/// through the domain's session, and then used by a reader like a built-in AP (docs/apdu-spec.md §11.2).
/// </summary>
[Collection(IssuedCardCollection.Name)]
public sealed class InstalledApTests(IssuedCardFixture fixture)
{
    private const string LicenceAid = "F04E616E6F4C6963656E6365";

    [Fact]
    public void An_installed_ap_answers_a_reader_like_a_built_in_one_and_survives_power_off()
    {
        TestCard card = fixture.NewCard();
        IReadOnlyDictionary<int, byte[]> keys = PersonalizedLicence(card);
        foreach (TestCard now in new[] { card, card.PowerCycle() })
        {
            Assert.Equal(0x9000, ContentCard.Select(now, LicenceAid));
            ResponseApdu number = now.Send(Apdus.ReadBinary(0, 0));
            Assert.Equal(0x6986, number.Sw);
            Assert.Equal("NANO-LICENCE-001", System.Text.Encoding.ASCII.GetString(now.Send("00B0820010").Data));
            // The personal data needs the AP's own PIN; the records do not.
            Assert.Equal(0x6982, now.Sw("00B0830004"));
            Assert.Equal("0101", Convert.ToHexString(now.Send(Apdus.ReadRecord(1, 4)).Data));
            Assert.Equal("0203", Convert.ToHexString(now.Send(Apdus.ReadRecord(2, 4)).Data));
            Assert.Equal(0x63C3, now.Sw(Apdus.VerifyStatus(0x81)));
            Assert.Equal(0x9000, now.Sw(Apdus.Verify(0x81, "2468"u8.ToArray())));
            Assert.StartsWith("E5B1B1E794B0", Convert.ToHexString(now.Send("00B0830017").Data), StringComparison.Ordinal);
            // The EC key signs a hash once the PIN is verified; the signature checks with the key generation's public key.
            byte[] hash = SHA256.HashData("licence"u8);
            ResponseApdu signature = now.Send(Apdus.ComputeSignature(0x85, hash));
            Assert.Equal(0x9000, signature.Sw);
            using ECDsa verifier = EcPublicKeys.FromPoint(EcPublicKeys.P256, keys[0x0004][^65..]);
            Assert.True(verifier.VerifyHash(hash, signature.Data));
            ResponseApdu internalAuth = now.Send(Apdus.InternalAuthenticate(0x85, hash));
            Assert.Equal(0x9000, internalAuth.Sw);
            // CHANGE REFERENCE DATA after VERIFY, like a built-in AP.
            Assert.Equal(0x9000, now.Sw([0x00, 0x24, 0x01, 0x81, 0x04, .. "1357"u8]));
            Assert.Equal(0x63C2, now.Sw(Apdus.Verify(0x81, "2468"u8.ToArray())));
            Assert.Equal(0x9000, now.Sw(Apdus.Verify(0x81, "1357"u8.ToArray())));
            Assert.Equal(0x9000, now.Sw([0x00, 0x24, 0x01, 0x81, 0x04, .. "2468"u8]));
        }
    }

    [Fact]
    public void Personalization_needs_the_owning_domains_session()
    {
        TestCard card = fixture.NewCard();
        ContentCard.CreateDomains(card);
        ContentCard.Police(card).InstallAp(ContentCard.Licence());
        long writesBefore = card.Nvm.TotalPageWrites;
        Assert.Equal(0x9000, ContentCard.Select(card, LicenceAid));
        Assert.Equal(0x6982, card.Sw(Apdus.PutCredential(0x81, 3, "1111"u8.ToArray())));
        Assert.Equal(0x6982, card.Sw(Apdus.GenerateEcKeyPair(0x0004, 0x01)));
        // The issuer's key set opens no session here: the AP's sessions are the police domain's (another key version: 6A88).
        Assert.Equal(0x9000, ContentCard.Select(card, LicenceAid));
        Assert.Equal(0x6A88, Assert.Throws<CardException>(() => Scp03Session.Open(ContentCard.Channel(card), Scp03Keys.Test, DomainSession.Level)).Sw);
        // Nor do the city's keys under the police key version: the card's cryptogram does not verify.
        Assert.Equal(0x9000, ContentCard.Select(card, LicenceAid));
        var forged = ContentCard.CityKeys with { Version = ContentCard.PoliceKeys.Version };
        Assert.Throws<CryptographicException>(() => Scp03Session.Open(ContentCard.Channel(card), forged, DomainSession.Level));
        Assert.Equal(writesBefore, card.Nvm.TotalPageWrites);
    }

    [Fact]
    public void Get_status_counts_exactly_what_the_description_said_it_would_take()
    {
        TestCard card = fixture.NewCard();
        ContentCard.CreateDomains(card);
        DomainSession police = ContentCard.Police(card);
        ApDescriptionFile licence = ContentCard.Licence();
        byte[] encoded = licence.Encode();
        ApDescription description = DescriptionCodec.Decode(licence.AidBytes, encoded, 0, (short)encoded.Length, 0)!;
        police.InstallAp(licence);
        ContentStatus ap = police.List().Single(s => s.Aid.SequenceEqual(licence.AidBytes));
        Assert.Equal(ContentRecord.SizeFor(encoded.Length) + DfFootprint.Bytes(description), ap.BytesUsed);
        Assert.Equal(card.Store.UsedBytesOf(0x1001), ap.BytesUsed);
        Assert.Equal(ContentCard.PoliceAid, ap.Owner);
        Assert.Equal(0x07, ap.LifeCycle);
        ContentStatus domain = ContentCard.Issuer(card).List().Single(s => s.Aid.SequenceEqual(ContentCard.PoliceAid));
        Assert.True(domain.IsDomain);
        Assert.Equal(ap.BytesUsed, domain.BytesUsed);
        Assert.Equal(ContentCard.Quota - ap.BytesUsed, domain.QuotaLeft);
    }

    /// <summary>Domains, the licence AP installed and personalized; returns its public keys by FID.</summary>
    private static IReadOnlyDictionary<int, byte[]> PersonalizedLicence(TestCard card)
    {
        ContentCard.CreateDomains(card);
        DomainSession police = ContentCard.Police(card);
        ApDescriptionFile licence = ContentCard.Licence();
        police.InstallAp(licence);
        return police.Personalize(licence);
    }
}
