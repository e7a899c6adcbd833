using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoCard.Applets.CardManager;
using NanoCard.Applets.Jpki;
using NanoCard.Hal.Crypto.Managed;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Tests;

/// <summary>
/// The card as the device runs it: the issued image booted with ManagedCrypto (the portable C#
/// that stock nanoFramework runs) on the contactless transport (short APDUs, 256-byte frames).
/// Key records written by one engine sign with the other, and a client session allocates nothing.
/// </summary>
[Collection(IssuedCardCollection.Name)]
public sealed class ManagedCryptoSessionTests(IssuedCardFixture fixture)
{
    private (CardRuntime Runtime, CardClient Client) Boot()
    {
        var nvm = new RamNvm((byte[])fixture.Image.Clone(), StoreLayout.DefaultPageSize);
        var card = new SimulatedCard(nvm, new ManagedCrypto(new SystemRandom()), CardConfig.Contactless(), deviceKey: TestCard.DeviceKey);
        return (card.Runtime, card.Client);
    }

    [Fact]
    public void Keys_generated_on_the_host_engine_sign_on_the_managed_one()
    {
        var (_, client) = Boot();
        client.Expect(Apdus.SelectAid(JpkiAp.Aid), "SELECT");
        client.Expect(Apdus.Verify(0x98, System.Text.Encoding.ASCII.GetBytes(fixture.Persona.Pin)), "VERIFY");
        byte[] signature = client.Expect(Apdus.ComputeSignature(0x97, IssuerSignature.DigestInfo("device"u8.ToArray())), "SIGN");
        using RSA key = fixture.Issued.AuthCertificate.GetRSAPublicKey()!;
        Assert.True(key.VerifyData("device"u8.ToArray(), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>A JPKI session (token, certificate, VERIFY, signature) allocates nothing once warmed up.</summary>
    [Fact]
    public void A_session_allocates_nothing()
    {
        var (runtime, _) = Boot();
        byte[][] script =
        [
            Apdus.SelectAid(JpkiAp.Aid), Apdus.SelectEf(0x0006), Apdus.ReadBinary(0, 0x20),
            Apdus.SelectEf(0x000A), Apdus.ReadBinary(0, 0), Apdus.ReadBinary(0x100, 0),
            Apdus.VerifyStatus(0x98), Apdus.Verify(0x98, System.Text.Encoding.ASCII.GetBytes(fixture.Persona.Pin)),
            Apdus.SelectEf(0x0017), Apdus.ComputeSignature(0x80, IssuerSignature.DigestInfo([1, 2, 3])),
            Apdus.GetChallenge(8), Apdus.SelectCardManager(), Apdus.GetData(CardManagerApplet.TagLifeCycle),
        ];
        Assert.Equal(0, SessionAllocation.Measure(runtime, script, 0x9000, 0x63C3));
    }
}
