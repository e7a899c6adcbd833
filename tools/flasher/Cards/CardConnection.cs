using NanoCard.Flasher.Pcsc;
using NanoCard.Flasher.Serial;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Cards;

/// <summary>An open card for a command: a simulated image (powered up in process), a PC/SC reader, or a board on a serial cable.</summary>
public sealed class CardConnection : IDisposable
{
    private readonly IDisposable resource;

    private CardConnection(CardClient client, IDisposable resource)
    {
        Client = client;
        this.resource = resource;
    }

    public CardClient Client { get; }

    /// <summary>
    /// Opens <paramref name="target"/>; a new image file becomes a blank card of <paramref name="profileIfBlank"/>.
    /// <paramref name="access"/> says what may happen to an image file; a reader or a board is a card that decides for itself.
    /// </summary>
    public static CardConnection Open(string target, string profileIfBlank = "gen1", ImageAccess access = ImageAccess.ReadWrite)
    {
        CardTarget where = CardTarget.Parse(target);
        if (access == ImageAccess.Format && where.Kind != CardTarget.Sim)
        {
            throw new UserError($"--format erases an image file (sim:PATH), not the card in {target}");
        }
        switch (where.Kind)
        {
            case CardTarget.Sim:
                CardImage image = CardImage.Open(where.Value, profileIfBlank: profileIfBlank, access: access);
                return new CardConnection(image.Card.Client, image);
            case CardTarget.Pcsc:
                try
                {
                    var channel = new PcscChannel(where.Value);
                    return new CardConnection(new CardClient(channel), channel);
                }
                catch (Exception e) when (e is IOException or DllNotFoundException)
                {
                    throw new UserError(e.Message);
                }
            default:
                SerialCard board = OpenSerial(where.Value);
                return new CardConnection(new CardClient(board), board);
        }
    }

    /// <summary>
    /// A board on a serial port (its USB serial, 115 200 baud 8N1 as the device firmware opens it),
    /// powered on and asked for its ATR, so a port with no board behind it fails here, in one line.
    /// </summary>
    public static SerialCard OpenSerial(string path)
    {
        // Reads wait as long as SerialCard allows for each command (ATR, ordinary command, key generation).
        var port = new System.IO.Ports.SerialPort(path, 115200) { ReadTimeout = System.IO.Ports.SerialPort.InfiniteTimeout, WriteTimeout = 10_000 };
        try
        {
            port.Open();
            var board = new SerialCard(port.BaseStream, SerialCard.BoardCommandTimeout);
            board.PowerUp();
            board.Atr();
            return board;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TimeoutException or InvalidOperationException)
        {
            port.Dispose();
            throw new UserError($"serial:{path}: no NanoCard board answers there ({e.Message}); check the port name (ls /dev/ttyUSB* /dev/ttyACM*) and that the board runs the NanoCard firmware");
        }
    }

    public void Dispose() => resource.Dispose();
}
