using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoCard.Applets.Jpki;
using NanoCard.Issuance;

namespace NanoCard.Applets.Tests;

/// <summary>OpenSC's jpki driver and PKCS#15 emulator, APDU by APDU (docs/references.md §5.1).</summary>
[Collection(IssuedCardCollection.Name)]
public sealed class OpenScSequenceTests(IssuedCardFixture fixture)
{
    private readonly TestCard card = fixture.NewCard();

    /// <summary>The driver's match and the emulator's bind: both empty VERIFYs must answer 63Cx.</summary>
    [Fact]
    public void Match_and_bind()
    {
        Assert.Equal(0x9000, card.Sw("00A4040C0AD392F000260100000001"));
        Assert.Equal(0x9000, card.Sw("00A4040C0AD392F000260100000001"));
        Assert.Equal(0x9000, card.Sw("00A4020C020018"));
        Assert.Equal(0x63C3, card.Sw("00200080"));
        Assert.Equal(0x9000, card.Sw("00A4020C02001B"));
        Assert.Equal(0x63C5, card.Sw("00200080"));
    }

    /// <summary>A certificate read: 4-byte header probe (size = HHLL + 4), then 256-byte chunks from 0.</summary>
    [Theory]
    [InlineData(JpkiAp.AuthCertificate)]
    [InlineData(JpkiAp.AuthCaCertificate)]
    [InlineData(JpkiAp.SignCaCertificate)]
    public void Public_certificates_read_in_256_byte_chunks(short fid)
    {
        Assert.Equal(0x9000, card.Sw("00A4040C0AD392F000260100000001"));
        byte[] certificate = ReadCertificate(fid);
        var expected = fid switch
        {
            JpkiAp.AuthCertificate => fixture.Issued.AuthCertificate.RawData,
            JpkiAp.AuthCaCertificate => fixture.Ca.AuthCa.RawData,
            _ => fixture.Ca.SignCa.RawData,
        };
        Assert.Equal(expected, certificate);
    }

    [Fact]
    public void The_signing_certificate_needs_the_password()
    {
        Assert.Equal(0x9000, card.Sw("00A4040C0AD392F000260100000001"));
        Assert.Equal(0x9000, card.Sw("00A4020C020001"));
        Assert.Equal(0x6982, card.Sw("00B0000004"));
        Assert.Equal(0x9000, card.Sw("00A4020C02001B"));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x80, fixture.Persona.SignPassword)));
        Assert.Equal(fixture.Issued.SignCertificate.RawData, ReadCertificate(JpkiAp.SignCertificate));
    }

    [Fact]
    public void Login_and_sign_with_the_authentication_key()
    {
        Assert.Equal(0x9000, card.Sw("00A4040C0AD392F000260100000001"));
        Assert.Equal(0x9000, card.Sw("00A4020C020018"));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x80, fixture.Persona.Pin)));
        Assert.Equal(0x9000, card.Sw("00A4020C020017"));
        byte[] message = "login challenge"u8.ToArray();
        ResponseApdu signature = card.Send(Apdus.ComputeSignature(0x80, IssuerSignature.DigestInfo(message)));
        Assert.Equal(0x9000, signature.Sw);
        Assert.Equal(256, signature.Data.Length);
        using RSA key = fixture.Issued.AuthCertificate.GetRSAPublicKey()!;
        Assert.True(key.VerifyData(message, signature.Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>The signing key is always-authenticate: VERIFY 001B, SELECT 001A, sign, and again for the next signature.</summary>
    [Fact]
    public void Sign_with_the_signing_key_after_the_password()
    {
        Assert.Equal(0x9000, card.Sw("00A4040C0AD392F000260100000001"));
        Assert.Equal(0x9000, card.Sw("00A4020C02001B"));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x80, fixture.Persona.SignPassword)));
        Assert.Equal(0x9000, card.Sw("00A4020C02001A"));
        foreach (string text in new[] { "document one", "document two" })
        {
            byte[] message = System.Text.Encoding.UTF8.GetBytes(text);
            ResponseApdu signature = card.Send(Apdus.ComputeSignature(0x80, IssuerSignature.DigestInfo(message)));
            Assert.Equal(0x9000, signature.Sw);
            using RSA key = fixture.Issued.SignCertificate.GetRSAPublicKey()!;
            Assert.True(key.VerifyData(message, signature.Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }
    }

    [Fact]
    public void Logout_is_a_reselect_of_the_ap()
    {
        Assert.Equal(0x9000, card.Sw("00A4040C0AD392F000260100000001"));
        Assert.Equal(0x9000, card.Sw("00A4020C020018"));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x80, fixture.Persona.Pin)));
        Assert.Equal(0x9000, card.Sw("00A4040C0AD392F000260100000001"));
        Assert.Equal(0x9000, card.Sw("00A4020C020017"));
        Assert.Equal(0x6982, card.Send(Apdus.ComputeSignature(0x80, IssuerSignature.DigestInfo([1, 2, 3]))).Sw);
    }

    private byte[] ReadCertificate(short fid)
    {
        Assert.Equal(0x9000, card.Sw(Hex.SelectEf(fid)));
        ResponseApdu header = card.Send("00B0000004");
        Assert.Equal(0x9000, header.Sw);
        Assert.Equal(0x30, header.Data[0]);
        Assert.Equal(0x82, header.Data[1]);
        int size = ((header.Data[2] << 8) | header.Data[3]) + 4;
        var content = new List<byte>();
        while (content.Count < size)
        {
            int le = Math.Min(256, size - content.Count);
            ResponseApdu chunk = card.Send(Apdus.ReadBinary(content.Count, le & 0xFF));
            Assert.Equal(0x9000, chunk.Sw);
            content.AddRange(chunk.Data);
        }
        return [.. content];
    }
}
