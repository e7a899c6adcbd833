using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoCard.Applets.CardManager;
using NanoCard.Applets.CommonCard;
using NanoCard.Applets.Jpki;
using NanoCard.Applets.Juki;
using NanoCard.Applets.Text;
using NanoCard.Applets.Visual;
using NanoCard.Issuance;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Tests;

/// <summary>Life cycle, personalization lock, issuer authentication, factory reset, renewal and termination (apdu-spec §10–§11).</summary>
[Collection(IssuedCardCollection.Name)]
public sealed class CardManagerTests(IssuedCardFixture fixture)
{
    private static readonly byte[] TestKey = IssuerKey.TestKey;

    /// <summary>Every personalization command, in every AP and the card manager, as an issuer would send them.</summary>
    public static IEnumerable<(byte[] Aid, string[] Commands)> PersonalizationScript =>
    [
        (JpkiAp.Aid, ["8046000002001700", "8046000002001A00", "00A4020C02000A", "80D6000004DEADBEEF", "800E0000", "80248098040331313131", "00A4020C020018", "80240080050331313131"]),
        (TextAp.Aid, ["8046000002001300", "00A4020C020001", "80D6000003303030", "800E0000", "80240091050331313131"]),
        (VisualAp.Aid, ["00A4020C020002", "80D6000001AA", "800E0000", "8024009306033131313131"]),
        (JukiAp.Aid, ["80E2000803010BAA", "00A4020C020001", "800E0000", "8024009C050331313131"]),
        (CommonAp.Aid, ["8046000002001900", "80E20008020102", "00A4020C020001", "800E0000"]),
        (CardManagerApplet.Aid, ["80DA0045023132", "80DA00F2083230343030313031", "80DA5F520100", "80F0800F", "80F08001", "80F080FF", "80D800001000112233445566778899AABBCCDDEEFF"]),
    ];

    [Fact]
    public void After_issuance_personalization_is_refused_and_changes_nothing()
    {
        TestCard card = fixture.NewCard();
        byte[] before = card.Nvm.Snapshot();
        card.Nvm.ResetCounters();
        foreach (var (aid, commands) in PersonalizationScript)
        {
            Assert.Equal(0x9000, card.Sw(Hex.SelectAid(aid)));
            foreach (string command in commands)
            {
                ushort sw = card.Sw(command);
                bool select = command.StartsWith("00A4", StringComparison.Ordinal);
                Assert.True(select ? sw == 0x9000 : sw is 0x6985 or 0x6982, $"{command} answered {sw:X4}");
            }
        }
        Assert.Equal(0, card.Nvm.TotalPageWrites);
        Assert.Equal(before, card.Nvm.Snapshot());
        Assert.Equal(LifeCycle.Secured, LifeCycleOf(card));
    }

    /// <summary>On a blank card the same commands are open, and SET STATUS refuses to issue an incomplete card.</summary>
    [Fact]
    public void A_blank_card_takes_personalization_but_cannot_be_issued_incomplete()
    {
        TestCard card = TestCard.Blank();
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(JpkiAp.Aid)));
        Assert.Equal(0x6984, card.Sw(Hex.Verify(0x98, "1234")));
        Assert.Equal(0x9000, card.Sw("00A4020C02000A"));
        Assert.Equal(0x9000, card.Sw("80D6000004DEADBEEF"));
        Assert.Equal("DEADBEEFFF", Hex.Of(card.Send("00B0000005").Data));
        Assert.Equal(0x6982, card.Sw("00D6000001AA"));
        Assert.Equal(0x6982, card.Send(Apdus.ComputeSignature(0x97, [1])).Sw);
        Assert.Equal(0x9000, card.Sw(Apdus.SelectCardManager()));
        Assert.Equal(0x6985, card.Sw(Apdus.SetStatus(LifeCycle.Secured)));
        Assert.Equal(LifeCycle.OpReady, LifeCycleOf(card));
    }

    [Fact]
    public void Personalization_values_are_checked()
    {
        TestCard card = TestCard.Blank();
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(JpkiAp.Aid)));
        Assert.Equal(0x6A80, card.Sw(Apdus.PutCredential(0x9B, 5, "lower1"u8.ToArray())));
        Assert.Equal(0x6A80, card.Sw(Apdus.PutCredential(0x98, 16, "1234"u8.ToArray())));
        Assert.Equal(0x6A80, card.Sw(Apdus.PutCredential(0x98, 0, "1234"u8.ToArray())));
        Assert.Equal(0x9000, card.Sw(Apdus.PutCredential(0x98, 7, "1234"u8.ToArray())));
        Assert.Equal(0x63C7, card.Sw("00200098"));
        Assert.Equal(0x6A88, card.Sw(Apdus.GenerateKeyPair(0x000A)));
        Assert.Equal(0x9000, card.Sw(Apdus.SelectCardManager()));
        Assert.Equal(0x6A80, card.Sw(Apdus.PutData(CardData.TagExpiry, "2035"u8.ToArray())));
        Assert.Equal(0x6A88, card.Sw(Apdus.PutData(0x0101, [1])));
        Assert.Equal(0x6A88, card.Sw(Apdus.GetData(CardData.TagSerial)));
        Assert.Equal(0x9000, card.Sw(Apdus.PutData(CardData.TagSerial, "ABC"u8.ToArray())));
        Assert.Equal("414243", Hex.Of(card.Send(Apdus.GetData(CardData.TagSerial)).Data));
    }

    [Fact]
    public void Card_data_is_readable_after_issuance()
    {
        TestCard card = fixture.NewCard();
        Assert.Equal(0x9000, card.Sw(Apdus.SelectCardManager()));
        Assert.Equal(Hex.Ascii(fixture.Persona.Serial), Hex.Of(card.Send(Apdus.GetData(CardData.TagSerial)).Data));
        Assert.Equal(Hex.Ascii("20350217"), Hex.Of(card.Send(Apdus.GetData(CardData.TagExpiry)).Data));
        Assert.Equal("8073C601C0", Hex.Of(card.Send(Apdus.GetData(CardData.TagHistoricalBytes)).Data));
    }

    [Fact]
    public void External_authenticate_needs_a_fresh_challenge_and_the_right_key()
    {
        TestCard card = fixture.NewCard();
        Assert.Equal(0x9000, card.Sw(Apdus.SelectCardManager()));
        Assert.Equal(0x6985, card.Sw(Apdus.ExternalAuthenticate(new byte[16])));

        byte[] challenge = card.Send(Apdus.GetChallenge(16)).Data;
        byte[] wrongKey = (byte[])TestKey.Clone();
        wrongKey[0] ^= 1;
        Assert.Equal(0x6982, card.Sw(Apdus.ExternalAuthenticate(IssuerAuthentication.Cryptogram(wrongKey, challenge))));
        Assert.Equal(0x6985, card.Sw(Apdus.ExternalAuthenticate(IssuerAuthentication.Cryptogram(TestKey, challenge))));
        Assert.Equal(0x6982, card.Sw(Apdus.SetStatus(LifeCycle.OpReady)));

        challenge = card.Send(Apdus.GetChallenge(16)).Data;
        Assert.Equal(0x9000, card.Sw(Apdus.GetData(CardManagerApplet.TagLifeCycle)));
        Assert.Equal(0x6985, card.Sw(Apdus.ExternalAuthenticate(IssuerAuthentication.Cryptogram(TestKey, challenge))));

        challenge = card.Send(Apdus.GetChallenge(8)).Data;
        Assert.Equal(0x6985, card.Sw(Apdus.ExternalAuthenticate(IssuerAuthentication.Cryptogram(TestKey, [.. challenge, .. challenge]))));

        IssuerAuthentication.Authenticate(card.Client, TestKey);
        TestCard afterReset = card.PowerCycle();
        Assert.Equal(0x9000, afterReset.Sw(Apdus.SelectCardManager()));
        Assert.Equal(0x6982, afterReset.Sw(Apdus.SetStatus(LifeCycle.OpReady)));
        Assert.Equal(LifeCycle.Secured, LifeCycleOf(afterReset));
    }

    /// <summary>Factory reset erases every file, PIN and key; the card can then be issued again, as new.</summary>
    [Fact]
    public void Factory_reset_then_issue_again()
    {
        TestCard card = fixture.NewCard();
        Assert.Equal(0x9000, card.Sw(Apdus.SelectCardManager()));
        IssuerAuthentication.Authenticate(card.Client, TestKey);
        Assert.Equal(0x9000, card.Sw(Apdus.SetStatus(LifeCycle.OpReady)));
        Assert.Equal(LifeCycle.OpReady, LifeCycleOf(card));
        AssertErased(card);

        TestCard rebooted = card.PowerCycle();
        AssertErased(rebooted);
        IssuedCard again = new Gen1Issuer(rebooted.Client, fixture.Ca, IssuedCardFixture.Clock).Issue(fixture.Persona);
        Assert.NotEqual(fixture.Issued.AuthCertificate.GetPublicKey(), again.AuthCertificate.GetPublicKey());
        Assert.Equal(0x9000, rebooted.Sw(Apdus.SelectAid(JpkiAp.Aid)));
        Assert.Equal(0x9000, rebooted.Sw(Hex.Verify(0x98, fixture.Persona.Pin)));
        ResponseApdu signature = rebooted.Send(Apdus.ComputeSignature(0x97, IssuerSignature.DigestInfo("again"u8.ToArray())));
        using RSA key = again.AuthCertificate.GetRSAPublicKey()!;
        Assert.True(key.VerifyData("again"u8.ToArray(), signature.Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>Renewal: an authenticated issuer may regenerate a key and rewrite its certificate on an issued card.</summary>
    [Fact]
    public void Renewal_after_issuer_authentication()
    {
        TestCard card = fixture.NewCard();
        Assert.Equal(0x9000, card.Sw(Apdus.SelectCardManager()));
        IssuerAuthentication.Authenticate(card.Client, TestKey);
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(JpkiAp.Aid)));
        ResponseApdu generated = card.Send(Apdus.GenerateKeyPair(JpkiAp.AuthKey));
        Assert.Equal(0x9000, generated.Sw);
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x98, fixture.Persona.Pin)));
        ResponseApdu signature = card.Send(Apdus.ComputeSignature(0x97, IssuerSignature.DigestInfo("renewed"u8.ToArray())));
        using RSA key = RSA.Create(new RSAParameters { Modulus = generated.Data[9..265], Exponent = generated.Data[267..270] });
        Assert.True(key.VerifyData("renewed"u8.ToArray(), signature.Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal(LifeCycle.Secured, LifeCycleOf(card));
    }

    [Fact]
    public void Put_key_replaces_the_issuer_key()
    {
        TestCard card = fixture.NewCard();
        Assert.Equal(0x9000, card.Sw(Apdus.SelectCardManager()));
        byte[] newKey = RandomNumberGenerator.GetBytes(16);
        Assert.Equal(0x6982, card.Sw(Apdus.PutKey(newKey)));
        IssuerAuthentication.Authenticate(card.Client, TestKey);
        Assert.Equal(0x9000, card.Sw(Apdus.PutKey(newKey)));
        TestCard rebooted = card.PowerCycle();
        Assert.Equal(0x9000, rebooted.Sw(Apdus.SelectCardManager()));
        Assert.Throws<CardException>(() => IssuerAuthentication.Authenticate(rebooted.Client, TestKey));
        IssuerAuthentication.Authenticate(rebooted.Client, newKey);
    }

    /// <summary>
    /// The issuer key's sealed record (docs/security.md, "Secrets at rest"): edited by someone who
    /// can write the memory, it authenticates nobody, neither the key it held nor the manufacture key.
    /// </summary>
    [Fact]
    public void An_issuer_key_record_that_does_not_open_authenticates_nobody()
    {
        TestCard card = fixture.NewCard();
        Assert.Equal(0x9000, card.Sw(Apdus.SelectCardManager()));
        IssuerAuthentication.Authenticate(card.Client, TestKey);
        byte[] newKey = RandomNumberGenerator.GetBytes(16);
        Assert.Equal(0x9000, card.Sw(Apdus.PutKey(newKey)));

        byte[] image = card.Nvm.Snapshot();
        var store = new CardStore(new NanoCard.Hal.Host.Storage.RamNvm((byte[])image.Clone(), StoreLayout.DefaultPageSize), StoreLayout.Default());
        StoreObject issuerKey = StoreDirectory.Find(store, 0x00F0, 0x0002);
        int address = issuerKey.Address, size = issuerKey.Size;
        Assert.Equal(SecretSeal.Sealed, image[address]);
        // The redo journal may still hold the record's last write, and a power-up would put it back:
        // the damage goes to every copy, as an attacker's would.
        byte[] sealedRecord = image[address..(address + size)];
        int copies = 0;
        for (int at = image.AsSpan().IndexOf(sealedRecord); at >= 0; at = image.AsSpan(at + 1).IndexOf(sealedRecord) is int next and >= 0 ? at + 1 + next : -1)
        {
            copies++;
            image[at + SecretSeal.HeaderLength + 3] ^= 0x01;
        }
        Assert.True(copies >= 1);

        var damaged = new TestCard(new NanoCard.Hal.Host.Storage.RamNvm(image, StoreLayout.DefaultPageSize));
        Assert.Equal(0x9000, damaged.Sw(Apdus.SelectCardManager()));
        foreach (byte[] key in new[] { newKey, TestKey })
        {
            byte[] challenge = damaged.Send(Apdus.GetChallenge(16)).Data;
            Assert.Equal(0x6982, damaged.Sw(Apdus.ExternalAuthenticate(IssuerAuthentication.Cryptogram(key, challenge))));
        }
    }

    [Fact]
    public void Termination_is_final()
    {
        TestCard card = fixture.NewCard();
        Assert.Equal(0x9000, card.Sw(Apdus.SelectCardManager()));
        Assert.Equal(0x6982, card.Sw(Apdus.SetStatus(LifeCycle.Terminated)));
        IssuerAuthentication.Authenticate(card.Client, TestKey);
        Assert.Equal(0x9000, card.Sw(Apdus.SetStatus(LifeCycle.Terminated)));
        TestCard rebooted = card.PowerCycle();
        foreach (byte[] aid in ApduSpec.Aids.Values)
        {
            Assert.Equal(0x6999, rebooted.Sw(Apdus.SelectAid(aid)));
        }
        Assert.Equal(0x9000, rebooted.Sw(Apdus.SelectCardManager()));
        Assert.Equal(LifeCycle.Terminated, LifeCycleOf(rebooted));
        byte[] challenge = rebooted.Send(Apdus.GetChallenge(16)).Data;
        Assert.Equal(0x6985, rebooted.Sw(Apdus.ExternalAuthenticate(IssuerAuthentication.Cryptogram(TestKey, challenge))));
        Assert.Equal(0x6985, rebooted.Sw(Apdus.SetStatus(LifeCycle.OpReady)));
    }

    [Fact]
    public void Issuing_a_card_that_is_not_blank_fails()
    {
        TestCard card = fixture.NewCard();
        Assert.Throws<InvalidOperationException>(() => new Gen1Issuer(card.Client, fixture.Ca, IssuedCardFixture.Clock).Issue(fixture.Persona));
    }

    internal static byte LifeCycleOf(TestCard card)
    {
        Assert.Equal(0x9000, card.Sw(Apdus.SelectCardManager()));
        return card.Send(Apdus.GetData(CardManagerApplet.TagLifeCycle)).Data.Single();
    }

    /// <summary>A factory-fresh card: EFs hold their filler, PINs have no value, keys are gone, card data unset.</summary>
    internal static void AssertErased(TestCard card)
    {
        Assert.Equal(LifeCycle.OpReady, LifeCycleOf(card));
        Assert.Equal(0x6A88, card.Sw(Apdus.GetData(CardData.TagSerial)));
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(JpkiAp.Aid)));
        Assert.Equal(0x9000, card.Sw("00A4020C02000A"));
        Assert.All(card.Send("00B00000000000").Data, b => Assert.Equal(0xFF, b));
        Assert.Equal(0x6984, card.Sw(Hex.Verify(0x98, "1234")));
        Assert.Equal(0x6982, card.Send(Apdus.ComputeSignature(0x97, [1])).Sw);
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(CommonAp.Aid)));
        Assert.Equal(0x6A83, card.Sw("00B2010C00"));
        Assert.Equal(0x6A88, card.Send(Apdus.InternalAuthenticate(0x99, [1, 2])).Sw);
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(TextAp.Aid)));
        Assert.Equal(0x6A88, card.Send(Apdus.ComputeSignature(0x00, [1])).Sw);
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(VisualAp.Aid)));
        Assert.Equal(0x6984, card.Sw(Hex.Verify(0x93, "123456789012")));
    }
}
