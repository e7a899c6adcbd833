using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoCard.Applets.Text;
using NanoCard.Applets.Visual;
using NanoCard.Issuance;

namespace NanoCard.Applets.Tests;

/// <summary>
/// The text and visual AP data verify against the issuer's public key as a client would check
/// them (docs/references.md §3.3–§4.5; NanoCard's choices in apdu-spec §12), and the
/// certificates chain to the test CA.
/// </summary>
[Collection(IssuedCardCollection.Name)]
public sealed class IssuerDataTests(IssuedCardFixture fixture)
{
    private readonly TestCard card = fixture.NewCard();
    private RSA Issuer => fixture.Ca.IssuerKey;

    [Fact]
    public void Text_integrity_record_covers_number_and_attributes()
    {
        OpenText();
        byte[] number = ReadEf(TextAp.MyNumber, physical: true);
        Assert.Equal(17, number.Length);
        byte[] attributes = ReadEf(TextAp.Attributes);
        byte[] integrity = ReadEf(TextAp.Integrity);
        Assert.Equal(336, Tlv.TotalLength(integrity));
        var fields = Tlv.Children(integrity);
        Assert.Equal([0xDF31, 0xDF32, 0xDF33], fields.Select(f => f.Tag));
        Assert.Equal(SHA256.HashData(number), fields[0].Value);
        int start = (attributes[6] << 8) | attributes[7];
        Assert.Equal(SHA256.HashData(attributes[start..Tlv.TotalLength(attributes)]), fields[1].Value);
        Assert.True(IssuerSignature.Verify(Issuer, [.. fields[0].Encoded, .. fields[1].Encoded], fields[2].Value));
        byte[] forged = [.. fields[0].Encoded, .. fields[1].Encoded];
        forged[5] ^= 1;
        Assert.False(IssuerSignature.Verify(Issuer, forged, fields[2].Value));
    }

    [Fact]
    public void Text_cv_certificate_certifies_the_ap_key()
    {
        OpenText();
        byte[] cv = ReadEf(TextAp.Certificate);
        Assert.Equal(568, Tlv.TotalLength(cv));
        var parts = Tlv.Children(cv);
        Assert.Equal([0x5F4E, 0x5F37], parts.Select(p => p.Tag));
        byte[] body = parts[0].Value;
        Assert.Equal(297, body.Length);
        Assert.Equal(CvCertificate.TextApKeyId, body[16..32]);
        Assert.Equal(fixture.Issued.TextApKey.Modulus, body[41..297]);
        Assert.True(IssuerSignature.Verify(Issuer, body, parts[1].Value));

        var signed = Tlv.Children(ReadEf(TextAp.SignedPublicKey));
        Assert.True(IssuerSignature.Verify(Issuer, signed[0].Encoded, signed[1].Value));
    }

    [Fact]
    public void Visual_card_face_signature_covers_three_digests()
    {
        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(VisualAp.Aid)));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x92, fixture.Persona.CodeB)));
        byte[] face = ReadEf(VisualAp.CardFace);
        var f = Tlv.Children(face);
        RSAParameters key = KeyFields(f[3].Value);
        Assert.Equal(Issuer.ExportParameters(false).Modulus, key.Modulus);
        byte[][] segments = [[.. f[1].Encoded, .. f[2].Encoded, .. f[3].Encoded], [.. f[4].Encoded, .. f[5].Encoded], f[6].Encoded];
        Assert.True(IssuerSignature.VerifyDigests(key, f[7].Value, segments));
        segments[2][^1] ^= 1;
        Assert.False(IssuerSignature.VerifyDigests(key, f[7].Value, segments));
    }

    [Fact]
    public void Visual_age_record_and_number_image_are_signed()
    {
        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(VisualAp.Aid)));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x91, fixture.Persona.BirthDateKey)));
        var age = Tlv.Children(ReadEf(VisualAp.AgeRecord));
        Assert.Equal("19800217", System.Text.Encoding.ASCII.GetString(age[0].Value));
        Assert.True(IssuerSignature.Verify(RSA.Create(KeyFields(age[1].Value)), age[0].Encoded, age[2].Value));

        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x93, fixture.Persona.MyNumber)));
        var image = Tlv.Children(ReadEf(VisualAp.MyNumberImage));
        Assert.Equal(fixture.Persona.MyNumberImage, image[0].Value);
        Assert.True(IssuerSignature.Verify(Issuer, image[0].Encoded, image[2].Value));
    }

    [Fact]
    public void Jpki_certificates_chain_to_the_test_ca()
    {
        Assert.True(Chains(fixture.Issued.AuthCertificate, fixture.Ca.AuthCa));
        Assert.True(Chains(fixture.Issued.SignCertificate, fixture.Ca.SignCa));
        Assert.False(Chains(fixture.Issued.AuthCertificate, fixture.Ca.SignCa));
        var names = fixture.Issued.SignCertificate.Extensions["2.5.29.17"];
        Assert.NotNull(names);
        string text = Convert.ToHexString(names!.RawData);
        Assert.Contains(Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(fixture.Persona.Name)), text, StringComparison.Ordinal);
    }

    private static bool Chains(X509Certificate2 certificate, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private void OpenText()
    {
        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(TextAp.Aid)));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x91, fixture.Persona.Pin)));
    }

    /// <summary>The TLV in the EF, or with <paramref name="physical"/> every byte of the EF.</summary>
    private byte[] ReadEf(int fid, bool physical = false)
    {
        Assert.Equal(0x9000, card.Sw(Hex.SelectEf(fid)));
        ResponseApdu whole = card.Send("00B00000000000");
        Assert.Equal(0x9000, whole.Sw);
        return physical ? whole.Data : whole.Data[..Tlv.TotalLength(whole.Data)];
    }

    /// <summary>The <c>90 e, 91 n</c> fields of §4.4.</summary>
    private static RSAParameters KeyFields(byte[] value)
    {
        byte[] wrapped = [0x30, 0x82, (byte)(value.Length >> 8), (byte)value.Length, .. value];
        var fields = Tlv.Children(wrapped);
        Assert.Equal([0x90, 0x91], fields.Select(x => x.Tag));
        return new RSAParameters { Exponent = fields[0].Value, Modulus = fields[1].Value };
    }
}
