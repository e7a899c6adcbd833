using NanoCard.Os.Credentials;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Os.Tests;

/// <summary>VERIFY, try counters, formats, and the security state's lifetime.</summary>
public class CredentialTests
{
    private readonly CardHarness card = new();

    public CredentialTests() => card.SelectMain();

    private static string Verify(byte p2, string ascii)
        => "002000" + p2.ToString("X2") + (ascii.Length).ToString("X2") + Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(ascii));

    [Fact]
    public void Correct_pin_verifies()
    {
        Assert.Equal(Sw.NoError, card.Sw(Verify(0x91, "1234")));
        Assert.True(card.Main.Pin.IsValidated);
    }

    [Fact]
    public void Verify_the_current_ef_after_select()
    {
        Assert.Equal(Sw.NoError, card.Sw("00A4020C020011"));
        Assert.Equal(Sw.NoError, card.Sw(Verify(0x80, "1234")));
    }

    [Fact]
    public void Wrong_values_count_down_to_63C0_then_6984_forever()
    {
        Assert.Equal(0x63C2, card.Sw(Verify(0x91, "0000")));
        Assert.Equal(0x63C1, card.Sw(Verify(0x91, "1111")));
        Assert.Equal(0x63C0, card.Sw(Verify(0x91, "2222")));
        Assert.Equal(Sw.AuthenticationMethodBlocked, card.Sw(Verify(0x91, "1234")));
        Assert.Equal(Sw.AuthenticationMethodBlocked, card.Sw(Verify(0x91, "0000")));
        Assert.False(card.Main.Pin.IsValidated);
        Assert.Equal(0x63C0, card.Sw("00200091"));
        card.Card.Reset();
        card.SelectMain();
        Assert.Equal(Sw.AuthenticationMethodBlocked, card.Sw(Verify(0x91, "1234")));
    }

    [Fact]
    public void A_correct_value_gives_the_tries_back()
    {
        Assert.Equal(0x63C2, card.Sw(Verify(0x91, "0000")));
        Assert.Equal(Sw.NoError, card.Sw(Verify(0x91, "1234")));
        Assert.Equal(3, card.Main.Pin.TriesRemaining);
    }

    [Fact]
    public void A_wrong_value_clears_an_earlier_verification()
    {
        Assert.Equal(Sw.NoError, card.Sw(Verify(0x91, "1234")));
        Assert.Equal(0x63C2, card.Sw(Verify(0x91, "9999")));
        Assert.False(card.Main.Pin.IsValidated);
    }

    [Fact]
    public void Empty_verify_reports_tries_without_using_one()
    {
        Assert.Equal(0x63C3, card.Sw("00200091"));
        Assert.Equal(0x63C3, card.Sw("00200091"));
        Assert.Equal(0x63C2, card.Sw(Verify(0x91, "0000")));
        Assert.Equal(0x63C2, card.Sw("00200091"));
        Assert.Equal(2, card.Main.Pin.TriesRemaining);
        Assert.Equal(Sw.NoError, card.Sw(Verify(0x91, "1234")));
        Assert.Equal(Sw.NoError, card.Sw("00200091"));   // already verified (7816-4 §11.5.6)
    }

    [Theory]
    [InlineData(0x91, "123")]            // too short
    [InlineData(0x91, "12345")]          // too long
    [InlineData(0x91, "12a4")]           // not a digit
    [InlineData(0x9B, "ABC12")]          // password too short
    [InlineData(0x9B, "abc123")]         // lower case
    [InlineData(0x9B, "ABC-123")]        // punctuation
    [InlineData(0x9B, "ABCDEFGHIJKLMNOPQ")] // 17 characters
    public void Values_breaking_the_format_answer_6A80_and_use_no_try(byte p2, string value)
    {
        Assert.Equal(Sw.WrongData, card.Sw(Verify(p2, value)));
        var pin = p2 == 0x91 ? card.Main.Pin : card.Main.Password;
        Assert.Equal(pin == card.Main.Pin ? 3 : 5, pin.TriesRemaining);
    }

    [Fact]
    public void Password_of_upper_case_letters_and_digits_verifies()
    {
        Assert.Equal(0x63C4, card.Sw(Verify(0x9B, "ABC124")));
        Assert.Equal(Sw.NoError, card.Sw(Verify(0x9B, "ABC123")));
    }

    [Theory]
    [InlineData("0020019104")]   // P1 must be 00
    [InlineData("0020000004")]   // global reference data: not supported
    [InlineData("002000BF04")]   // SFI 31 does not exist
    [InlineData("0020009F04")]
    public void Verify_with_bad_p1_p2_answers_6A86(string head)
        => Assert.Equal(Sw.IncorrectP1P2, card.Sw(head + "31323334"));

    [Theory]
    [InlineData("0020009100")]           // Le: "00 20 00 80 00" answers 6700 on a real card
    [InlineData("00200091043132333400")] // data and Le
    public void Verify_with_le_answers_6700(string hex) => Assert.Equal(Sw.WrongLength, card.Sw(hex));

    [Fact]
    public void Verify_of_something_that_is_not_a_pin_answers_6A88()
    {
        Assert.Equal(Sw.ReferencedDataNotFound, card.Sw(Verify(0x81, "1234")));   // SFI 1 is an EF
        Assert.Equal(Sw.ReferencedDataNotFound, card.Sw(Verify(0x85, "1234")));   // SFI 5: nothing
        Assert.Equal(Sw.NoError, card.Sw("00A4020C020001"));
        Assert.Equal(Sw.ReferencedDataNotFound, card.Sw(Verify(0x80, "1234")));   // current EF is not a PIN
    }

    [Fact]
    public void Verify_current_ef_without_one_answers_6986()
        => Assert.Equal(Sw.CommandNotAllowedNoCurrentEf, card.Sw(Verify(0x80, "1234")));

    [Fact]
    public void Each_applet_has_its_own_security_state()
    {
        Assert.Equal(Sw.NoError, card.Sw(Verify(0x91, "1234")));
        Assert.Equal(Sw.NoError, card.Sw("00A4040C06F04E43000102"));
        Assert.Equal(Sw.SecurityStatusNotSatisfied, card.Sw("00B0820000"));
    }

    [Fact]
    public void The_counter_is_decremented_before_the_comparison()
    {
        var counter = new ObservingCounter(3);
        var pin = new OwnerPin(0x0020, 0, Digits4, counter, PinRecord(), Seal);
        Assert.True(pin.Personalize(3, "1234"u8.ToArray(), 0, 4));
        counter.Calls.Clear();
        Assert.Equal(Sw.NoError, pin.Check("1234"u8.ToArray(), 0, 4));
        Assert.Equal(["Decrement", "Set 3"], counter.Calls);
    }

    [Fact]
    public void A_pin_without_a_value_cannot_be_verified()
    {
        var pin = new OwnerPin(0x0020, 0, Digits4, new ObservingCounter(3), PinRecord(), Seal);
        Assert.Equal(Sw.AuthenticationMethodBlocked, pin.Check("0000"u8.ToArray(), 0, 4));
        Assert.Equal(3, pin.TriesRemaining);
    }

    [Fact]
    public void Reset_and_unblock_restores_every_try()
    {
        for (int i = 0; i < 3; i++) card.Sw(Verify(0x91, "0000"));
        Assert.True(card.Main.Pin.IsBlocked);
        card.Main.Pin.ResetAndUnblock();
        Assert.Equal(Sw.NoError, card.Sw(Verify(0x91, "1234")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    public void Try_limits_outside_1_to_15_are_refused(byte limit)
    {
        var store = new CardStore(CardHarness.NewMemory(), StoreLayout.Default());
        Assert.Throws<ArgumentOutOfRangeException>(() => store.AllocateCounter(7, limit));
    }

    private static readonly PinFormat Digits4 = new(4, 4, PinFormat.Digits);

    private static readonly SecretSeal Seal = new(new NanoCard.Hal.Host.Crypto.HostCrypto(), null);

    private static PersistentBytes PinRecord()
    {
        var store = new CardStore(CardHarness.NewMemory(), StoreLayout.Default());
        return store.Allocate(0x20, ObjectKind.PinValue, OwnerPin.RecordSize, 0x00);
    }

    private sealed class ObservingCounter(byte limit) : ITryCounter
    {
        public List<string> Calls { get; } = [];
        public byte TriesRemaining { get; private set; } = limit;
        public void Decrement() { Calls.Add("Decrement"); TriesRemaining--; }
        public void Set(byte tries) { Calls.Add("Set " + tries); TriesRemaining = tries; }
    }
}
