using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoCard.Applets.CommonCard;
using NanoCard.Applets.Jpki;
using NanoCard.Hal.Crypto.Managed;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Tests.Gen2;

/// <summary>
/// The gen2 card as the device runs it: the issued image booted with ManagedCrypto on the
/// contactless transport. EC keys made by the host engine sign on the managed one (P-256 here,
/// P-384 in <see cref="Gen2CurveTests"/>), and an ECDSA session allocates nothing.
/// </summary>
[Collection(Gen2CardCollection.Name)]
public sealed class Gen2DeviceTests(Gen2CardFixture fixture)
{
    private SimulatedCard Boot() => new(new RamNvm((byte[])fixture.Image.Clone(), StoreLayout.DefaultPageSize),
        new ManagedCrypto(new SystemRandom()), CardConfig.Contactless(), deviceKey: TestCard.DeviceKey);

    [Fact]
    public void Host_made_EC_keys_sign_on_the_managed_engine_over_short_APDUs()
    {
        CardClient client = Boot().Client;
        client.Expect(Apdus.SelectAid(CommonAp.Aid), "SELECT");
        byte[] challenge = RandomNumberGenerator.GetBytes(16);
        byte[] signature = client.Expect(Apdus.InternalAuthenticate(0x83, challenge), "INTERNAL AUTHENTICATE");
        using ECDsa key = fixture.Issued.Certificates[IssuedGen2Card.CardAuth].GetECDsaPublicKey()!;
        Assert.True(key.VerifyData(challenge, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void An_ECDSA_session_allocates_nothing()
    {
        SimulatedCard card = Boot();
        byte[] pin = System.Text.Encoding.ASCII.GetBytes(fixture.Persona.Pin);
        byte[][] script =
        [
            Apdus.SelectAid(JpkiAp.Aid), Apdus.VerifyStatus(0x98), Apdus.Verify(0x98, pin),
            Apdus.ComputeSignature(0x9C, new byte[32]), Apdus.InternalAuthenticate(0x87, [1, 2, 3, 4]),
            Apdus.SelectAid(CommonAp.Aid), Apdus.InternalAuthenticate(0x83, [5, 6, 7, 8]),
        ];
        Assert.Equal(0, SessionAllocation.Measure(card.Runtime, script, 0x9000, 0x63C3));
    }
}

/// <summary>A gen2 card issued on P-384: its EC keys sign a 48-byte SHA-384 hash, r ‖ s of 96 bytes.</summary>
public sealed class Gen2CurveTests
{
    [Fact]
    public void A_P384_card_signs_SHA384_hashes()
    {
        string caDirectory = Directory.CreateTempSubdirectory("nanocard-p384-").FullName;
        try
        {
            TestCard card = TestCard.Blank(profile: MynaCard.Gen2);
            Persona persona = SamplePersona.CreateGen2("P-384");
            TestCa ca = TestCa.OpenOrCreate(caDirectory, DateTimeOffset.UtcNow);
            IssuedGen2Card issued = new Gen2Issuer(card.Client, ca, new CaArchive(caDirectory, ca), TimeProvider.System).Issue(persona);
            byte[] message = "P-384"u8.ToArray();
            card.Send(Apdus.SelectAid(JpkiAp.Aid));
            card.Send(Apdus.Verify(0x9B, "ABC123XYZ"u8.ToArray()));
            Assert.Equal(0x6700, card.Sw(Apdus.ComputeSignature(0x9D, SHA256.HashData(message))));
            ResponseApdu signature = card.Send(Apdus.ComputeSignature(0x9D, SHA384.HashData(message)));
            Assert.Equal(0x9000, signature.Sw);
            Assert.Equal(96, signature.Data.Length);
            using ECDsa key = issued.Certificates[IssuedGen2Card.EcSign].GetECDsaPublicKey()!;
            Assert.Equal(384, key.KeySize);
            Assert.True(key.VerifyData(message, signature.Data, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
            // On the managed engine too (the device's).
            var device = new SimulatedCard(new RamNvm(card.Nvm.Snapshot(), StoreLayout.DefaultPageSize), new ManagedCrypto(new SystemRandom()), CardConfig.Contactless(), deviceKey: TestCard.DeviceKey);
            device.Client.Expect(Apdus.SelectAid(CommonAp.Aid), "SELECT");
            byte[] challenge = [9, 8, 7];
            byte[] answer = device.Client.Expect(Apdus.InternalAuthenticate(0x83, challenge), "INTERNAL AUTHENTICATE");
            using ECDsa cardKey = issued.Certificates[IssuedGen2Card.CardAuth].GetECDsaPublicKey()!;
            Assert.True(cardKey.VerifyData(challenge, answer, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        }
        finally
        {
            Directory.Delete(caDirectory, recursive: true);
        }
    }
}
