using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using NanoCard.Applets.CommonCard;
using NanoCard.Applets.Jpki;
using NanoCard.Applets.Juki;
using NanoCard.Applets.Text;
using NanoCard.Applets.Visual;
using NanoCard.Issuance;

namespace NanoCard.Applets.Tests;

/// <summary>jsapdu, the Android signer, SOL's P2-named keys and the 住基/common AP commands (docs/references.md §5.3, §3.5–3.6).</summary>
[Collection(IssuedCardCollection.Name)]
public sealed class OtherClientTests(IssuedCardFixture fixture)
{
    private readonly TestCard card = fixture.NewCard();

    /// <summary>jsapdu: VERIFY by SFI (P2 = 80|SFI) without SELECT EF, then READ BINARY by SFI with extended Le 0000: the whole EF.</summary>
    [Fact]
    public void Jsapdu_verify_by_sfi_and_extended_read()
    {
        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(TextAp.Aid)));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x91, fixture.Persona.Pin)));
        ResponseApdu whole = card.Send("00B08100000000");
        Assert.Equal(0x9000, whole.Sw);
        Assert.Equal(TextAp.MyNumberSize, whole.Data.Length);
        ResponseApdu attributes = card.Send("00B08200000000");
        Assert.Equal(0x9000, attributes.Sw);
        Assert.Equal(TextAp.AttributesSize, attributes.Data.Length);

        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(VisualAp.Aid)));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x93, fixture.Persona.MyNumber)));
        Assert.Equal(VisualAp.CardFaceSize, card.Send("00B08200000000").Data.Length);

        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(JpkiAp.Aid)));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x98, fixture.Persona.Pin)));
    }

    /// <summary>The Android signer: case-1 VERIFY for the status, an 8-byte header probe, 255-byte chunks, sign.</summary>
    [Fact]
    public void Android_signer()
    {
        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(JpkiAp.Aid)));
        Assert.Equal(0x9000, card.Sw("00A4020C02001B"));
        Assert.Equal(0x63C5, card.Sw("00200080"));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x80, fixture.Persona.SignPassword)));
        Assert.Equal(0x9000, card.Sw("00A4020C020001"));
        ResponseApdu probe = card.Send("00B0000008");
        int total = Tlv.TotalLength(probe.Data);
        var cert = new List<byte>();
        while (cert.Count < total)
        {
            cert.AddRange(card.Send(Apdus.ReadBinary(cert.Count, Math.Min(255, total - cert.Count))).Data);
        }
        Assert.Equal(fixture.Issued.SignCertificate.RawData, cert.ToArray());
        Assert.Equal(0x9000, card.Sw("00A4020C02001A"));
        byte[] digestInfo = IssuerSignature.DigestInfo("pdf"u8.ToArray());
        Assert.Equal(51, digestInfo.Length);
        ResponseApdu signature = card.Send(Apdus.ComputeSignature(0x80, digestInfo));
        using RSA key = fixture.Issued.SignCertificate.GetRSAPublicKey()!;
        Assert.True(key.VerifyData("pdf"u8.ToArray(), signature.Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>SOL: the key named in P2 (97 auth, 9A sign) gives the same signature as SELECT EF + P2 80.</summary>
    [Theory]
    [InlineData(0x18, 0x17, "1234")]
    [InlineData(0x1B, 0x1A, "ABC123XYZ")]
    public void Key_named_in_p2_signs_like_the_selected_key(int pin, int keyFid, string value)
    {
        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(JpkiAp.Aid)));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x80 | pin, value)));
        byte[] block = IssuerSignature.DigestInfo("same"u8.ToArray());
        ResponseApdu named = card.Send(Apdus.ComputeSignature((byte)(0x80 | keyFid), block));
        Assert.Equal(0x9000, named.Sw);
        Assert.Equal(0x9000, card.Sw(Hex.SelectEf(keyFid)));
        ResponseApdu selected = card.Send(Apdus.ComputeSignature(0x80, block));
        Assert.Equal(named.Data, selected.Data);
    }

    /// <summary>The common AP's key answers INTERNAL AUTHENTICATE with no credential: DigestInfo(SHA-256(challenge)), deterministic.</summary>
    [Fact]
    public void Common_ap_internal_authenticate()
    {
        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(CommonAp.Aid)));
        byte[] challenge = RandomNumberGenerator.GetBytes(32);
        ResponseApdu first = card.Send(Apdus.InternalAuthenticate(0x99, challenge));
        Assert.Equal(0x9000, first.Sw);
        using RSA key = RSA.Create(fixture.Issued.CommonApKey);
        Assert.True(key.VerifyData(challenge, first.Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal(0x9000, card.Sw("00A4020C020019"));
        Assert.Equal(first.Data, card.Send(Apdus.InternalAuthenticate(0x80, challenge)).Data);
    }

    /// <summary>The text AP's own key signs with <c>80 2A 00 00</c> and no credential; its public half is in EF 0007, signed by the issuer.</summary>
    [Fact]
    public void Text_ap_key_signs_without_credential()
    {
        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(TextAp.Aid)));
        byte[] block = IssuerSignature.DigestInfo("presence"u8.ToArray());
        ResponseApdu signature = card.Send(Apdus.ComputeSignature(0x00, block));
        Assert.Equal(0x9000, signature.Sw);
        using RSA key = RSA.Create(fixture.Issued.TextApKey);
        Assert.True(key.VerifyData("presence"u8.ToArray(), signature.Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Juki_resident_code_and_change_key()
    {
        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(JukiAp.Aid)));
        Assert.Equal(0x6982, card.Sw("00B2010C00"));
        Assert.Equal(0x9000, card.Sw("00A4020C02001C"));
        Assert.Equal(0x6982, card.Sw("8032008004" + Hex.Ascii("5555")));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x80, "1234")));
        Assert.Equal(0x9000, card.Sw("8032008004" + Hex.Ascii("5555")));
        ResponseApdu record = card.Send("00B2010C00");
        Assert.Equal("010B" + Hex.Ascii(fixture.Persona.ResidentCode), Hex.Of(record.Data));
        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(JukiAp.Aid)));
        Assert.Equal(0x63C2, card.Sw(Hex.Verify(0x9C, "1234")));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x9C, "5555")));
    }

    /// <summary>GET CHALLENGE answers in every AP and with no AP selected; extended Le is refused (6985).</summary>
    [Fact]
    public void Get_challenge_everywhere()
    {
        Assert.Equal(8, card.Send("0084000008").Data.Length);
        foreach (byte[] aid in new[] { JpkiAp.Aid, TextAp.Aid, VisualAp.Aid, JukiAp.Aid, CommonAp.Aid })
        {
            Assert.Equal(0x9000, card.Sw(Hex.SelectAid(aid)));
            ResponseApdu challenge = card.Send("0084000000");
            Assert.Equal(0x9000, challenge.Sw);
            Assert.Equal(256, challenge.Data.Length);
        }
        Assert.Equal(0x6985, card.Sw("00840000000100"));
        Assert.Equal(0x6A86, card.Sw("0084000108"));
        Assert.Equal(0x6700, card.Sw("0084000001AA"));
    }

    /// <summary>A DF name prefix selects the first AP it starts (JICSAP 4.2, §3.1).</summary>
    [Fact]
    public void Select_by_prefix()
    {
        Assert.Equal(0x9000, card.Sw("00A4040C07D392F000260100"));
        Assert.Equal(0x9000, card.Sw("00A4020C020006"));
    }
}
