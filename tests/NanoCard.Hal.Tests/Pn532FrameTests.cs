using NanoCard.Hal.Pn532;

namespace NanoCard.Hal.Tests;

/// <summary>The PN532 frame layer against the frames of UM0701-02 §6.2.1 (docs/references.md §10.1).</summary>
public sealed class Pn532FrameTests
{
    [Fact]
    public void A_normal_frame_is_encoded_as_the_manual_shows_GetFirmwareVersion()
    {
        byte[] frame = new byte[Pn532Frame.MaxFrame];
        int n = Pn532Frame.Encode(Pn532Frame.HostToPn532, [0x02], 0, 1, frame);
        Assert.Equal("0000FF02FED4022A00", Convert.ToHexString(frame, 0, n));
    }

    [Fact]
    public void Frames_longer_than_255_bytes_use_the_extended_form_and_decode_back()
    {
        byte[] data = [.. Enumerable.Range(0, 262).Select(i => (byte)i)];
        byte[] frame = new byte[Pn532Frame.MaxFrame];
        int n = Pn532Frame.Encode(Pn532Frame.Pn532ToHost, data, 0, data.Length, frame);
        Assert.Equal("0000FFFFFF0107F8", Convert.ToHexString(frame, 0, 8));
        Assert.Equal(Pn532Frame.IsData, Pn532Frame.Decode(frame, n, out int tfiAt, out int payload, out int end));
        Assert.Equal(263, payload);
        Assert.Equal(data, frame[(tfiAt + 1)..(tfiAt + payload)]);
        Assert.Equal(n - 1, end);
    }

    [Theory]
    [InlineData("0000FF00FF00", Pn532Frame.IsAck)]
    [InlineData("0000FFFF0000", Pn532Frame.IsNack)]
    [InlineData("0000FF01FF7F8100", Pn532Frame.IsError)]
    [InlineData("0000FF02FED5032800", Pn532Frame.IsData)]
    [InlineData("13FE000000FF02FED5032800", Pn532Frame.IsData)]
    [InlineData("0000FF02FFD5032800", Pn532Frame.IsCorrupt)]
    [InlineData("0000FF02FED5032900", Pn532Frame.IsCorrupt)]
    [InlineData("0000FF02FED503", Pn532Frame.Incomplete)]
    [InlineData("FE13", Pn532Frame.Incomplete)]
    public void Decode_tells_every_kind_of_frame(string hex, byte kind)
    {
        byte[] bytes = Convert.FromHexString(hex);
        Assert.Equal(kind, Pn532Frame.Decode(bytes, bytes.Length, out _, out _, out _));
    }

    [Fact]
    public void Bits_reverse_for_MSB_first_SPI_controllers()
    {
        Assert.Equal(0x80, Pn532SpiBus.Reverse(0x01));
        Assert.Equal(0xC0, Pn532SpiBus.Reverse(0x03));
        Assert.Equal(0x2B, Pn532SpiBus.Reverse(0xD4));
    }
}
