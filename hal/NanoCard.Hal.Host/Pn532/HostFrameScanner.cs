namespace NanoCard.Hal.Host.Pn532;

/// <summary>
/// The PN532 model's own reading of host frames (UM0701-02 §6.2.1), byte by byte as the chip's
/// receiver sees them: it hunts for the start code <c>00 FF</c>, then takes LEN/LCS (or the
/// extended <c>FF FF LENM LENL LCS</c>), the body and DCS; the ACK and NACK frames are the two
/// LEN/LCS pairs <c>00 FF</c> and <c>FF 00</c>. Written apart from the driver's Pn532Frame on
/// purpose, so a mistake in one is not hidden by the same mistake in the other.
/// </summary>
internal sealed class HostFrameScanner
{
    public enum Result { Nothing, Ack, Nack, Frame, Broken }

    private enum State { Hunt, StartFf, Len, Lcs, LenHigh, LenLow, ExtendedLcs, Body }

    private State state = State.Hunt;
    private int length;
    private int lenHigh;
    private readonly List<byte> body = [];

    /// <summary>TFI and data of the last <see cref="Result.Frame"/>.</summary>
    public byte[] Payload { get; private set; } = [];

    public void Reset() => state = State.Hunt;

    public Result Feed(byte b)
    {
        switch (state)
        {
            case State.Hunt:
                if (b == 0x00)
                {
                    state = State.StartFf;
                }
                return Result.Nothing;
            case State.StartFf:
                state = b == 0xFF ? State.Len : b == 0x00 ? State.StartFf : State.Hunt;
                return Result.Nothing;
            case State.Len:
                length = b;
                state = State.Lcs;
                return Result.Nothing;
            case State.Lcs:
                return OnLcs(b);
            case State.LenHigh:
                lenHigh = b;
                state = State.LenLow;
                return Result.Nothing;
            case State.LenLow:
                length = (lenHigh << 8) | b;
                state = State.ExtendedLcs;
                return Result.Nothing;
            case State.ExtendedLcs:
                if (((lenHigh + length + b) & 0xFF) != 0 || length == 0)
                {
                    state = State.Hunt;
                    return Result.Broken;
                }
                body.Clear();
                state = State.Body;
                return Result.Nothing;
            default:
                body.Add(b);
                if (body.Count < length + 1)
                {
                    return Result.Nothing;
                }
                state = State.Hunt;
                int sum = 0;
                foreach (byte x in body)
                {
                    sum += x;
                }
                if ((sum & 0xFF) != 0)
                {
                    return Result.Broken;
                }
                Payload = [.. body.Take(length)];
                return Result.Frame;
        }
    }

    private Result OnLcs(byte lcs)
    {
        state = State.Hunt;
        if (length == 0x00 && lcs == 0xFF)
        {
            return Result.Ack;
        }
        if (length == 0xFF && lcs == 0x00)
        {
            return Result.Nack;
        }
        if (length == 0xFF && lcs == 0xFF)
        {
            state = State.LenHigh;
            return Result.Nothing;
        }
        if (((length + lcs) & 0xFF) != 0 || length == 0)
        {
            return Result.Broken;
        }
        body.Clear();
        state = State.Body;
        return Result.Nothing;
    }
}
