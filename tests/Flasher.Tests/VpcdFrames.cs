using System.Net.Sockets;

namespace NanoCard.Flasher.Tests;

/// <summary>vpcd's side of its protocol, for tests that stand in for it: 2-byte big-endian length, then the payload.</summary>
internal static class VpcdFrames
{
    /// <summary>A one-byte control message (0 power off, 1 power on, 2 reset, 4 get ATR).</summary>
    public static void Control(NetworkStream s, byte code) => s.Write([0x00, 0x01, code]);

    /// <summary>Sends an APDU (or the get-ATR control) and returns the card's reply.</summary>
    public static byte[] Request(NetworkStream s, byte[] payload)
    {
        s.Write([(byte)(payload.Length >> 8), (byte)payload.Length, .. payload]);
        byte[] header = new byte[2];
        s.ReadExactly(header);
        byte[] reply = new byte[(header[0] << 8) | header[1]];
        s.ReadExactly(reply);
        return reply;
    }
}
