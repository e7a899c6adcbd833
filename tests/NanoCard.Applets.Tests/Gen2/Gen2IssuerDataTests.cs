using System.Security.Cryptography;
using NanoCard.Applets.Text;
using NanoCard.Applets.Visual;
using NanoCard.Issuance;

namespace NanoCard.Applets.Tests.Gen2;

/// <summary>
/// gen2 AP data is signed by the issuer's P-384 key with ECDSA, r ‖ s, over the same bytes as gen1,
/// and carries the issuer's EC public key as <c>06 OID, 86 point</c> (docs/apdu-spec.md §13.5).
/// </summary>
[Collection(Gen2CardCollection.Name)]
public sealed class Gen2IssuerDataTests(Gen2CardFixture fixture)
{
    private readonly TestCard card = fixture.NewCard();
    private ECDsa Issuer => fixture.Ca.Gen2.IssuerKey;

    [Fact]
    public void Text_integrity_record_and_signed_key_are_ECDSA_signed()
    {
        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(TextAp.Aid)));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x91, fixture.Persona.Pin)));
        var fields = Tlv.Children(ReadEf(TextAp.Integrity));
        Assert.Equal([0xDF31, 0xDF32, 0xDF33], fields.Select(f => f.Tag));
        Assert.Equal(96, fields[2].Value.Length);
        byte[] signed = [.. fields[0].Encoded, .. fields[1].Encoded];
        Assert.True(EcIssuerSigner.Verify(Issuer, signed, fields[2].Value));
        signed[5] ^= 1;
        Assert.False(EcIssuerSigner.Verify(Issuer, signed, fields[2].Value));
        Assert.False(EcIssuerSigner.Verify(TestCaGen2.Create(DateTimeOffset.UtcNow).IssuerKey, [.. fields[0].Encoded, .. fields[1].Encoded], fields[2].Value));

        var key = Tlv.Children(ReadEf(TextAp.SignedPublicKey));
        Assert.True(EcIssuerSigner.Verify(Issuer, key[0].Encoded, key[1].Value));
        var cv = Tlv.Children(ReadEf(TextAp.Certificate));
        Assert.True(EcIssuerSigner.Verify(Issuer, cv[0].Value, cv[1].Value));
    }

    [Fact]
    public void Visual_card_face_carries_the_EC_issuer_key_and_signs_three_digests()
    {
        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(VisualAp.Aid)));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x92, fixture.Persona.CodeB)));
        var f = Tlv.Children(ReadEf(VisualAp.CardFace));
        var keyFields = Tlv.Children([0x30, (byte)f[3].Value.Length, .. f[3].Value]);
        Assert.Equal([0x06, 0x86], keyFields.Select(k => k.Tag));
        using ECDsa key = EcPublicKeys.FromPoint(EcPublicKeys.P384, keyFields[1].Value);
        Assert.Equal(Issuer.ExportParameters(false).Q.X, key.ExportParameters(false).Q.X);
        byte[][] segments = [[.. f[1].Encoded, .. f[2].Encoded, .. f[3].Encoded], [.. f[4].Encoded, .. f[5].Encoded], f[6].Encoded];
        Assert.True(EcIssuerSigner.VerifyDigests(key, f[7].Value, segments));
        segments[2][^1] ^= 1;
        Assert.False(EcIssuerSigner.VerifyDigests(key, f[7].Value, segments));
    }

    [Fact]
    public void Visual_age_record_is_ECDSA_signed()
    {
        Assert.Equal(0x9000, card.Sw(Hex.SelectAid(VisualAp.Aid)));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x91, fixture.Persona.BirthDateKey)));
        var age = Tlv.Children(ReadEf(VisualAp.AgeRecord));
        Assert.True(EcIssuerSigner.Verify(Issuer, age[0].Encoded, age[2].Value));
    }

    private byte[] ReadEf(int fid)
    {
        Assert.Equal(0x9000, card.Sw(Hex.SelectEf(fid)));
        ResponseApdu whole = card.Send("00B00000000000");
        Assert.Equal(0x9000, whole.Sw);
        return whole.Data[..Tlv.TotalLength(whole.Data)];
    }
}
