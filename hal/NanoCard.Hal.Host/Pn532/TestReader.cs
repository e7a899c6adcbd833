namespace NanoCard.Hal.Host.Pn532;

/// <summary>
/// The RF side of <see cref="Pn532Simulator"/>: a reader with a script of command APDUs. It hands
/// each command to the chip in pieces of at most <see cref="PieceSize"/> bytes (ISO-DEP chaining:
/// the chip marks all but the last MI), collects the responses, and leaves the field when the
/// script is done, or right after sending command <see cref="LeaveAfterCommand"/> (the card's
/// response is then lost, as when a card is pulled away mid-command).
/// </summary>
public sealed class TestReader(params byte[][] script)
{
    private readonly Queue<byte[]> commands = new(script);
    private byte[]? current;
    private int sent;
    private int commandsSent;

    /// <summary>Bytes per TgGetData piece; 262 is the chip's maximum.</summary>
    public int PieceSize { get; init; } = 262;

    /// <summary>When set, the reader leaves after sending this many commands, before the last one's response.</summary>
    public int? LeaveAfterCommand { get; init; }

    public List<byte[]> Responses { get; } = [];

    /// <summary>The TgInitAsTarget parameters it was activated with (UID, historical bytes).</summary>
    public byte[] Activation { get; private set; } = [];

    public bool Left { get; private set; }

    internal void Activated(byte[] parameters) => Activation = parameters;

    internal byte[]? NextPiece(out bool more)
    {
        more = false;
        if (Left)
        {
            return null;
        }
        if (current is null)
        {
            if (commands.Count == 0)
            {
                Left = true;
                return null;
            }
            current = commands.Dequeue();
            sent = 0;
        }
        int length = Math.Min(PieceSize, current.Length - sent);
        byte[] piece = current[sent..(sent + length)];
        sent += length;
        more = sent < current.Length;
        if (!more)
        {
            current = null;
            commandsSent++;
        }
        return piece;
    }

    internal bool Receive(byte[] response)
    {
        if (LeaveAfterCommand == commandsSent)
        {
            Left = true;
            return false;
        }
        Responses.Add(response);
        return true;
    }
}
