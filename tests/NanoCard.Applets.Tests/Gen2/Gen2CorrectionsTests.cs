using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoCard.Applets.CommonCard;
using NanoCard.Applets.Jpki;
using NanoCard.Applets.Juki;
using NanoCard.Applets.Text;
using NanoCard.Issuance;

namespace NanoCard.Applets.Tests.Gen2;

/// <summary>
/// The gen2 corrections from the task force material (docs/apdu-spec.md §13.8): certificate
/// validity (RSA-2048 not past 2030, nothing past the card), an EC authenticity key in the text AP,
/// the signing password standing in for the card PIN in the JPKI AP only, and a PUK the holder may change.
/// </summary>
[Collection(Gen2CardCollection.Name)]
public sealed class Gen2CorrectionsTests(Gen2CardFixture fixture)
{
    private byte[] Pin => System.Text.Encoding.ASCII.GetBytes(fixture.Persona.Pin);
    private byte[] Password => System.Text.Encoding.ASCII.GetBytes(fixture.Persona.SignPassword);
    private byte[] Puk => System.Text.Encoding.ASCII.GetBytes(fixture.Persona.Puk);

    [Fact]
    public void Issued_certificates_end_with_the_card_and_RSA_ones_by_2030_on_both_curves()
    {
        AssertWithinLimits(fixture.Issued.Certificates, fixture.Persona.Expiry);

        Persona p384 = SamplePersona.CreateGen2("P-384");
        TestCard card = TestCard.Blank(profile: MynaCard.Gen2);
        string directory = fixture.CopyOfCaFolder();
        try
        {
            IssuedGen2Card issued = new Gen2Issuer(card.Client, fixture.Ca, new CaArchive(directory, fixture.Ca), IssuedCardFixture.Clock).Issue(p384);
            Assert.Equal(384, issued.Certificates[IssuedGen2Card.EcSign].GetECDsaPublicKey()!.KeySize);
            AssertWithinLimits(issued.Certificates, p384.Expiry);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Renewed_certificates_keep_the_same_limits()
    {
        TestCard card = fixture.NewCard();
        string directory = fixture.CopyOfCaFolder();
        try
        {
            RenewedCard renewed = new Gen2Renewer(card.Client, fixture.Ca, new CaArchive(directory, fixture.Ca), IssuedCardFixture.Clock).Renew(Scp03Keys.Test, fixture.Persona.SignPassword);
            AssertWithinLimits(renewed.New, fixture.Persona.Expiry);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("2026-12-05", "2036-01-26", false, "2036-01-26T23:59:59Z")]
    [InlineData("2026-12-05", "2036-01-26", true, "2030-12-31T23:59:59Z")]
    [InlineData("2026-12-05", "2040-06-30", false, "2036-12-05T00:00:00Z")]
    [InlineData("2030-12-31T12:00:00Z", "2036-01-26", true, "2030-12-31T23:59:59Z")]
    public void Validity_is_ten_years_cut_to_the_card_and_for_RSA_to_2030(string now, string cardExpiry, bool rsa, string notAfter)
    {
        Assert.Equal(DateTimeOffset.Parse(notAfter, null, System.Globalization.DateTimeStyles.AssumeUniversal),
            Gen2Validity.NotAfter(DateTimeOffset.Parse(now, null, System.Globalization.DateTimeStyles.AssumeUniversal), DateOnly.Parse(cardExpiry), rsa));
    }

    [Fact]
    public void No_RSA_certificate_from_2031_and_none_for_an_expired_card()
    {
        var newYear2031 = new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Contains("2031-01-01", Assert.Throws<InvalidOperationException>(() => Gen2Validity.NotAfter(newYear2031, new DateOnly(2036, 1, 26), rsa: true)).Message);
        Assert.Contains("expired", Assert.Throws<InvalidOperationException>(() => Gen2Validity.NotAfter(newYear2031, new DateOnly(2030, 6, 1), rsa: false)).Message);
    }

    [Fact]
    public void The_text_AP_proves_itself_with_its_EC_key_certified_by_the_card_CA()
    {
        TestCard card = fixture.NewCard();
        card.Send(Apdus.SelectAid(TextAp.Aid));
        X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(ReadAll(card, TextAp.ApAuthCertificate));
        Assert.True(TestCa.SignedBy(certificate, fixture.Ca.Gen2.CardCa.Certificate));
        Assert.Equal(fixture.Issued.Certificates[IssuedGen2Card.TextApAuth].RawData, certificate.RawData);

        byte[] challenge = RandomNumberGenerator.GetBytes(32);
        ResponseApdu response = card.Send(Apdus.InternalAuthenticate(0x80 | 0x1C, challenge));
        Assert.Equal(0x9000, response.Sw);
        using ECDsa key = certificate.GetECDsaPublicKey()!;
        Assert.True(key.VerifyData(challenge, response.Data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

        // One purpose per key: the RSA AP key does not answer INTERNAL AUTHENTICATE.
        Assert.Equal(0x6985, card.Sw(Apdus.InternalAuthenticate(0x80 | 0x13, challenge)));
        // Nor is the new key reached by COMPUTE DIGITAL SIGNATURE, which names the RSA key with P2 00 only.
        Assert.Equal(0x6A86, card.Sw(Apdus.ComputeSignature(0x80 | 0x1C, new byte[32])));
    }

    [Fact]
    public void A_card_issued_before_the_text_AP_had_its_certificate_fails_verification_with_a_reason()
    {
        TestCard card = fixture.NewCard();
        Assert.True(new CardVerifier(card.Client, fixture.Ca, fixture.CaDirectory, IssuedCardFixture.Clock).VerifyAuthenticity().Genuine);

        // What power-up makes of an older image: the EF there, empty.
        var p = new CardPersonalizer(card.Client, Scp03Keys.Test);
        p.Select(TextAp.Aid);
        p.Card.Expect(Apdus.SelectEf(TextAp.ApAuthCertificate), "SELECT EF 0008");
        p.Card.Expect(Apdus.Erase(), "ERASE 0008");

        VerificationReport report = new CardVerifier(card.Client, fixture.Ca, fixture.CaDirectory, IssuedCardFixture.Clock).VerifyAuthenticity();
        Assert.False(report.Genuine);
        Assert.Contains(report.Checks, c => c.What == "text AP authentication" && !c.Ok && c.Detail.Contains("issue it again", StringComparison.Ordinal));
    }

    [Fact]
    public void The_common_APs_EC_authenticity_key_is_the_card_authentication_key()
    {
        TestCard card = fixture.NewCard();
        card.Send(Apdus.SelectAid(CommonAp.Aid));
        X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(ReadAll(card, CommonAp.CardAuthCertificate));
        byte[] challenge = RandomNumberGenerator.GetBytes(32);
        ResponseApdu response = card.Send(Apdus.InternalAuthenticate(0x80 | CommonAp.CardAuthKey, challenge));
        using ECDsa key = certificate.GetECDsaPublicKey()!;
        Assert.True(key.VerifyData(challenge, response.Data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void A_gen1_text_AP_has_no_INTERNAL_AUTHENTICATE()
    {
        TestCard card = TestCard.Blank();
        card.Send(Apdus.SelectAid(TextAp.Aid));
        Assert.Equal(0x6D00, card.Sw(Apdus.InternalAuthenticate(0x80 | 0x1C, new byte[8])));
    }

    [Fact]
    public void The_signing_password_stands_in_for_the_card_PIN_in_the_JPKI_AP_only()
    {
        TestCard card = fixture.NewCard();
        card.Send(Apdus.SelectAid(JpkiAp.Aid));
        Assert.Equal(0x9000, card.Sw(Apdus.Verify(0x9B, Password)));
        Assert.Equal(0x9000, card.Sw(Apdus.ComputeSignature(0x9C, new byte[32])));

        // The text AP has no signing password: its own data still needs the card PIN.
        card.Send(Apdus.SelectAid(TextAp.Aid));
        Assert.Equal(0x6A88, card.Sw(Apdus.Verify(0x9B, Password)));
        Assert.Equal(0x9000, card.Sw(Apdus.SelectEf(TextAp.MyNumber)));
        Assert.Equal(0x6982, card.Send(Apdus.ReadBinary(0, 0)).Sw);
        Assert.Equal(0x9000, card.Sw(Apdus.Verify(0x91, Pin)));
        Assert.Equal(0x9000, card.Send(Apdus.ReadBinary(0, 0)).Sw);
        card.Send(Apdus.SelectAid(JukiAp.Aid));
        Assert.Equal(0x6A88, card.Sw(Apdus.Verify(0x9B, Password)));
    }

    [Fact]
    public void The_holder_changes_the_PUK_after_verifying_it_and_the_old_one_stops_working()
    {
        TestCard card = fixture.NewCard();
        byte[] newPuk = "24681357"u8.ToArray();
        card.Send(Apdus.SelectAid(JpkiAp.Aid));
        Assert.Equal(0x6982, card.Sw([0x00, 0x24, 0x01, 0x9E, 0x08, .. newPuk]));
        Assert.Equal(0x9000, card.Sw(Apdus.Verify(0x9E, Puk)));
        Assert.Equal(0x6A80, card.Sw([0x00, 0x24, 0x01, 0x9E, 0x04, .. "1234"u8]));
        Assert.Equal(0x9000, card.Sw([0x00, 0x24, 0x01, 0x9E, 0x08, .. newPuk]));

        TestCard after = card.PowerCycle();
        after.Send(Apdus.SelectAid(JpkiAp.Aid));
        Assert.Equal(0x63C9, after.Sw(Apdus.ResetRetryCounter(0x98, Puk, null)));
        Assert.Equal(0x9000, after.Sw(Apdus.ResetRetryCounter(0x98, newPuk, null)));
    }

    private static void AssertWithinLimits(IReadOnlyDictionary<string, X509Certificate2> certificates, DateOnly cardExpiry)
    {
        DateTime cardEnd = Gen2Validity.CardEnd(cardExpiry).UtcDateTime;
        Assert.NotEmpty(certificates);
        foreach (var (role, certificate) in certificates)
        {
            DateTime notAfter = certificate.NotAfter.ToUniversalTime();
            Assert.True(notAfter <= cardEnd, $"{role} ends {notAfter:O}, after the card ({cardEnd:O})");
            if (certificate.GetRSAPublicKey() is not null)
            {
                Assert.True(notAfter <= Gen2Validity.RsaLastValid.UtcDateTime, $"{role} (RSA-2048) ends {notAfter:O}, after 2030");
            }
        }
        Assert.Contains(certificates.Values, c => c.GetRSAPublicKey() is not null);
    }

    private static byte[] ReadAll(TestCard card, short fid) => new CardPersonalizer(card.Client).ReadDer(fid);

}
