namespace NanoCard.Flasher.Tests;

/// <summary>vpcd's side of its framing (2-byte big-endian length, then the payload), for tests that stand in for vpcd.</summary>
internal static class VpcdWire
{
    public static void Send(Stream s, byte[] payload)
    {
        s.Write([(byte)(payload.Length >> 8), (byte)payload.Length, .. payload]);
        s.Flush();
    }

    /// <summary>Sends a control code or an APDU and returns the card's answer.</summary>
    public static byte[] Request(Stream s, byte[] payload)
    {
        Send(s, payload);
        byte[] header = new byte[2];
        s.ReadExactly(header);
        byte[] reply = new byte[(header[0] << 8) | header[1]];
        s.ReadExactly(reply);
        return reply;
    }
}
