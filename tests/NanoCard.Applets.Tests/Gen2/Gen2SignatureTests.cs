using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoCard.Applets.CommonCard;
using NanoCard.Applets.Jpki;
using NanoCard.Issuance;

namespace NanoCard.Applets.Tests.Gen2;

/// <summary>gen2 keys (docs/apdu-spec.md §13): ECDSA r ‖ s over a hash, the RSA keys unchanged at today's FIDs, card and AP authentication.</summary>
[Collection(Gen2CardCollection.Name)]
public sealed class Gen2SignatureTests(Gen2CardFixture fixture)
{
    private static readonly byte[] Message = "gen2 message"u8.ToArray();

    private X509Certificate2 Cert(string role) => fixture.Issued.Certificates[role];

    [Theory]
    [InlineData(0x80 | 0x1C, IssuedGen2Card.EcAuth, "1234")]
    [InlineData(0x80 | 0x1D, IssuedGen2Card.EcSign, "ABC123XYZ")]
    public void EC_signature_over_a_hash_verifies_with_the_certificate_key(int p2, string role, string credential)
    {
        TestCard card = fixture.NewCard();
        card.Send(Apdus.SelectAid(JpkiAp.Aid));
        byte credentialSfi = role == IssuedGen2Card.EcAuth ? (byte)0x98 : (byte)0x9B;
        Assert.Equal(0x6982, card.Sw(Apdus.ComputeSignature((byte)p2, SHA256.HashData(Message))));
        Assert.Equal(0x9000, card.Sw(Apdus.Verify(credentialSfi, System.Text.Encoding.ASCII.GetBytes(credential))));
        ResponseApdu signature = card.Send(Apdus.ComputeSignature((byte)p2, SHA256.HashData(Message)));
        Assert.Equal(0x9000, signature.Sw);
        Assert.Equal(64, signature.Data.Length);
        using ECDsa key = Cert(role).GetECDsaPublicKey()!;
        Assert.True(key.VerifyData(Message, signature.Data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.False(key.VerifyData("other"u8.ToArray(), signature.Data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void EC_signing_takes_exactly_the_curves_hash_length()
    {
        TestCard card = fixture.NewCard();
        card.Send(Apdus.SelectAid(JpkiAp.Aid));
        card.Send(Apdus.Verify(0x9B, "ABC123XYZ"u8.ToArray()));
        Assert.Equal(0x6700, card.Sw(Apdus.ComputeSignature(0x9D, SHA384.HashData(Message))));
        Assert.Equal(0x6700, card.Sw(Apdus.ComputeSignature(0x9D, IssuerSignature.DigestInfo(Message))));
        Assert.Equal(0x9000, card.Sw(Apdus.ComputeSignature(0x9D, SHA256.HashData(Message))));
    }

    [Fact]
    public void RSA_keys_stay_at_todays_FIDs_and_sign_a_DigestInfo()
    {
        TestCard card = fixture.NewCard();
        card.Send(Apdus.SelectAid(JpkiAp.Aid));
        Assert.Equal(0x9000, card.Sw(Apdus.SelectEf(JpkiAp.AuthPin)));
        Assert.Equal(0x9000, card.Sw(Apdus.Verify(0x80, "1234"u8.ToArray())));
        Assert.Equal(0x9000, card.Sw(Apdus.SelectEf(JpkiAp.AuthKey)));
        ResponseApdu signature = card.Send(Apdus.ComputeSignature(0x80, IssuerSignature.DigestInfo(Message)));
        Assert.Equal(0x9000, signature.Sw);
        using RSA key = Cert(IssuedGen2Card.RsaAuth).GetRSAPublicKey()!;
        Assert.True(key.VerifyData(Message, signature.Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        // The certificate OpenSC reads at 000A is the RSA one.
        Assert.Equal(Cert(IssuedGen2Card.RsaAuth).RawData, new CardPersonalizer(card.Client).ReadDer(JpkiAp.AuthCertificate));
    }

    [Fact]
    public void A_verified_signing_password_stands_in_for_the_card_PIN_in_the_same_AP_session()
    {
        TestCard card = fixture.NewCard();
        card.Send(Apdus.SelectAid(JpkiAp.Aid));
        Assert.Equal(0x9000, card.Sw(Apdus.Verify(0x9B, "ABC123XYZ"u8.ToArray())));
        Assert.Equal(0x9000, card.Sw(Apdus.ComputeSignature(0x97, IssuerSignature.DigestInfo(Message))));
        Assert.Equal(0x9000, card.Sw(Apdus.ComputeSignature(0x9C, SHA256.HashData(Message))));
        card.Send(Apdus.SelectAid(JpkiAp.Aid));
        Assert.Equal(0x6982, card.Sw(Apdus.ComputeSignature(0x97, IssuerSignature.DigestInfo(Message))));
    }

    [Fact]
    public void Gen2_certificates_are_valid_at_most_ten_years_and_EC_ones_are_signed_with_ECDSA()
    {
        foreach (X509Certificate2 cert in fixture.Issued.Certificates.Values)
        {
            Assert.InRange((cert.NotAfter - cert.NotBefore).TotalDays, 1, 365.25 * 10 + 1);
        }
        // The sample card expires before ten years are up: its EC certificates end with it (Gen2CorrectionsTests has the rules).
        Assert.Equal(Gen2Validity.CardEnd(fixture.Persona.Expiry).UtcDateTime, Cert(IssuedGen2Card.EcSign).NotAfter.ToUniversalTime());
        Assert.Equal("1.2.840.10045.4.3.3", Cert(IssuedGen2Card.EcSign).SignatureAlgorithm.Value);
        Assert.Equal("1.2.840.113549.1.1.11", Cert(IssuedGen2Card.RsaSign).SignatureAlgorithm.Value);
        Assert.NotNull(fixture.Ca.IssuerOf(Cert(IssuedGen2Card.EcSign)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Card_and_AP_authentication_need_no_PIN_and_verify_under_the_card_CA(bool cardLevel)
    {
        TestCard card = fixture.NewCard();
        card.Send(Apdus.SelectAid(cardLevel ? CommonAp.Aid : JpkiAp.Aid));
        short certificateFid = cardLevel ? CommonAp.CardAuthCertificate : JpkiAp.ApAuthCertificate;
        byte keyP2 = cardLevel ? (byte)0x83 : (byte)0x87;
        var certificate = X509CertificateLoader.LoadCertificate(new CardPersonalizer(card.Client).ReadDer(certificateFid));
        Assert.True(TestCa.SignedBy(certificate, fixture.Ca.Gen2.CardCa.Certificate));
        Assert.False(TestCa.SignedBy(certificate, TestCaGen2.Create(DateTimeOffset.UtcNow).CardCa.Certificate));
        byte[] challenge = RandomNumberGenerator.GetBytes(32);
        ResponseApdu response = card.Send(Apdus.InternalAuthenticate(keyP2, challenge));
        Assert.Equal(0x9000, response.Sw);
        using ECDsa key = certificate.GetECDsaPublicKey()!;
        Assert.True(key.VerifyData(challenge, response.Data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void JPKI_internal_authenticate_answers_only_with_the_AP_authentication_key()
    {
        TestCard card = fixture.NewCard();
        card.Send(Apdus.SelectAid(JpkiAp.Aid));
        Assert.Equal(0x6985, card.Sw(Apdus.InternalAuthenticate(0x9C, [1, 2, 3])));
        Assert.Equal(0x6985, card.Sw(Apdus.InternalAuthenticate(0x97, [1, 2, 3])));
        Assert.Equal(0x9000, card.Sw(Apdus.InternalAuthenticate(0x87, [1, 2, 3])));
    }
}
