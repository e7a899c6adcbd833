using NanoCard.Pkcs11.Native;
using NanoCard.Pkcs11.Tokens;
using static NanoCard.Pkcs11.Tests.ModuleHarness;

namespace NanoCard.Pkcs11.Tests;

[Collection(IssuedCardsCollection.Name)]
public sealed class SlotAndTokenTests(IssuedCards cards)
{
    [Fact]
    public void Each_reader_gives_two_slots_and_only_NanoCards_give_tokens()
    {
        using var h = new ModuleHarness().With("Reader A", cards.Gen1).With("Reader B", cards.Gen2);
        h.Readers.InsertForeign("Reader C");
        h.Started();

        Assert.Equal([0UL, 1, 2, 3, 4, 5], h.Module.GetSlotList(tokenPresent: false));
        Assert.Equal([0UL, 1, 2, 3], h.Module.GetSlotList(tokenPresent: true));
        Assert.Equal("Reader C (authentication)", h.Module.GetSlotInfo(4).Description);
        Assert.Equal(Ckf.RemovableDevice | Ckf.HwSlot, h.Module.GetSlotInfo(4).Flags);
        Assert.Equal(Ckr.TokenNotPresent, Rv(() => h.Module.GetTokenInfo(4)));
        Assert.Equal(Ckr.SlotIdInvalid, Rv(() => h.Module.GetSlotInfo(6)));
    }

    [Fact]
    public void Token_info_names_the_credential_the_generation_and_the_serial()
    {
        using var h = new ModuleHarness().With("Reader A", cards.Gen1).With("Reader B", cards.Gen2).Started();

        TokenInfo gen1Auth = h.Module.GetTokenInfo(ASlotAuth);
        Assert.Equal(("NanoCard authentication PIN", "NanoCard gen1", 4UL, 4UL), (gen1Auth.Label, gen1Auth.Model, gen1Auth.MinPinLength, gen1Auth.MaxPinLength));
        Assert.Equal(cards.Gen1.Persona.Serial, gen1Auth.Serial);
        TokenInfo gen1Sign = h.Module.GetTokenInfo(ASlotSign);
        Assert.Equal(("NanoCard signing password", 6UL, 16UL), (gen1Sign.Label, gen1Sign.MinPinLength, gen1Sign.MaxPinLength));
        TokenInfo gen2Auth = h.Module.GetTokenInfo(BSlotAuth);
        Assert.Equal(("NanoCard card PIN", "NanoCard gen2"), (gen2Auth.Label, gen2Auth.Model));
        ulong expected = Ckf.Rng | Ckf.WriteProtected | Ckf.LoginRequired | Ckf.UserPinInitialized | Ckf.TokenInitialized;
        Assert.Equal(expected, gen1Auth.Flags);
        Assert.Equal(expected, gen2Auth.Flags);
    }

    [Fact]
    public void Mechanisms_are_RSA_on_gen1_and_RSA_and_ECDSA_on_gen2()
    {
        using var h = new ModuleHarness().With("Reader A", cards.Gen1).With("Reader B", cards.Gen2).Started();

        Assert.Equal(Mechanisms.Rsa, h.Module.GetMechanismList(ASlotAuth));
        Assert.Equal([.. Mechanisms.Rsa, .. Mechanisms.Ec], h.Module.GetMechanismList(BSlotSign));
        Assert.Equal((2048UL, 2048UL, Ckf.Hw | Ckf.Sign), h.Module.GetMechanismInfo(BSlotAuth, Ckm.Sha256RsaPkcs));
        Assert.Equal(256UL, h.Module.GetMechanismInfo(BSlotAuth, Ckm.EcdsaSha384).Min);
        Assert.Equal(Ckr.MechanismInvalid, Rv(() => h.Module.GetMechanismInfo(ASlotAuth, Ckm.Ecdsa)));
    }

    [Fact]
    public void Calls_before_C_Initialize_and_after_C_Finalize_answer_not_initialized()
    {
        using var h = new ModuleHarness().With("Reader A", cards.Gen1);
        Assert.Equal(Ckr.CryptokiNotInitialized, Rv(() => h.Module.GetSlotList(false)));
        h.Started();
        Assert.Equal(Ckr.CryptokiAlreadyInitialized, Rv(h.Module.Initialize));
        ulong session = h.Session(ASlotAuth);
        h.Module.Shutdown();
        Assert.True(h.Readers.Disposed);
        Assert.Equal(Ckr.CryptokiNotInitialized, Rv(() => h.Module.GetSessionInfo(session)));
        Assert.Equal(Ckr.CryptokiNotInitialized, Rv(h.Module.Shutdown));
    }

    [Fact]
    public void Random_bytes_come_from_GET_CHALLENGE_in_pieces_of_256()
    {
        using var h = new ModuleHarness().With("Reader A", cards.Gen1).Started();
        ulong session = h.Session(ASlotAuth);
        h.Readers.Commands.Clear();

        byte[] random = h.Module.GenerateRandom(session, 600);

        Assert.Equal(600, random.Length);
        Assert.Equal(3, h.Readers.Commands.Count(c => c[1] == 0x84));
        Assert.NotEqual(random[..32], h.Module.GenerateRandom(session, 32));
    }
}
