using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoCard.Pkcs11.Native;
using NanoCard.Pkcs11.Tokens;
using static NanoCard.Pkcs11.Tests.ModuleHarness;

namespace NanoCard.Pkcs11.Tests;

[Collection(IssuedCardsCollection.Name)]
public sealed class ObjectTests(IssuedCards cards)
{
    private static readonly (ulong, byte[]) Certificates = (Cka.Class, AttributeBytes.Ulong(Cko.Certificate));
    private static readonly (ulong, byte[]) PrivateKeys = (Cka.Class, AttributeBytes.Ulong(Cko.PrivateKey));

    [Fact]
    public void Before_login_a_token_shows_its_free_certificates_and_public_keys_and_the_keys_that_need_no_PIN()
    {
        using var h = new ModuleHarness().With("Reader A", cards.Gen1).With("Reader B", cards.Gen2).Started();

        Assert.Equal(["01", "81"], Ids(h, h.Session(ASlotAuth), Certificates));
        Assert.Empty(h.Find(h.Session(ASlotAuth), PrivateKeys));
        Assert.Equal(["82"], Ids(h, h.Session(ASlotSign), Certificates));
        Assert.Equal(["01", "03", "05", "06", "81", "83"], Ids(h, h.Session(BSlotAuth), Certificates));
        Assert.Equal(["05", "06"], Ids(h, h.Session(BSlotAuth), PrivateKeys));
        Assert.Equal(["82", "84"], Ids(h, h.Session(BSlotSign), Certificates));
    }

    [Fact]
    public void After_login_the_keys_and_the_certificates_that_need_the_password_appear()
    {
        using var h = new ModuleHarness().With("Reader B", cards.Gen2).Started();

        Assert.Equal(["01", "03", "05", "06"], Ids(h, h.Session(BSlotAuth, cards.Gen2.Pin), PrivateKeys));
        ulong sign = h.Session(BSlotSign, cards.Gen2.Password);
        Assert.Equal(["02", "04"], Ids(h, sign, PrivateKeys));
        Assert.Equal(["02", "04", "82", "84"], Ids(h, sign, Certificates));
        Assert.Equal(6, h.Find(sign, (Cka.Id, [0x04])).Length + h.Find(sign, (Cka.Id, [0x02])).Length);

        h.Module.Logout(sign);
        Assert.Equal(["82", "84"], Ids(h, sign, Certificates));
    }

    [Fact]
    public void Attributes_come_from_the_certificates_on_the_card()
    {
        using var h = new ModuleHarness().With("Reader B", cards.Gen2).Started();
        ulong session = h.Session(BSlotAuth, cards.Gen2.Pin);

        foreach (byte id in new byte[] { 0x01, 0x03, 0x05, 0x06 })
        {
            X509Certificate2 issued = cards.Gen2.Certificates[id];
            ulong certificate = h.Find(session, Certificates, (Cka.Id, [id])).Single();
            Assert.Equal(issued.RawData, h.Module.GetAttribute(session, certificate, Cka.Value));
            Assert.Equal(issued.SubjectName.RawData, h.Module.GetAttribute(session, certificate, Cka.Subject));
            Assert.Equal(issued.IssuerName.RawData, h.Module.GetAttribute(session, certificate, Cka.Issuer));
            var serial = new AsnWriter(AsnEncodingRules.DER);
            serial.WriteIntegerUnsigned(issued.SerialNumberBytes.Span);
            Assert.Equal(serial.Encode(), h.Module.GetAttribute(session, certificate, Cka.SerialNumber));

            ulong key = h.Key(session, id);
            Assert.Equal(issued.PublicKey.ExportSubjectPublicKeyInfo(), h.Module.GetAttribute(session, key, Cka.PublicKeyInfo));
            if (id == 0x01)
            {
                RSAParameters p = issued.GetRSAPublicKey()!.ExportParameters(false);
                Assert.Equal(p.Modulus, h.Module.GetAttribute(session, key, Cka.Modulus));
                Assert.Equal(p.Exponent, h.Module.GetAttribute(session, key, Cka.PublicExponent));
            }
            else
            {
                ECParameters p = issued.GetECDsaPublicKey()!.ExportParameters(false);
                var point = new AsnWriter(AsnEncodingRules.DER);
                point.WriteOctetString([0x04, .. p.Q.X!, .. p.Q.Y!]);
                Assert.Equal(point.Encode(), h.Module.GetAttribute(session, key, Cka.EcPoint));
                Assert.Equal(Convert.FromHexString("06082A8648CE3D030107"), h.Module.GetAttribute(session, key, Cka.EcParams));
            }
            Assert.Equal(Ckr.AttributeSensitive, Rv(() => h.Module.GetAttribute(session, key, Cka.Value)));
            Assert.Equal(AttributeBytes.Bool(false), h.Module.GetAttribute(session, key, Cka.Extractable));
            Assert.Null(h.Module.GetAttribute(session, key, 0x12345));
        }
        Assert.Equal("User Authentication Key (ECDSA)"u8.ToArray(), h.Module.GetAttribute(session, h.Key(session, 0x03), Cka.Label));
        Assert.Equal("利用者証明用鍵 (ECDSA)"u8.ToArray(), h.Module.GetAttribute(session, h.Key(session, 0x03), Cka.NanoCardJapaneseLabel));
        Assert.Equal(AttributeBytes.Bool(false), h.Module.GetAttribute(session, h.Key(session, 0x05), Cka.Private));
    }

    [Fact]
    public void Searches_match_every_attribute_of_the_template_and_come_in_pieces()
    {
        using var h = new ModuleHarness().With("Reader B", cards.Gen2).Started();
        ulong session = h.Session(BSlotAuth, cards.Gen2.Pin);

        Assert.Empty(h.Find(session, PrivateKeys, (Cka.Id, [0x02])));
        Assert.Equal(2, h.Find(session, PrivateKeys, (Cka.KeyType, AttributeBytes.Ulong(Ckk.Ec)), (Cka.Private, AttributeBytes.Bool(false))).Length);
        Assert.Equal(14, h.Find(session).Length);

        h.Module.FindObjectsInit(session, []);
        Assert.Equal(Ckr.OperationActive, Rv(() => h.Module.FindObjectsInit(session, [])));
        Assert.Equal(10, h.Module.FindObjects(session, 10).Length);
        Assert.Equal(4, h.Module.FindObjects(session, 10).Length);
        Assert.Empty(h.Module.FindObjects(session, 10));
        h.Module.FindObjectsFinal(session);
        Assert.Equal(Ckr.OperationNotInitialized, Rv(() => h.Module.FindObjects(session, 1)));
        Assert.Equal(Ckr.ObjectHandleInvalid, Rv(() => h.Module.GetAttribute(session, 999_999, Cka.Class)));
    }

    private static string[] Ids(ModuleHarness h, ulong session, params (ulong, byte[])[] template)
        => [.. h.Find(session, template).Select(o => Convert.ToHexString(h.Module.GetAttribute(session, o, Cka.Id)!)).Order()];
}
