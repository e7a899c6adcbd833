using NanoCard.Os.Runtime;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Os.Tests;

/// <summary>Class byte, instruction byte, SELECT by DF name, GET RESPONSE and chaining.</summary>
public class DispatcherTests
{
    private readonly CardHarness card = new();

    [Theory]
    [InlineData("20")]
    [InlineData("3F")]
    [InlineData("FF")]
    public void Reserved_classes_answer_6E00(string cla) => Assert.Equal(Sw.ClaNotSupported, card.Sw(cla + "B0000010"));

    [Fact]
    public void An_iso_instruction_under_a_proprietary_class_answers_6E00()
    {
        card.SelectMain();
        Assert.Equal(Sw.ClaNotSupported, card.Sw("80B0000010"));
    }

    [Theory]
    [InlineData("01")]
    [InlineData("02")]
    [InlineData("03")]
    [InlineData("41")]   // further interindustry class: channel 5
    [InlineData("4F")]
    [InlineData("81")]   // proprietary class, first-interindustry coding
    public void Logical_channels_other_than_the_basic_one_answer_6881(string cla)
        => Assert.Equal(Sw.LogicalChannelNotSupported, card.Sw(cla + "A4040C05F04E430001"));

    [Theory]
    [InlineData("04")]
    [InlineData("08")]
    [InlineData("0C")]
    [InlineData("84")]   // GlobalPlatform-style proprietary class with SM
    public void Secure_messaging_classes_answer_6882(string cla)
        => Assert.Equal(Sw.SecureMessagingNotSupported, card.Sw(cla + "A4040C05F04E430001"));

    [Theory]
    [InlineData("00FE0000")]
    [InlineData("00600000")]   // 6X: a T=0 procedure byte, never an instruction
    [InlineData("00900000")]
    [InlineData("00440000")]
    public void Unknown_instructions_answer_6D00(string hex)
    {
        card.SelectMain();
        Assert.Equal(Sw.InsNotSupported, card.Sw(hex));
    }

    [Fact]
    public void Unknown_instruction_with_no_applet_selected_answers_6D00()
        => Assert.Equal(Sw.InsNotSupported, card.Sw("00FE0000"));

    [Fact]
    public void Select_by_full_df_name_without_fci()
    {
        var reply = card.SelectMain();
        Assert.Equal(Sw.NoError, reply.Sw);
        Assert.Empty(reply.Data);
        Assert.Same(card.Main, card.Card.SelectedApplet);
        Assert.Equal(1, card.Main.SelectCount);
    }

    [Fact]
    public void Select_with_p2_00_returns_the_fci_template()
    {
        var reply = card.Send("00A4040005F04E43000100");
        Assert.Equal(Sw.NoError, reply.Sw);
        Assert.Equal("6F0784" + "05F04E430001", reply.Hex);
    }

    [Fact]
    public void Select_with_p2_00_and_no_le_announces_the_fci_with_61xx()
    {
        var reply = card.Send("00A4040005F04E430001");
        Assert.Equal(0x6109, reply.Sw);
        Assert.Empty(reply.Data);
        var rest = card.Send("00C0000009");
        Assert.Equal(Sw.NoError, rest.Sw);
        Assert.Equal("6F0784" + "05F04E430001", rest.Hex);
    }

    [Fact]
    public void Select_by_prefix_picks_the_first_installed_match_and_exact_names_win()
    {
        Assert.Equal(Sw.NoError, card.Sw("00A4040C04F04E4300"));
        Assert.Same(card.Main, card.Card.SelectedApplet);
        Assert.Equal(Sw.NoError, card.Sw("00A4040C06F04E43000102"));
        Assert.Same(card.Longer, card.Card.SelectedApplet);
        Assert.Equal(Sw.NoError, card.Sw("00A4040C05F04E430001"));
        Assert.Same(card.Main, card.Card.SelectedApplet);
    }

    [Fact]
    public void Unknown_aid_answers_6A82_and_keeps_the_current_selection()
    {
        card.SelectMain();
        Assert.Equal(Sw.NoError, card.Sw("0020009104" + "31323334"));
        Assert.Equal(Sw.FileNotFound, card.Sw("00A4040C07A0000000030000"));
        Assert.Equal(Sw.FileNotFound, card.Sw("00A4040C11" + new string('F', 34)));   // 17 bytes: longer than any AID
        Assert.Same(card.Main, card.Card.SelectedApplet);
        Assert.True(card.Main.Pin.IsValidated);
        Assert.Equal(0, card.Main.DeselectCount);
    }

    [Theory]
    [InlineData("00A4040405F04E430001")]
    [InlineData("00A4040205F04E430001")]   // "next occurrence" is not supported
    public void Select_by_name_with_other_p2_answers_6A86(string hex) => Assert.Equal(Sw.IncorrectP1P2, card.Sw(hex));

    [Theory]
    [InlineData("00A4040C")]
    [InlineData("00A4040C00")]
    public void Select_by_name_without_a_name_answers_6700(string hex) => Assert.Equal(Sw.WrongLength, card.Sw(hex));

    [Fact]
    public void An_applet_refusing_selection_answers_6999_and_nothing_is_selected()
    {
        card.SelectMain();
        Assert.Equal(Sw.AppletSelectFailed, card.Sw("00A4040C05F04E430009"));
        Assert.Null(card.Card.SelectedApplet);
        Assert.Equal(1, card.Main.DeselectCount);
    }

    [Fact]
    public void Reselecting_calls_deselect_and_clears_the_security_state()
    {
        card.SelectMain();
        Assert.Equal(Sw.NoError, card.Sw("0020009104" + "31323334"));
        card.SelectMain();
        Assert.Equal(1, card.Main.DeselectCount);
        Assert.Equal(2, card.Main.SelectCount);
        Assert.False(card.Main.Pin.IsValidated);
    }

    [Fact]
    public void Selecting_another_applet_clears_the_previous_ones_security_state()
    {
        card.SelectMain();
        Assert.Equal(Sw.NoError, card.Sw("0020009104" + "31323334"));
        Assert.Equal(Sw.NoError, card.Sw("00A4040C06F04E43000102"));
        Assert.False(card.Main.Pin.IsValidated);
        Assert.Equal(1, card.Main.DeselectCount);
    }

    [Fact]
    public void Reset_clears_selection_and_security_state()
    {
        card.SelectMain();
        Assert.Equal(Sw.NoError, card.Sw("0020009104" + "31323334"));
        card.Card.Reset();
        Assert.Null(card.Card.SelectedApplet);
        Assert.False(card.Main.Pin.IsValidated);
        Assert.Equal(Sw.CommandNotAllowedNoCurrentEf, card.Sw("00B0000010"));
    }

    [Fact]
    public void Install_is_called_once_and_bad_aids_are_refused()
    {
        Assert.Equal(1, card.Main.InstallCount);
        var store = new CardStore(CardHarness.NewMemory(), StoreLayout.Default(), new SecretSeal(new NanoCard.Hal.Host.Crypto.HostCrypto(), null));
        var runtime = new CardRuntime(CardConfig.Desktop(), store, new NanoCard.Hal.Host.Crypto.SystemRandom());
        Assert.Throws<ArgumentOutOfRangeException>(() => runtime.Install(new TestApplet(store, 1), new byte[4], 0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => runtime.Install(new TestApplet(store, 2), new byte[17], 0, 17));
        runtime.Install(new TestApplet(store, 3), CardHarness.MainAid, 0, 5);
        Assert.Throws<ArgumentException>(() => runtime.Install(new TestApplet(store, 4), CardHarness.MainAid, 0, 5));
    }

    [Fact]
    public void A_reply_longer_than_le_is_chained_with_61xx_and_get_response()
    {
        card.SelectMain();
        var first = card.Send("8014012C10");           // 300 bytes wanted, Le 16
        Assert.Equal(16, first.Data.Length);
        Assert.Equal(0x6100, first.Sw);                 // 284 left: 256 or more → 00
        var second = card.Send("00C0000000");           // 256
        Assert.Equal(256, second.Data.Length);
        Assert.Equal(0x611C, second.Sw);                // 28 left
        var third = card.Send("00C0000020");            // asks 32, gets the 28 left
        Assert.Equal(28, third.Data.Length);
        Assert.Equal(Sw.NoError, third.Sw);
        var all = first.Data.Concat(second.Data).Concat(third.Data).ToArray();
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (byte)(i * 3)), all);
        Assert.Equal(Sw.ConditionsNotSatisfied, card.Sw("00C0000010"));
    }

    [Fact]
    public void A_reply_longer_than_the_transport_frame_is_chained_even_with_extended_le()
    {
        var contactlessWithExtended = new CardConfig(4096, true, 256, 4);
        var nfc = new CardHarness(contactlessWithExtended);
        nfc.SelectMain();
        var first = nfc.Send("801401F400");   // 500 bytes, Le 256
        Assert.Equal(256, first.Data.Length);
        Assert.Equal(0x61F4, first.Sw);
        var extended = nfc.Send("801401F4000000");   // case 2E, Ne = 65536
        Assert.Equal(256, extended.Data.Length);
        Assert.Equal(0x61F4, extended.Sw);
        Assert.Equal(244, nfc.Send("00C0000000").Data.Length);
    }

    [Fact]
    public void The_applets_final_status_word_comes_with_the_last_part()
    {
        card.SelectMain();
        var first = card.Send("801A000000");
        Assert.Equal(256, first.Data.Length);
        Assert.Equal(0x612C, first.Sw);
        var last = card.Send("00C000002C");
        Assert.Equal(44, last.Data.Length);
        Assert.Equal(0x6283, last.Sw);
    }

    [Fact]
    public void Error_status_words_carry_no_data()
    {
        card.SelectMain();
        var reply = card.Send("801C000000");
        Assert.Empty(reply.Data);
        Assert.Equal(Sw.WrongData, reply.Sw);
    }

    [Fact]
    public void Any_other_command_discards_a_pending_reply()
    {
        card.SelectMain();
        Assert.Equal(0x6100, card.Sw("8014012C10"));
        Assert.Equal(Sw.NoError, card.Sw("00A4020C020001"));
        Assert.Equal(Sw.ConditionsNotSatisfied, card.Sw("00C0000010"));
    }

    [Theory]
    [InlineData("00C0010010", Sw.IncorrectP1P2)]
    [InlineData("00C0000110", Sw.IncorrectP1P2)]
    [InlineData("00C00000", Sw.WrongLength)]
    [InlineData("00C0000001AA", Sw.WrongLength)]
    public void Malformed_get_response_is_refused_and_keeps_the_pending_reply(string hex, ushort expected)
    {
        card.SelectMain();
        Assert.Equal(0x6100, card.Sw("8014012C10"));
        Assert.Equal(expected, card.Sw(hex));
        Assert.Equal(256, card.Send("00C0000000").Data.Length);
    }

    [Fact]
    public void Wrong_le_where_an_exact_one_is_required_answers_6Cxx()
    {
        card.SelectMain();
        Assert.Equal(0x6C08, card.Sw("8012000000"));
        Assert.Equal(0x6C08, card.Sw("8012000004"));
        var ok = card.Send("8012000008");
        Assert.Equal(Sw.NoError, ok.Sw);
        Assert.Equal(8, ok.Data.Length);
    }

    [Fact]
    public void A_shorter_reply_than_le_is_fine()
    {
        card.SelectMain();
        var reply = card.Send("8014000400");
        Assert.Equal(Sw.NoError, reply.Sw);
        Assert.Equal(4, reply.Data.Length);
    }

    [Fact]
    public void Command_chaining_assembles_the_whole_command()
    {
        card.SelectMain();
        var part1 = string.Concat(Enumerable.Repeat("AB", 200));
        var part2 = string.Concat(Enumerable.Repeat("CD", 200));
        Assert.Equal(Sw.NoError, card.Sw("901000" + "00C8" + part1));   // CLA 80 | 10
        Assert.Equal(Sw.NoError, card.Sw("901000" + "00C8" + part1));
        var reply = card.Send("80100000C8" + part2 + "00");
        Assert.Equal(Sw.MoreData(600 - 256), reply.Sw);
        var rest1 = card.Send("00C0000000");
        var rest2 = card.Send("00C0000058");
        var all = reply.Data.Concat(rest1.Data).Concat(rest2.Data).ToArray();
        Assert.Equal(Sw.NoError, rest2.Sw);
        Assert.Equal(Convert.FromHexString(part1 + part1 + part2), all);
    }

    [Fact]
    public void A_chain_broken_by_another_command_answers_6883_and_is_dropped()
    {
        card.SelectMain();
        Assert.Equal(Sw.NoError, card.Sw("9010000002AABB"));
        Assert.Equal(Sw.LastCommandOfChainExpected, card.Sw("8012000008"));
        Assert.Equal("CCDD", card.Send("8010000002CCDD00").Hex);   // a fresh command works again
    }

    [Theory]
    [InlineData("9010010002CCDD")]   // P1 differs
    [InlineData("9011000002CCDD")]   // INS differs
    [InlineData("0010000002CCDD")]   // CLA differs (beyond the chaining bit)
    public void Every_link_must_repeat_the_header(string link)
    {
        card.SelectMain();
        Assert.Equal(Sw.NoError, card.Sw("9010000002AABB"));
        Assert.Equal(Sw.LastCommandOfChainExpected, card.Sw(link));
    }

    [Fact]
    public void A_chain_longer_than_the_buffer_answers_6700_and_is_dropped()
    {
        var nfc = new CardHarness(CardConfig.Contactless());
        nfc.SelectMain();
        var block = "90100000FF" + string.Concat(Enumerable.Repeat("11", 255));
        for (int i = 0; i < CardConfig.ContactlessCommandData / 255; i++)
        {
            Assert.Equal(Sw.NoError, nfc.Sw(block));
        }
        Assert.Equal(Sw.WrongLength, nfc.Sw(block));
        Assert.Equal("AA", nfc.Send("8010000001AA00").Hex);
    }

    [Fact]
    public void Malformed_frames_answer_6700_and_drop_a_chain_in_progress()
    {
        card.SelectMain();
        Assert.Equal(Sw.NoError, card.Sw("9010000002AABB"));
        Assert.Equal(Sw.WrongLength, card.Sw("801000"));
        Assert.Equal("CCDD", card.Send("8010000002CCDD00").Hex);
    }

    [Fact]
    public void Contactless_configuration_refuses_extended_length()
    {
        var nfc = new CardHarness(CardConfig.Contactless());
        nfc.SelectMain();
        Assert.Equal(Sw.WrongLength, nfc.Sw("00B0000000 0000".Replace(" ", "")));
        Assert.Equal(Sw.NoError, nfc.Sw("00A4020C020001"));
        Assert.Equal(256, nfc.Send("00B0000000").Data.Length);
    }

    [Fact]
    public void An_iso_exception_becomes_the_status_word()
    {
        card.SelectMain();
        Assert.Equal(0x6A88, card.Sw("80166A88"));
    }

    [Fact]
    public void An_applet_bug_answers_6F00_and_the_card_keeps_working()
    {
        card.SelectMain();
        Assert.Equal(Sw.Unknown, card.Sw("80180000"));
        Assert.Equal(Sw.NoError, card.Sw("0020009104" + "31323334"));
    }
}
