namespace NanoCard.Os.Tests;

/// <summary>SELECT EF, READ BINARY, READ RECORD and UPDATE BINARY with their access rules.</summary>
public class FileCommandTests
{
    private readonly CardHarness card = new();

    public FileCommandTests() => card.SelectMain();

    private const string VerifyPin = "0020009104" + "31323334";

    [Fact]
    public void Select_ef_then_read_binary_by_offset()
    {
        Assert.Equal(Sw.NoError, card.Sw("00A4020C020001"));
        var reply = card.Send("00B0000410");
        Assert.Equal(Sw.NoError, reply.Sw);
        Assert.Equal(Enumerable.Range(4, 16).Select(i => (byte)i), reply.Data);
    }

    [Fact]
    public void Select_by_fid_with_p1_00_selects_an_ef_too()
    {
        Assert.Equal(Sw.NoError, card.Sw("00A4000C020001"));
        Assert.Equal(Sw.NoError, card.Sw("00B0000001"));
    }

    [Fact]
    public void Select_mf_without_data_keeps_the_df_when_an_applet_is_current()
    {
        Assert.Equal(Sw.NoError, card.Sw("00A40000"));
        Assert.Same(card.Main, card.Card.SelectedApplet);
        card.Card.Reset();
        Assert.Equal(Sw.IncorrectP1P2, card.Sw("00A40000"));
    }

    [Theory]
    [InlineData("00A4020C020099")]   // no such FID
    [InlineData("00A4020C023F00")]   // the MF is not addressable by FID
    public void Unknown_fid_answers_6A82_and_keeps_the_current_ef(string hex)
    {
        Assert.Equal(Sw.NoError, card.Sw("00A4020C020001"));
        Assert.Equal(Sw.FileNotFound, card.Sw(hex));
        Assert.Equal(Sw.NoError, card.Sw("00B0000001"));
    }

    [Theory]
    [InlineData("00A4020402000100", Sw.IncorrectP1P2)]   // FCP requested
    [InlineData("00A4080C020001", Sw.IncorrectP1P2)]     // select by path
    [InlineData("00A4020C0100", Sw.WrongLength)]         // 1-byte FID
    [InlineData("00A4020C03000100", Sw.WrongLength)]     // 3-byte FID
    [InlineData("00A4020C02000100", Sw.WrongLength)]     // Le on a no-data SELECT
    public void Malformed_select_ef(string hex, ushort expected) => Assert.Equal(expected, card.Sw(hex));

    [Fact]
    public void Read_binary_without_a_current_ef_answers_6986()
        => Assert.Equal(Sw.CommandNotAllowedNoCurrentEf, card.Sw("00B0000010"));

    [Fact]
    public void Read_binary_with_an_sfi_reads_and_makes_the_ef_current()
    {
        var reply = card.Send("00B0810A02");
        Assert.Equal(Sw.NoError, reply.Sw);
        Assert.Equal(new byte[] { 10, 11 }, reply.Data);
        Assert.Equal(new byte[] { 20 }, card.Send("00B0001401").Data);
    }

    [Fact]
    public void Read_binary_with_an_unknown_sfi_answers_6A82()
        => Assert.Equal(Sw.FileNotFound, card.Sw("00B0850000"));

    [Fact]
    public void Read_binary_sfi_form_with_reserved_p1_bits_answers_6A86()
        => Assert.Equal(Sw.IncorrectP1P2, card.Sw("00B0A10000"));

    [Fact]
    public void Read_binary_with_15_bit_offset()
    {
        Assert.Equal(Sw.NoError, card.Sw("00A4020C020004"));
        var reply = card.Send("00B003E000");   // offset 992 of 1000: the last 8 bytes, shorter than Le
        Assert.Equal(Sw.NoError, reply.Sw);
        Assert.Equal(Enumerable.Range(992, 8).Select(i => (byte)(i * 7)), reply.Data);
    }

    [Theory]
    [InlineData("00B0012C01")]   // offset 300 = size
    [InlineData("00B07FFF01")]   // largest 15-bit offset
    public void Offset_at_or_beyond_the_end_answers_6B00(string hex)
    {
        Assert.Equal(Sw.NoError, card.Sw("00A4020C020001"));
        Assert.Equal(Sw.WrongP1P2OffsetOutsideEf, card.Sw(hex));
    }

    [Fact]
    public void Extended_le_reads_a_whole_ef_in_one_reply()
    {
        var reply = card.Send("00B0810000" + "0000");   // SFI 1, offset 0, Le 65536
        Assert.Equal(Sw.NoError, reply.Sw);
        Assert.Equal(TestApplet.PublicEfSize, reply.Data.Length);
    }

    [Theory]
    [InlineData("00B00000")]             // no Le
    [InlineData("00B0000001AA")]         // data
    [InlineData("00B0000001AA00")]       // data and Le
    public void Read_binary_needs_le_and_no_data(string hex)
    {
        Assert.Equal(Sw.NoError, card.Sw("00A4020C020001"));
        Assert.Equal(Sw.WrongLength, card.Sw(hex));
    }

    [Fact]
    public void Reading_a_protected_ef_needs_a_credential()
    {
        Assert.Equal(Sw.SecurityStatusNotSatisfied, card.Sw("00B0820000"));
        Assert.Equal(Sw.NoError, card.Sw(VerifyPin));
        var reply = card.Send("00B0820000");
        Assert.Equal(Sw.NoError, reply.Sw);
        Assert.Equal(Enumerable.Repeat((byte)0x5A, 16), reply.Data);
    }

    [Fact]
    public void Any_of_the_listed_credentials_opens_the_ef()
    {
        Assert.Equal(Sw.NoError, card.Sw("002000 9B 06 414243313233".Replace(" ", "")));
        Assert.Equal(Sw.NoError, card.Sw("00B0820000"));
    }

    [Fact]
    public void Read_binary_on_a_record_ef_or_a_pin_answers_6981()
    {
        Assert.Equal(Sw.CommandIncompatibleWithFile, card.Sw("00B0830000"));
        Assert.Equal(Sw.NoError, card.Sw("00A4020C020011"));
        Assert.Equal(Sw.CommandIncompatibleWithFile, card.Sw("00B0000000"));
    }

    [Fact]
    public void Update_binary_needs_its_credential_and_writes()
    {
        Assert.Equal(Sw.NoError, card.Sw("00A4020C020001"));
        Assert.Equal(Sw.SecurityStatusNotSatisfied, card.Sw("00D6001002CAFE"));
        Assert.Equal("1011", card.Send("00B0001002").Hex);
        Assert.Equal(Sw.NoError, card.Sw(VerifyPin));
        Assert.Equal(Sw.NoError, card.Sw("00D6001002CAFE"));
        Assert.Equal("CAFE", card.Send("00B0001002").Hex);
        Assert.Equal(Sw.NoError, card.Sw("00D6810002BEEF"));   // SFI form
        Assert.Equal("BEEF", card.Send("00B0000002").Hex);
    }

    [Fact]
    public void Update_binary_that_never_allows_answers_6982_even_after_verification()
    {
        Assert.Equal(Sw.NoError, card.Sw(VerifyPin));
        Assert.Equal(Sw.SecurityStatusNotSatisfied, card.Sw("00D6820001AA"));
    }

    [Fact]
    public void Update_binary_past_the_end_answers_6A84_and_changes_nothing()
    {
        Assert.Equal(Sw.NoError, card.Sw(VerifyPin));
        Assert.Equal(Sw.NoError, card.Sw("00A4020C020001"));
        Assert.Equal(Sw.NotEnoughMemoryInFile, card.Sw("00D6012B02AAAA"));   // 299 + 2 > 300
        Assert.Equal("2B", card.Send("00B0012B01").Hex);
        Assert.Equal(Sw.WrongP1P2OffsetOutsideEf, card.Sw("00D6012C01AA"));
    }

    [Theory]
    [InlineData("00D60000")]
    [InlineData("00D6000001")]
    [InlineData("00D6000001AA00")]
    public void Update_binary_needs_data_and_no_le(string hex)
    {
        Assert.Equal(Sw.NoError, card.Sw("00A4020C020001"));
        Assert.Equal(Sw.WrongLength, card.Sw(hex));
    }

    [Fact]
    public void Read_record_by_sfi_and_from_the_current_ef()
    {
        var first = card.Send("00B2011C00");   // record 1, SFI 3 (3 << 3 | 4)
        Assert.Equal(Sw.NoError, first.Sw);
        Assert.Equal(TestApplet.Record1, first.Data);
        var second = card.Send("00B2020400");  // record 2, current EF (SFI form made it current)
        Assert.Equal(Sw.NoError, second.Sw);
        Assert.Equal(200, second.Data.Length);
        Assert.Equal(0xA0, second.Data[0]);
    }

    [Fact]
    public void Read_record_that_does_not_exist_answers_6A83()
        => Assert.Equal(Sw.RecordNotFound, card.Sw("00B2031C00"));

    [Theory]
    [InlineData("00B2011D00")]   // "all records from P1" is not supported
    [InlineData("00B2001C00")]   // record 00 = current record
    [InlineData("00B2FF1C00")]   // record FF is RFU
    public void Read_record_with_unsupported_p1_p2_answers_6A86(string hex)
        => Assert.Equal(Sw.IncorrectP1P2, card.Sw(hex));

    [Fact]
    public void Read_record_without_a_current_ef_answers_6986()
        => Assert.Equal(Sw.CommandNotAllowedNoCurrentEf, card.Sw("00B2010400"));

    [Fact]
    public void Read_record_on_a_transparent_ef_answers_6981()
        => Assert.Equal(Sw.CommandIncompatibleWithFile, card.Sw("00B2010C00"));

    [Fact]
    public void Read_record_with_an_unknown_sfi_answers_6A82()
        => Assert.Equal(Sw.FileNotFound, card.Sw("00B2012C00"));

    [Fact]
    public void Read_record_needs_le() => Assert.Equal(Sw.WrongLength, card.Sw("00B2011C"));

    [Fact]
    public void Without_an_applet_file_commands_find_nothing()
    {
        card.Card.Reset();
        Assert.Equal(Sw.FileNotFound, card.Sw("00A4020C020001"));
        Assert.Equal(Sw.CommandNotAllowedNoCurrentEf, card.Sw("00B0000010"));
        Assert.Equal(Sw.FileNotFound, card.Sw("00B0810010"));
        Assert.Equal(Sw.FileNotFound, card.Sw("00B2011C00"));
        Assert.Equal(Sw.CommandNotAllowedNoCurrentEf, card.Sw("00200080"));
        Assert.Equal(Sw.ReferencedDataNotFound, card.Sw("00200091"));
    }
}
