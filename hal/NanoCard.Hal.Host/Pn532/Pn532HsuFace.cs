using NanoCard.Hal.Buses;

namespace NanoCard.Hal.Host.Pn532;

/// <summary>
/// The model's UART at 115 200 baud: what the host writes reaches the chip byte by byte (a
/// powered-down chip wakes on the first byte and misses those that come before it listens,
/// UM0701-02 §6.2 and libnfc pn532_uart.c); what the chip sends arrives in the host's receive
/// buffer one byte time after another, from the moment the frame is ready.
/// </summary>
internal sealed class Pn532HsuFace(Pn532Simulator chip) : ISerialTransport
{
    private readonly HostFrameScanner scanner = new();
    private readonly Queue<(byte Value, long At)> incoming = new();
    private long lastByteAt;

    public void Write(byte[] buffer, int offset, int count)
    {
        long at = chip.Clock.Microseconds;
        for (int i = 0; i < count; i++)
        {
            at += (long)ChipTiming.HsuByteUs;
            if (!chip.Hears(at))
            {
                scanner.Reset();
                continue;
            }
            HostFrameScanner.Result result = scanner.Feed(buffer[offset + i]);
            if (result != HostFrameScanner.Result.Nothing)
            {
                chip.Receive(result, scanner.Payload, at);
            }
        }
        chip.Clock.AdvanceTo(at);
    }

    public int BytesToRead
    {
        get
        {
            long now = chip.Clock.Microseconds;
            while (chip.HasFrame(now))
            {
                var (frame, at) = chip.TakeFrame();
                long t = Math.Max(at, lastByteAt);
                foreach (byte b in frame)
                {
                    t += (long)ChipTiming.HsuByteUs;
                    incoming.Enqueue((b, t));
                }
                lastByteAt = t;
            }
            return incoming.Count(b => b.At <= now);
        }
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        int available = BytesToRead;
        int n = Math.Min(count, available);
        for (int i = 0; i < n; i++)
        {
            buffer[offset + i] = incoming.Dequeue().Value;
        }
        return n;
    }
}
