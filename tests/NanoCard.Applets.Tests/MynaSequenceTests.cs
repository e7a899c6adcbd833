using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using NanoCard.Applets.CommonCard;
using NanoCard.Applets.Jpki;
using NanoCard.Applets.Text;
using NanoCard.Applets.Visual;
using NanoCard.Issuance;

namespace NanoCard.Applets.Tests;

/// <summary>jpki/myna's commands, APDU by APDU (docs/references.md §5.2), and its older Go version's fixed-size reads.</summary>
[Collection(IssuedCardCollection.Name)]
public sealed class MynaSequenceTests(IssuedCardFixture fixture)
{
    private readonly TestCard card = fixture.NewCard();
    private Persona Persona => fixture.Persona;

    /// <summary>jpki_ap(): SELECT JPKI, SELECT 0006, READ 32 bytes: "JPKIAPICCTOKEN2" space-padded.</summary>
    [Fact]
    public void Token_check()
    {
        SelectJpkiAndCheckToken();
        ResponseApdu token = card.Send("00B0000020");
        Assert.Equal(0x9000, token.Sw);
        Assert.Equal("JPKIAPICCTOKEN2", Encoding.ASCII.GetString(token.Data).TrimEnd(' '));
        Assert.Equal(32, token.Data.Length);
    }

    [Fact]
    public void Token_info_is_the_160_byte_layout()
    {
        SelectJpkiAndCheckToken();
        ResponseApdu token = card.Send("00B0000000");
        Assert.Equal(160, token.Data.Length);
        Assert.Equal(0x0000040Du, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(token.Data.AsSpan(96)));
        Assert.Equal(16u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(token.Data.AsSpan(116)));
        Assert.Equal(6u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(token.Data.AsSpan(120)));
    }

    /// <summary><c>jpki cert -t auth</c>: READ 7, parse the BER header, READ the rest from offset 7.</summary>
    [Fact]
    public void Certificate_read_7_then_rest()
    {
        SelectJpkiAndCheckToken();
        Assert.Equal(0x9000, card.Sw("00A4020C02000A"));
        Assert.Equal(fixture.Issued.AuthCertificate.RawData, ReadAll());
    }

    [Fact]
    public void Signing_certificate_after_the_password()
    {
        SelectJpkiAndCheckToken();
        Assert.Equal(0x9000, card.Sw("00A4020C02001B"));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x80, Persona.SignPassword.ToUpperInvariant())));
        Assert.Equal(0x9000, card.Sw("00A4020C020001"));
        Assert.Equal(fixture.Issued.SignCertificate.RawData, ReadAll());
    }

    /// <summary>MPA's <c>sign</c>: one VERIFY of 001B, then one signature per digest.</summary>
    [Fact]
    public void Mpa_signs_several_digests_after_one_verify()
    {
        SelectJpkiAndCheckToken();
        Assert.Equal(0x9000, card.Sw("00A4020C02001B"));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x80, Persona.SignPassword)));
        Assert.Equal(0x9000, card.Sw("00A4020C020001"));
        Assert.Equal(fixture.Issued.SignCertificate.RawData, ReadAll());
        Assert.Equal(0x9000, card.Sw("00A4020C02001A"));
        using RSA key = fixture.Issued.SignCertificate.GetRSAPublicKey()!;
        for (int i = 0; i < 3; i++)
        {
            byte[] message = [(byte)i, 1, 2];
            ResponseApdu signature = card.Send(Apdus.ComputeSignature(0x80, IssuerSignature.DigestInfo(message)));
            Assert.True(key.VerifyData(message, signature.Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }
        Assert.Equal(0x9000, card.Sw(Apdus.SelectCardManager()));
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(CommonAp.Aid)));
        Assert.Equal(0x9000, card.Sw("00B2010C00"));
    }

    [Fact]
    public void Text_basic_info_is_at_least_256_bytes()
    {
        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(TextAp.Aid)));
        Assert.Equal(0x9000, card.Sw("00A4020C020005"));
        ResponseApdu info = card.Send("00B0000000");
        Assert.Equal(256, info.Data.Length);
        Assert.Equal(new byte[] { 0xFF, 0x40, 0x82 }, info.Data[..3]);
        Assert.Equal("DF410401030E01", Hex.Of(info.Data[5..12]));
    }

    /// <summary><c>text mynumber</c>: SELECT 0011, VERIFY, SELECT 0001, READ 17 bytes.</summary>
    [Fact]
    public void Text_mynumber()
    {
        Assert.Equal(Persona.MyNumber, ReadMyNumber());
    }

    /// <summary><c>text attrs</c>: the four attributes in order, with the offsets pointing at each field.</summary>
    [Fact]
    public void Text_attributes()
    {
        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(TextAp.Aid)));
        Assert.Equal(0x9000, card.Sw("00A4020C020011"));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x80, Persona.Pin)));
        Assert.Equal(0x9000, card.Sw("00A4020C020002"));
        byte[] file = ReadAll();
        var fields = Tlv.Children(file);
        Assert.Equal([0xDF21, 0xDF22, 0xDF23, 0xDF24, 0xDF25], fields.Select(f => f.Tag));
        Assert.Equal(Persona.Name, Encoding.UTF8.GetString(fields[1].Value));
        Assert.Equal(Persona.Address, Encoding.UTF8.GetString(fields[2].Value));
        Assert.Equal("19800217", Encoding.ASCII.GetString(fields[3].Value));
        Assert.Equal(Persona.Sex, Encoding.ASCII.GetString(fields[4].Value));
        for (int i = 1; i < 5; i++)
        {
            int offset = (fields[0].Value[2 * (i - 1)] << 8) | fields[0].Value[2 * i - 1];
            Assert.Equal(fields[i].Offset, offset);
        }
    }

    [Fact]
    public void Visual_basic_info()
    {
        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(VisualAp.Aid)));
        Assert.Equal(0x9000, card.Sw("00A4020C020003"));
        var fields = Tlv.Children(ReadAll());
        Assert.Equal([0xDF31, 0xDF32, 0xDF33, 0xDF34, 0xDF35], fields.Select(f => f.Tag));
        Assert.Equal(Persona.MunicipalityCode, Encoding.ASCII.GetString(fields[3].Value));
    }

    /// <summary><c>visual photo</c>: the number from the text AP opens the visual AP as 照合番号A; the photo is DF27.</summary>
    [Fact]
    public void Visual_photo_with_the_number_as_code_a()
    {
        string number = ReadMyNumber();
        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(VisualAp.Aid)));
        Assert.Equal(0x9000, card.Sw("00A4020C020013"));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x80, number)));
        Assert.Equal(0x9000, card.Sw("00A4020C020002"));
        var fields = Tlv.Children(ReadAll());
        Assert.Equal([0xDF21, 0xDF22, 0xDF23, 0xDF24, 0xDF25, 0xDF26, 0xDF27, 0xDF28, 0xDF29, 0xDF2A], fields.Select(f => f.Tag));
        Assert.Equal(Persona.FacePhoto, fields[6].Value);
        Assert.Equal(Persona.NameImage, fields[4].Value);
        Assert.Equal("20350217", Encoding.ASCII.GetString(fields[8].Value));
    }

    /// <summary><c>pin status</c>: an empty VERIFY of every credential answers 63Cx and uses no try.</summary>
    [Fact]
    public void Pin_status()
    {
        (byte[] Aid, int Fid, int Tries)[] credentials =
        [
            (TextAp.Aid, 0x11, 3), (TextAp.Aid, 0x14, 3), (TextAp.Aid, 0x15, 3),
            (VisualAp.Aid, 0x13, 3), (VisualAp.Aid, 0x12, 3),
            (JpkiAp.Aid, 0x18, 3), (JpkiAp.Aid, 0x1B, 5),
        ];
        for (int round = 0; round < 2; round++)
        {
            foreach (var (aid, fid, tries) in credentials)
            {
                Assert.Equal(0x9000, card.Sw(Hex.SelectAid(aid)));
                Assert.Equal(0x9000, card.Sw(Hex.SelectEf(fid)));
                Assert.Equal(0x63C0 | tries, card.Sw("00200080"));
            }
        }
    }

    /// <summary><c>pin change card|auth|sign</c>: VERIFY old, then <c>00 24 01 80 Lc new</c>; the new value works.</summary>
    [Theory]
    [InlineData("text", 0x11, "1234", "9876")]
    [InlineData("jpki", 0x18, "1234", "4321")]
    [InlineData("jpki", 0x1B, "ABC123XYZ", "NEWPASS99")]
    public void Pin_change(string ap, int fid, string oldValue, string newValue)
    {
        byte[] aid = ap == "text" ? TextAp.Aid : JpkiAp.Aid;
        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(aid)));
        Assert.Equal(0x9000, card.Sw(Hex.SelectEf(fid)));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x80, oldValue)));
        Assert.Equal(0x9000, card.Sw($"00240180{newValue.Length:X2}{Hex.Ascii(newValue)}"));
        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(aid)));
        Assert.Equal(0x9000, card.Sw(Hex.SelectEf(fid)));
        Assert.NotEqual(0x9000, card.Sw(Hex.Verify(0x80, oldValue)));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x80, newValue)));
    }

    /// <summary><c>unknown number</c>: READ RECORD 1 by SFI right after SELECT of the common AP.</summary>
    [Fact]
    public void Common_ap_card_info_record()
    {
        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(CommonAp.Aid)));
        ResponseApdu record = card.Send("00B2010C00");
        Assert.Equal(0x9000, record.Sw);
        Assert.Equal("011C" + Hex.Ascii("400000012719843" + "13101" + "20350217"), Hex.Of(record.Data));
    }

    /// <summary>FIDO host: VERIFY 0018 and sign a SHA-256 DigestInfo with 0017.</summary>
    [Fact]
    public void Fido_host_sign()
    {
        SelectJpkiAndCheckToken();
        Assert.Equal(0x9000, card.Sw("00A4020C020018"));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x80, Persona.Pin)));
        Assert.Equal(0x9000, card.Sw("00A4020C020017"));
        byte[] input = RandomNumberGenerator.GetBytes(40);
        ResponseApdu signature = card.Send(Apdus.ComputeSignature(0x80, IssuerSignature.DigestInfo(input)));
        using RSA key = fixture.Issued.AuthCertificate.GetRSAPublicKey()!;
        Assert.True(key.VerifyData(input, signature.Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    private void SelectJpkiAndCheckToken()
    {
        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(JpkiAp.Aid)));
        Assert.Equal(0x9000, card.Sw("00A4020C020006"));
        Assert.Equal(0x9000, card.Sw("00B0000020"));
    }

    private string ReadMyNumber()
    {
        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(TextAp.Aid)));
        Assert.Equal(0x9000, card.Sw("00A4020C020011"));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x80, Persona.Pin)));
        Assert.Equal(0x9000, card.Sw("00A4020C020001"));
        ResponseApdu file = card.Send("00B0000011");
        Assert.Equal(0x9000, file.Sw);
        Assert.Equal(17, file.Data.Length);
        Assert.Equal("FF100C", Hex.Of(file.Data[..3]));
        Assert.Equal("FFFF", Hex.Of(file.Data[15..]));
        return Encoding.ASCII.GetString(file.Data[3..15]);
    }

    /// <summary>read_binary_all: 7 bytes at 0, the BER header gives the length, the rest from offset 7.</summary>
    private byte[] ReadAll()
    {
        ResponseApdu head = card.Send("00B0000007");
        Assert.Equal(0x9000, head.Sw);
        int total = Tlv.TotalLength(head.Data);
        var content = new List<byte>(head.Data);
        while (content.Count < total)
        {
            int remaining = total - content.Count;
            ResponseApdu chunk = card.Send(Apdus.ReadBinary(content.Count, remaining > 255 ? 0 : remaining));
            Assert.Equal(0x9000, chunk.Sw);
            Assert.NotEmpty(chunk.Data);
            content.AddRange(chunk.Data);
        }
        return [.. content.Take(total)];
    }
}
