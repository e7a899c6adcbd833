using System.Net.Sockets;
using NanoCard.Hal;
using NanoCard.Os.Runtime;

namespace NanoCard.Flasher.Vpcd;

/// <summary>
/// The card's side of vsmartcard's vpcd protocol (docs/references.md §11): connect
/// to vpcd's TCP port, then answer its requests. Every message is a 2-byte big-endian length and
/// a payload; a 1-byte payload is a control code (00 power off, 01 power on, 02 reset, 04 get ATR),
/// anything longer a command APDU, answered with the response APDU. Power off, on and reset are
/// card resets. Returns when vpcd closes the connection (pcscd stopped or restarted). The card
/// is any <see cref="IApduEndpoint"/>: the simulated card's runtime (<c>sim</c>) or a board on a
/// serial cable (<c>bridge</c>).
/// </summary>
public sealed class VpcdLink(IApduEndpoint card, Func<byte[]> atr, Action<byte[], byte[]>? exchanged = null)
{
    private const byte PowerOff = 0x00;
    private const byte PowerOn = 0x01;
    private const byte Reset = 0x02;
    private const byte GetAtr = 0x04;

    private readonly byte[] response = new byte[65538];

    public void Serve(Stream stream, CancellationToken cancel)
    {
        byte[] header = new byte[2];
        while (!cancel.IsCancellationRequested)
        {
            TcpQuickAck.Arm(stream);
            if (!ReadExactly(stream, header))
            {
                return;
            }
            byte[] message = new byte[(header[0] << 8) | header[1]];
            if (!ReadExactly(stream, message))
            {
                return;
            }
            if (message.Length == 1)
            {
                switch (message[0])
                {
                    case PowerOff:
                    case PowerOn:
                    case Reset:
                        card.Reset();
                        break;
                    case GetAtr:
                        Send(stream, atr());
                        break;
                }
                continue;
            }
            int n = card.Transmit(message, message.Length, response);
            byte[] reply = response[..n];
            exchanged?.Invoke(message, reply);
            Send(stream, reply);
        }
    }

    private static void Send(Stream stream, byte[] payload)
    {
        byte[] frame = [(byte)(payload.Length >> 8), (byte)payload.Length, .. payload];
        stream.Write(frame);
        stream.Flush();
    }

    /// <summary>False when the peer closed the connection.</summary>
    private static bool ReadExactly(Stream stream, byte[] buffer)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) == buffer.Length;
        }
        catch (IOException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
