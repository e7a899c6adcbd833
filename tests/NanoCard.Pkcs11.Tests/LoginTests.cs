using System.Text;
using NanoCard.Pkcs11.Native;
using NanoCard.Pkcs11.Tokens;
using static NanoCard.Pkcs11.Tests.ModuleHarness;

namespace NanoCard.Pkcs11.Tests;

[Collection(IssuedCardsCollection.Name)]
public sealed class LoginTests(IssuedCards cards)
{
    private static readonly byte[] Message = "NanoCard login test"u8.ToArray();

    [Fact]
    public void Keys_that_need_the_PIN_sign_only_after_login_and_not_after_logout()
    {
        using var h = new ModuleHarness().With("Reader A", cards.Gen1).Started();
        ulong session = h.Session(ASlotAuth, cards.Gen1.Pin);
        ulong key = h.Key(session, 0x01);
        Assert.Equal(256, h.Sign(session, Ckm.Sha256RsaPkcs, key, Message).Length);
        Assert.Equal(Cks.RoUser, h.Module.GetSessionInfo(session).State);

        h.Module.Logout(session);

        Assert.Equal(Cks.RoPublic, h.Module.GetSessionInfo(session).State);
        Assert.Equal(Ckr.KeyHandleInvalid, Rv(() => h.Module.SignInit(session, Ckm.Sha256RsaPkcs, key)));
        Assert.Equal(Ckr.UserNotLoggedIn, Rv(() => h.Module.Logout(session)));
        // The card forgot the verification too: an empty VERIFY answers 63Cx, not 9000.
        Assert.Equal(0x63C3, EmptyVerify(h, "Reader A", 0x98));
    }

    [Fact]
    public void A_wrong_PIN_counts_down_in_the_token_flags_until_the_PIN_is_locked()
    {
        using var h = new ModuleHarness().With("Reader A", cards.Gen1).Started();
        ulong session = h.Session(ASlotAuth);
        byte[] wrong = Wrong(cards.Gen1.Pin);

        Assert.Equal(Ckr.PinIncorrect, Rv(() => h.Module.Login(session, Cku.User, wrong)));
        Assert.Equal(Ckf.UserPinCountLow, h.Module.GetTokenInfo(ASlotAuth).Flags & CounterFlags);
        Assert.Equal(Ckr.PinIncorrect, Rv(() => h.Module.Login(session, Cku.User, wrong)));
        Assert.Equal(Ckf.UserPinCountLow | Ckf.UserPinFinalTry, h.Module.GetTokenInfo(ASlotAuth).Flags & CounterFlags);
        Assert.Equal(Ckr.PinLocked, Rv(() => h.Module.Login(session, Cku.User, wrong)));
        Assert.Equal(Ckf.UserPinLocked, h.Module.GetTokenInfo(ASlotAuth).Flags & CounterFlags);
        Assert.Equal(Ckr.PinLocked, Rv(() => h.Module.Login(session, Cku.User, cards.Gen1.Pin)));
        // The signing password is another credential: its token is untouched.
        Assert.Equal(0UL, h.Module.GetTokenInfo(ASlotSign).Flags & CounterFlags);
    }

    [Fact]
    public void A_PIN_of_the_wrong_format_uses_no_try()
    {
        using var h = new ModuleHarness().With("Reader A", cards.Gen1).Started();
        ulong session = h.Session(ASlotSign);
        Assert.Equal(Ckr.PinIncorrect, Rv(() => h.Module.Login(session, Cku.User, "abc"u8.ToArray())));
        Assert.Equal(0UL, h.Module.GetTokenInfo(ASlotSign).Flags & CounterFlags);
    }

    [Fact]
    public void Login_rules_for_user_types_and_sessions()
    {
        using var h = new ModuleHarness().With("Reader A", cards.Gen1).With("Reader B", cards.Gen2).Started();
        ulong session = h.Session(ASlotAuth, cards.Gen1.Pin);
        Assert.Equal(Ckr.UserAlreadyLoggedIn, Rv(() => h.Module.Login(session, Cku.User, cards.Gen1.Pin)));
        ulong other = h.Session(ASlotAuth);
        Assert.Equal(Cks.RoUser, h.Module.GetSessionInfo(other).State);
        Assert.Equal(Ckr.UserTypeInvalid, Rv(() => h.Module.Login(h.Session(ASlotSign), Cku.So, cards.Gen1.Puk)));
        Assert.Equal(Ckr.UserTypeInvalid, Rv(() => h.Module.Login(session, 7, cards.Gen1.Pin)));
        Assert.Equal(Ckr.SessionParallelNotSupported, Rv(() => h.Module.OpenSession(ASlotAuth, Ckf.RwSession)));

        // Closing the last session of a token logs its user out.
        h.Module.CloseSession(session);
        h.Module.CloseSession(other);
        Assert.Equal(Cks.RoPublic, h.Module.GetSessionInfo(h.Session(ASlotAuth)).State);

        // gen2: the SO is the PUK, and needs read/write sessions only.
        ulong readOnly = h.Session(BSlotAuth);
        Assert.Equal(Ckr.SessionReadOnlyExists, Rv(() => h.Module.Login(h.Session(BSlotAuth, readWrite: true), Cku.So, cards.Gen2.Puk)));
        h.Module.CloseSession(readOnly);
    }

    [Fact]
    public void On_gen2_the_SO_unblocks_the_card_PIN_with_the_PUK()
    {
        using var h = new ModuleHarness().With("Reader B", cards.Gen2).Started();
        ulong session = h.Session(BSlotAuth, readWrite: true);
        byte[] wrong = Wrong(cards.Gen2.Pin);
        for (int i = 0; i < 3; i++)
        {
            Rv(() => h.Module.Login(session, Cku.User, wrong));
        }
        Assert.Equal(Ckf.UserPinLocked, h.Module.GetTokenInfo(BSlotAuth).Flags & CounterFlags);

        Assert.Equal(Ckr.PinIncorrect, Rv(() => h.Module.Login(session, Cku.So, Wrong(cards.Gen2.Puk))));
        Assert.Equal(Ckf.SoPinCountLow, h.Module.GetTokenInfo(BSlotAuth).Flags & (Ckf.SoPinCountLow | Ckf.SoPinFinalTry | Ckf.SoPinLocked));
        h.Module.Login(session, Cku.So, cards.Gen2.Puk);
        Assert.Equal(Cks.RwSo, h.Module.GetSessionInfo(session).State);
        Assert.Equal(Ckr.PinLenRange, Rv(() => h.Module.InitPin(session, "12345"u8.ToArray())));
        Assert.Equal(Ckr.PinInvalid, Rv(() => h.Module.InitPin(session, "12a4"u8.ToArray())));
        h.Module.InitPin(session, "4321"u8.ToArray());
        h.Module.Logout(session);

        Assert.Equal(0UL, h.Module.GetTokenInfo(BSlotAuth).Flags & CounterFlags);
        h.Module.Login(session, Cku.User, "4321"u8.ToArray());
        Assert.Equal(64, h.Sign(session, Ckm.EcdsaSha256, h.Key(session, 0x03), Message).Length);
    }

    [Fact]
    public void C_SetPIN_changes_the_PIN_after_checking_the_old_one()
    {
        using var h = new ModuleHarness().With("Reader A", cards.Gen1).Started();
        ulong session = h.Session(ASlotSign, readWrite: true);
        byte[] newPassword = "NEWPASS42"u8.ToArray();

        Assert.Equal(Ckr.SessionReadOnly, Rv(() => h.Module.SetPin(h.Session(ASlotSign), cards.Gen1.Password, newPassword)));
        Assert.Equal(Ckr.PinInvalid, Rv(() => h.Module.SetPin(session, cards.Gen1.Password, "lower123"u8.ToArray())));
        Assert.Equal(Ckr.PinIncorrect, Rv(() => h.Module.SetPin(session, Wrong(cards.Gen1.Password), newPassword)));
        h.Module.SetPin(session, cards.Gen1.Password, newPassword);

        // Not logged in before, not logged in after: the VERIFY of the old value was cleared.
        Assert.Equal(0x63C5, EmptyVerify(h, "Reader A", 0x9B));
        Assert.Equal(Ckr.PinIncorrect, Rv(() => h.Module.Login(session, Cku.User, cards.Gen1.Password)));
        h.Module.Login(session, Cku.User, newPassword);
        Assert.Equal(256, h.Sign(session, Ckm.Sha256RsaPkcs, h.Key(session, 0x02), Message).Length);
    }

    [Fact]
    public void A_login_survives_another_AP_being_selected_by_verifying_again()
    {
        using var h = new ModuleHarness().With("Reader B", cards.Gen2).Started();
        ulong session = h.Session(BSlotAuth, cards.Gen2.Pin);
        // The card authentication key lives in the common AP: its SELECT clears the JPKI verification.
        Assert.Equal(64, h.Sign(session, Ckm.EcdsaSha256, h.Key(session, 0x05), Message).Length);
        Assert.Equal(64, h.Sign(session, Ckm.EcdsaSha256, h.Key(session, 0x03), Message).Length);
    }

    [Fact]
    public void Another_program_selecting_another_AP_between_calls_does_not_break_a_login()
    {
        using var h = new ModuleHarness().With("Reader B", cards.Gen2).Started();
        ulong session = h.Session(BSlotAuth, cards.Gen2.Pin);
        ulong key = h.Key(session, 0x03);
        using var other = h.Readers.Connect("Reader B")!;

        foreach (string aid in new[] { "D3921000310001010100", "D3921000310001010408", "D392F000260100000001" })
        {
            other.Transmit(Convert.FromHexString("00A4040C0A" + aid));
            Assert.Equal(64, h.Sign(session, Ckm.EcdsaSha256, key, Message).Length);
        }
    }

    private const ulong CounterFlags = Ckf.UserPinCountLow | Ckf.UserPinFinalTry | Ckf.UserPinLocked;

    private static byte[] Wrong(byte[] pin)
    {
        byte[] wrong = (byte[])pin.Clone();
        wrong[0] = (byte)(wrong[0] == (byte)'1' ? '2' : '1');
        return wrong;
    }

    /// <summary>What the card itself says about a PIN right now (empty VERIFY in the JPKI AP, no try used).</summary>
    private static int EmptyVerify(ModuleHarness h, string reader, byte p2)
    {
        using var link = h.Readers.Connect(reader)!;
        byte[] answer = link.Transmit([0x00, 0x20, 0x00, p2]);
        return (answer[^2] << 8) | answer[^1];
    }
}
