using NanoCard.Applets.Shared;
using NanoCard.Flasher.Cards;
using NanoCard.Hal;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Serial;

/// <summary>
/// A NanoCard board on a serial cable, from the host's side: the vpcd framing the board speaks
/// (hal/NanoCard.Hal/Serial/SerialCardLink.cs: 2-byte big-endian length, then a control code or an
/// APDU) over any byte stream — a serial port, or a pseudo-terminal in tests. It is a card channel
/// for issuance and an <see cref="IApduEndpoint"/> for <c>flasher bridge</c>'s relay to vpcd.
/// </summary>
public sealed class SerialCard(Stream stream, TimeSpan timeout) : ICardChannel, IApduEndpoint, IDisposable
{
    private const byte PowerOn = 0x01;
    private const byte Reset = 0x02;
    private const byte GetAtr = 0x04;

    private readonly byte[] header = new byte[2];

    /// <summary>Powers the card on (a fresh session), as a reader does before the first APDU.</summary>
    public void PowerUp() => Send([PowerOn]);

    public byte[] Atr()
    {
        Send([GetAtr]);
        return Receive(timeout < AtrTimeout ? timeout : AtrTimeout);
    }

    /// <summary>How long a board may take to send its ATR: it answers at once, so a silent port is no board.</summary>
    public static readonly TimeSpan AtrTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long any other command may take on a real board. A signature with the managed engine
    /// takes about 0.4 s under the nanoCLR on a 2.6 GHz desktop and many times that on a 240 MHz
    /// ESP32 (docs/building-firmware.md), a page write to the board's flash file system some
    /// hundreds of milliseconds, and this link has no waiting-time extension to say the board is busy.
    /// </summary>
    public static readonly TimeSpan BoardCommandTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long GENERATE KEY PAIR (<c>80 46</c>) may take. The RSA-2048 prime search takes ~170 ms on
    /// a desktop (docs/performance.md) with a long tail; on a 240 MHz board, and above all on the
    /// managed engine under the nanoCLR's interpreter, it is orders of magnitude slower (not yet
    /// measured on hardware), and this link has no waiting-time extension to say the board is busy.
    /// </summary>
    public static readonly TimeSpan KeyGenerationTimeout = TimeSpan.FromMinutes(15);

    public ResponseApdu Transmit(byte[] command)
    {
        Send(command);
        byte[] reply = Receive(TimeoutFor(command));
        if (reply.Length < 2)
        {
            throw new CardLinkException($"the board answered {reply.Length} bytes, not a response APDU");
        }
        return new ResponseApdu(reply[..^2], (ushort)((reply[^2] << 8) | reply[^1]));
    }

    int IApduEndpoint.Transmit(byte[] command, int length, byte[] response)
    {
        Send(command[..length]);
        byte[] reply = Receive(TimeoutFor(command));
        reply.CopyTo(response, 0);
        return reply.Length;
    }

    void IApduEndpoint.Reset() => Send([Reset]);

    public void Dispose() => stream.Dispose();

    private void Send(byte[] payload)
    {
        stream.Write([(byte)(payload.Length >> 8), (byte)payload.Length, .. payload]);
        stream.Flush();
    }

    private TimeSpan TimeoutFor(byte[] command)
        => command.Length > 1 && command[0] == 0x80 && command[1] == MynaIns.GenerateKeyPair ? KeyGenerationTimeout : timeout;

    private byte[] Receive(TimeSpan wait)
    {
        ReadExactly(header, wait);
        byte[] payload = new byte[(header[0] << 8) | header[1]];
        ReadExactly(payload, wait);
        return payload;
    }

    /// <summary>Reads the whole buffer or fails after the timeout: a board that stopped answering is an error, not a hang.</summary>
    private void ReadExactly(byte[] buffer, TimeSpan wait)
    {
        using var cancel = new CancellationTokenSource(wait);
        try
        {
            stream.ReadExactlyAsync(buffer, cancel.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw new CardLinkException($"the board did not answer within {wait.TotalSeconds:0} s");
        }
        catch (EndOfStreamException)
        {
            throw new CardLinkException("the serial link closed");
        }
    }
}
