namespace NanoCard.Hal.Host.Pn532;

/// <summary>
/// The RF side of <see cref="Pn532Simulator"/>: a reader with a script of commands. An ISO 14443-4
/// type A reader (the default) activates the card (anticollision, RATS with its <see cref="Fsdi"/>),
/// sends each command in I-blocks no larger than the card's ATS allows (the chip marks all but the
/// last MI), thinks for <see cref="ThinkMs"/> before each command, collects the responses, and
/// deselects when the script is done, or leaves right after sending command
/// <see cref="LeaveAfterCommand"/> (its response is then lost, as when a card is pulled away). While
/// it waits for an answer it follows ISO/IEC 14443-4: S(WTX) from the card extends the wait; with
/// none, after the frame waiting time and two R(NAK) retries it gives up and switches its field off.
/// A card that drops it mid-session (the chip re-armed) is polled again and the script starts over.
/// A FeliCa reader (<see cref="FeliCa"/>) polls NFC-F instead and sends its script as FeliCa commands.
/// </summary>
public sealed class TestReader(params byte[][] script)
{
    private readonly byte[][] script = script;
    /// <summary>Retransmissions a reader tries after a frame waiting time passes without an answer.</summary>
    public const int RetriesOnTimeout = 2;

    private Queue<byte[]> commands = new(script);
    private byte[]? current;
    private int sent;
    private int commandsSent;
    private int pieceLimit;

    /// <summary>Most command bytes per I-block; the card's ATS (FSC) and the NAD lower it further.</summary>
    public int PieceSize { get; init; } = 262;

    /// <summary>When set, the reader leaves after sending this many commands, before the last one's response.</summary>
    public int? LeaveAfterCommand { get; init; }

    /// <summary>The pause before command <c>i</c> (0-based), in milliseconds: a user, a PIN dialog, a slow host.</summary>
    public Func<int, int>? ThinkMs { get; init; }

    /// <summary>When the reader enters the field, counted from <see cref="Pn532Simulator.Tap"/>.</summary>
    public int ArriveAfterMs { get; init; }

    /// <summary>The RATS parameter's FSDI: the largest frame the reader takes (8: 256 bytes).</summary>
    public byte Fsdi { get; init; } = 8;

    /// <summary>A node address the reader puts in the first block of each command, or none.</summary>
    public byte? Nad { get; init; }

    /// <summary>An NFC-F (FeliCa) reader, such as a phone or a transit gate polling for FeliCa.</summary>
    public bool FeliCa { get; init; }

    public List<byte[]> Responses { get; } = [];

    /// <summary>The TgInitAsTarget parameters it was activated with (UID, historical bytes); empty when it never was.</summary>
    public byte[] Activation { get; private set; } = [];

    public bool Left { get; private set; }

    /// <summary>True when it gave up waiting for an answer (no S(WTX) within the frame waiting time).</summary>
    public bool TimedOut { get; private set; }

    /// <summary>Times the card stopped answering mid-session and the reader polled again, starting over.</summary>
    public int Repolls { get; private set; }

    /// <summary>S(WTX) requests the card sent while this reader waited.</summary>
    public int WtxReceived { get; internal set; }

    /// <summary>The largest frame the reader takes: FSD for its FSDI (ISO/IEC 14443-4 §5.1).</summary>
    public int Fsd => FrameSizes[Math.Min((int)Fsdi, FrameSizes.Length - 1)];

    internal static readonly int[] FrameSizes = [16, 24, 32, 40, 48, 64, 96, 128, 256];

    internal long ArrivesAt { get; set; }

    /// <summary>When the reader starts sending its next block.</summary>
    internal long NextSendAt { get; private set; }

    /// <summary>When the last block of the command now waiting for its answer reached the card.</summary>
    internal long CommandArrivedAt { get; set; }

    /// <summary>The RATS it sends: E0, then FSDI and CID 0.</summary>
    internal byte[] Rats => [0xE0, (byte)(Fsdi << 4)];

    internal void Activated(byte[] parameters, long at, int cardFsc)
    {
        Activation = parameters;
        pieceLimit = Math.Min(PieceSize, cardFsc - ChipTiming.BlockOverhead - (Nad is null ? 0 : 1));
        NextSendAt = at + Think(0);
    }

    /// <summary>The next block's data (null: the reader deselects instead); <paramref name="first"/> is true for a command's first block.</summary>
    internal byte[]? NextPiece(out bool more, out bool first)
    {
        more = false;
        first = current is null;
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
        int length = FeliCa ? current.Length : Math.Min(pieceLimit, current.Length - sent);
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

    /// <summary>The card acknowledged a block with MI: the next one follows at once.</summary>
    internal void Acknowledged(long at) => NextSendAt = at;

    /// <summary>The card's answer came whole at <paramref name="at"/>; false when the reader is no longer there to take it.</summary>
    internal bool Receive(byte[] response, long at)
    {
        if (Left || LeaveAfterCommand == commandsSent)
        {
            Left = true;
            return false;
        }
        Responses.Add(response);
        NextSendAt = at + Think(Responses.Count);
        return true;
    }

    internal void GiveUp()
    {
        Left = true;
        TimedOut = true;
    }

    internal void NeverActivated() => Left = true;

    /// <summary>The card stopped answering mid-session: the reader polls again at <paramref name="at"/> and runs its script from the start.</summary>
    internal void Repoll(long at)
    {
        Repolls++;
        commands = new Queue<byte[]>(script);
        current = null;
        commandsSent = 0;
        Responses.Clear();
        ArrivesAt = at;
    }

    private long Think(int command) => (ThinkMs?.Invoke(command) ?? 0) * 1000L;
}
