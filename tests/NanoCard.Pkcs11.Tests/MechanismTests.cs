using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoCard.Pkcs11.Native;
using static NanoCard.Pkcs11.Tests.ModuleHarness;

namespace NanoCard.Pkcs11.Tests;

/// <summary>Every mechanism with every key it applies to; each signature is verified with the certificate's key by .NET.</summary>
[Collection(IssuedCardsCollection.Name)]
public sealed class MechanismTests(IssuedCards cards)
{
    private static readonly byte[] Message = "Every mechanism, every key"u8.ToArray();

    public static TheoryData<ulong, string> RsaMechanisms => new()
    {
        { Ckm.Sha1RsaPkcs, "SHA1" }, { Ckm.Sha256RsaPkcs, "SHA256" }, { Ckm.Sha384RsaPkcs, "SHA384" }, { Ckm.Sha512RsaPkcs, "SHA512" },
    };

    public static TheoryData<ulong, string> EcMechanisms => new()
    {
        { Ckm.EcdsaSha1, "SHA1" }, { Ckm.EcdsaSha256, "SHA256" }, { Ckm.EcdsaSha384, "SHA384" }, { Ckm.EcdsaSha512, "SHA512" },
    };

    [Theory]
    [MemberData(nameof(RsaMechanisms))]
    public void RSA_keys_sign_with_host_hashing(ulong mechanism, string hash)
    {
        using var h = new ModuleHarness().With("Reader A", cards.Gen1).Started();
        var algorithm = new HashAlgorithmName(hash);
        ulong auth = h.Session(ASlotAuth, cards.Gen1.Pin);
        ulong sign = h.Session(ASlotSign, cards.Gen1.Password);
        Assert.True(Rsa(cards.Gen1, 0x01).VerifyData(Message, h.Sign(auth, mechanism, h.Key(auth, 0x01), Message), algorithm, RSASignaturePadding.Pkcs1));
        Assert.True(Rsa(cards.Gen1, 0x02).VerifyData(Message, h.Sign(sign, mechanism, h.Key(sign, 0x02), Message), algorithm, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void CKM_RSA_PKCS_signs_the_DigestInfo_it_is_given()
    {
        using var h = new ModuleHarness().With("Reader B", cards.Gen2).Started();
        ulong session = h.Session(BSlotAuth, cards.Gen2.Pin);
        byte[] digestInfo = [.. Convert.FromHexString("3031300D060960864801650304020105000420"), .. SHA256.HashData(Message)];

        byte[] signature = h.Sign(session, Ckm.RsaPkcs, h.Key(session, 0x01), digestInfo);

        Assert.True(Rsa(cards.Gen2, 0x01).VerifyData(Message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal(Ckr.DataLenRange, Rv(() => h.Sign(session, Ckm.RsaPkcs, h.Key(session, 0x01), new byte[246])));
        Assert.Equal(Ckr.DataLenRange, Rv(() => h.Sign(session, Ckm.RsaPkcs, h.Key(session, 0x01), [])));
    }

    [Theory]
    [MemberData(nameof(EcMechanisms))]
    public void ECDSA_keys_sign_with_host_hashing_on_both_curves(ulong mechanism, string hash)
    {
        foreach (IssuedCards.Card card in new[] { cards.Gen2, cards.Gen2P384 })
        {
            using var h = new ModuleHarness().With("Reader B", card).Started();
            ulong auth = h.Session(BSlotAuth, card.Pin);
            ulong sign = h.Session(BSlotSign, card.Password);
            Assert.True(Ec(card, 0x03).VerifyData(Message, h.Sign(auth, mechanism, h.Key(auth, 0x03), Message), new HashAlgorithmName(hash)));
            Assert.True(Ec(card, 0x04).VerifyData(Message, h.Sign(sign, mechanism, h.Key(sign, 0x04), Message), new HashAlgorithmName(hash)));
        }
    }

    [Theory]
    [InlineData(20)]
    [InlineData(32)]
    [InlineData(48)]
    [InlineData(64)]
    public void CKM_ECDSA_takes_a_hash_of_any_length_as_ECDSA_defines_it(int length)
    {
        foreach (IssuedCards.Card card in new[] { cards.Gen2, cards.Gen2P384 })
        {
            using var h = new ModuleHarness().With("Reader B", card).Started();
            ulong session = h.Session(BSlotAuth, card.Pin);
            byte[] hash = SHA512.HashData(Message)[..length];

            byte[] signature = h.Sign(session, Ckm.Ecdsa, h.Key(session, 0x03), hash);

            Assert.Equal(card == cards.Gen2 ? 64 : 96, signature.Length);
            Assert.True(Ec(card, 0x03).VerifyHash(hash, signature));
        }
    }

    [Fact]
    public void Authentication_keys_sign_a_challenge_with_the_curve_hash_only()
    {
        foreach (IssuedCards.Card card in new[] { cards.Gen2, cards.Gen2P384 })
        {
            using var h = new ModuleHarness().With("Reader B", card).Started();
            ulong session = h.Session(BSlotAuth);
            (ulong right, ulong wrong, string hash) = card == cards.Gen2 ? (Ckm.EcdsaSha256, Ckm.EcdsaSha384, "SHA256") : (Ckm.EcdsaSha384, Ckm.EcdsaSha256, "SHA384");
            foreach (byte id in new byte[] { 0x05, 0x06 })
            {
                ulong key = h.Key(session, id);
                Assert.True(Ec(card, id).VerifyData(Message, h.Sign(session, right, key, Message), new HashAlgorithmName(hash)));
                Assert.Equal(Ckr.KeyTypeInconsistent, Rv(() => h.Module.SignInit(session, wrong, key)));
                Assert.Equal(Ckr.KeyTypeInconsistent, Rv(() => h.Module.SignInit(session, Ckm.Ecdsa, key)));
                Assert.Equal(Ckr.DataLenRange, Rv(() => h.Sign(session, right, key, new byte[246])));
            }
        }
    }

    [Fact]
    public void Multi_part_signatures_and_the_operation_rules()
    {
        using var h = new ModuleHarness().With("Reader B", cards.Gen2).Started();
        ulong session = h.Session(BSlotAuth, cards.Gen2.Pin);
        ulong key = h.Key(session, 0x03);

        h.Module.SignInit(session, Ckm.EcdsaSha256, key);
        Assert.Equal(Ckr.OperationActive, Rv(() => h.Module.SignInit(session, Ckm.EcdsaSha256, key)));
        Assert.Equal(64, h.Module.SignatureLength(session));
        h.Module.SignUpdate(session, Message[..5]);
        h.Module.SignUpdate(session, Message[5..]);
        Assert.True(Ec(cards.Gen2, 0x03).VerifyData(Message, h.Module.Sign(session, null), HashAlgorithmName.SHA256));
        Assert.Equal(Ckr.OperationNotInitialized, Rv(() => h.Module.Sign(session, Message)));

        Assert.Equal(Ckr.KeyTypeInconsistent, Rv(() => h.Module.SignInit(session, Ckm.Sha256RsaPkcs, key)));
        Assert.Equal(Ckr.MechanismInvalid, Rv(() => h.Module.SignInit(session, 0x1234, key)));
        ulong certificate = h.Find(session, (Cka.Class, Tokens.AttributeBytes.Ulong(Cko.Certificate)), (Cka.Id, [0x03])).Single();
        Assert.Equal(Ckr.KeyFunctionNotPermitted, Rv(() => h.Module.SignInit(session, Ckm.EcdsaSha256, certificate)));
        Assert.Equal(Ckr.DataLenRange, Rv(() => h.Sign(session, Ckm.Ecdsa, key, [])));
    }

    private static RSA Rsa(IssuedCards.Card card, byte id) => card.Certificates[id].GetRSAPublicKey()!;

    private static ECDsa Ec(IssuedCards.Card card, byte id) => card.Certificates[id].GetECDsaPublicKey()!;
}
