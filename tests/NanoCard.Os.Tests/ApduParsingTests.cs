namespace NanoCard.Os.Tests;

/// <summary>ISO/IEC 7816-4:2020 §5.2 length fields, case by case, short and extended.</summary>
public class ApduParsingTests
{
    private static (ushort Sw, Apdu Apdu) Parse(string hex, bool extendedAllowed = true, short maxData = 1000)
    {
        var apdu = new Apdu(maxData);
        var frame = Convert.FromHexString(hex.Replace(" ", ""));
        return (apdu.Parse(frame, frame.Length, extendedAllowed), apdu);
    }

    [Theory]
    // hex, case, extended, Nc, Ne, data offset
    [InlineData("00B00000", 1, false, 0, 0, 5)]
    [InlineData("00B0000010", 2, false, 0, 16, 5)]
    [InlineData("00B0000000", 2, false, 0, 256, 5)]
    [InlineData("00D6000002AABB", 3, false, 2, 0, 5)]
    [InlineData("0010000002AABB05", 4, false, 2, 5, 5)]
    [InlineData("0010000002AABB00", 4, false, 2, 256, 5)]
    [InlineData("00B0000000FFFF", 2, true, 0, 65535, 7)]
    [InlineData("00B0000000 0000", 2, true, 0, 65536, 7)]
    [InlineData("00B0000000 0001", 2, true, 0, 1, 7)]
    [InlineData("00D6000000 0002 AABB", 3, true, 2, 0, 7)]
    [InlineData("0010000000 0002 AABB 0100", 4, true, 2, 256, 7)]
    [InlineData("0010000000 0002 AABB 0000", 4, true, 2, 65536, 7)]
    public void Well_formed_cases_are_parsed(string hex, int kind, bool extended, int nc, int ne, int offset)
    {
        var (sw, apdu) = Parse(hex);
        Assert.Equal(Sw.NoError, sw);
        Assert.Equal(kind, apdu.Case);
        Assert.Equal(extended, apdu.IsExtended);
        Assert.Equal(nc, apdu.IncomingLength);
        Assert.Equal(ne, apdu.ExpectedLength);
        Assert.Equal(offset, apdu.DataOffset);
    }

    [Theory]
    [InlineData("")]                              // nothing
    [InlineData("00")]                            // 1 byte
    [InlineData("00B000")]                        // 3 bytes: no complete header
    [InlineData("00D6000003AABB")]                // Lc longer than the data
    [InlineData("00D6000001AABBCC")]              // Lc shorter than the data (and not data + Le)
    [InlineData("00D6000002AABBCCDD")]            // two trailing bytes: neither case 3 nor case 4
    [InlineData("00B0000000 00")]                 // 6 bytes starting 00: a truncated extended Le
    [InlineData("00D6000000 0000 AA")]            // extended Lc 0000 followed by data
    [InlineData("00D6000000 0003 AABB")]          // extended Lc longer than the data
    [InlineData("00D6000000 0002 AABB 00")]       // extended data followed by a short (1-byte) Le
    [InlineData("00D6000000 0002 AABB 000000")]   // extended data followed by 3 bytes
    [InlineData("00D6000002 AABB 0000")]          // short Lc followed by an extended (2-byte) Le
    public void Inconsistent_lengths_answer_6700(string hex)
    {
        Assert.Equal(Sw.WrongLength, Parse(hex).Sw);
    }

    [Fact]
    public void Extended_length_is_refused_when_the_transport_has_none()
    {
        Assert.Equal(Sw.WrongLength, Parse("00B0000000 0100", extendedAllowed: false).Sw);
        Assert.Equal(Sw.WrongLength, Parse("00D6000000 0002 AABB", extendedAllowed: false).Sw);
        Assert.Equal(Sw.NoError, Parse("00B0000000", extendedAllowed: false).Sw);
    }

    [Fact]
    public void Data_longer_than_the_buffer_answers_6700()
    {
        var data = new string('A', 2 * 300);
        Assert.Equal(Sw.WrongLength, Parse("00D6000000012C" + data, maxData: 299).Sw);
        Assert.Equal(Sw.NoError, Parse("00D6000000012C" + data, maxData: 300).Sw);
    }

    [Fact]
    public void Receive_copies_header_and_data_into_the_buffer()
    {
        var apdu = new Apdu(300);
        var frame = Convert.FromHexString("00D6000000 0003 AABBCC".Replace(" ", ""));
        Assert.Equal(Sw.NoError, apdu.Parse(frame, frame.Length, true));
        apdu.Receive(frame);
        Assert.Equal(0xD6, apdu.Ins);
        Assert.Equal(3, apdu.SetIncomingAndReceive());
        Assert.Equal(new byte[] { 0xAA, 0xBB, 0xCC }, apdu.Buffer[7..10]);
    }
}
