namespace NanoCard.Hal.Host.Pn532;

/// <summary>The frames the PN532 model sends (UM0701-02 §6.2.1): ACK, the syntax-error frame, and responses, extended when TFI + data exceed 255 bytes.</summary>
internal static class ChipFrameBuilder
{
    public static byte[] Ack => [0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00];

    public static byte[] SyntaxError => [0x00, 0x00, 0xFF, 0x01, 0xFF, 0x7F, 0x81, 0x00];

    public static bool IsAck(byte[] frame) => frame.AsSpan().SequenceEqual(Ack);

    public static byte[] Response(byte commandCode, ReadOnlySpan<byte> data)
    {
        byte[] body = [0xD5, (byte)(commandCode + 1), .. data];
        byte[] header = body.Length <= 0xFF
            ? [0x00, 0x00, 0xFF, (byte)body.Length, (byte)-body.Length]
            : [0x00, 0x00, 0xFF, 0xFF, 0xFF, (byte)(body.Length >> 8), (byte)body.Length, (byte)-((body.Length >> 8) + body.Length)];
        byte dcs = (byte)-body.Sum(b => b);
        return [.. header, .. body, dcs, 0x00];
    }
}
