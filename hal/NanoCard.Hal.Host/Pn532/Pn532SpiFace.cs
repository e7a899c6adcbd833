using NanoCard.Hal.Buses;

namespace NanoCard.Hal.Host.Pn532;

/// <summary>
/// The model's SPI slave as seen through a controller that shifts MSB first (so the driver reverses
/// bits, as on an ESP32 configured that way): the operation byte (01 write, 02 status, 03 read,
/// UM0701-02 §6.2.5), then data. Chip select wakes a powered-down chip; until it listens, what is
/// written is lost and MISO stays high, so everything reads FF (libnfc pn532_spi_wakeup).
/// </summary>
internal sealed class Pn532SpiFace(Pn532Simulator chip) : ISpiTransport
{
    private const byte DataWrite = 0x01;
    private const byte StatusRead = 0x02;
    private const byte DataRead = 0x03;

    private readonly HostFrameScanner scanner = new();

    public void Transfer(byte[] write, int writeCount, byte[] read, int readCount)
    {
        var clock = chip.Clock;
        long start = clock.Microseconds;
        clock.Advance((long)((writeCount + readCount) * ChipTiming.SpiByteUs));
        if (!chip.Hears(start))
        {
            Array.Fill(read, (byte)0xFF, 0, readCount);
            return;
        }
        switch (Mirror(write[0]))
        {
            case DataWrite:
                scanner.Reset();
                for (int i = 1; i < writeCount; i++)
                {
                    HostFrameScanner.Result result = scanner.Feed(Mirror(write[i]));
                    if (result != HostFrameScanner.Result.Nothing)
                    {
                        chip.Receive(result, scanner.Payload, clock.Microseconds);
                    }
                }
                break;
            case StatusRead:
                read[0] = Mirror(chip.HasFrame(start) ? (byte)0x01 : (byte)0x00);
                break;
            case DataRead:
                Array.Fill(read, (byte)0x00, 0, readCount);
                if (chip.HasFrame(start))
                {
                    byte[] frame = chip.TakeFrame().Frame;
                    for (int i = 0; i < Math.Min(frame.Length, readCount); i++)
                    {
                        read[i] = Mirror(frame[i]);
                    }
                    if (ChipFrameBuilder.IsAck(frame))
                    {
                        chip.LongestAckRead = Math.Max(chip.LongestAckRead, readCount);
                    }
                }
                break;
            default:
                Array.Fill(read, (byte)0xFF, 0, readCount);
                break;
        }
    }

    /// <summary>The byte as the other bit order reads it.</summary>
    private static byte Mirror(byte value)
    {
        int mirrored = 0;
        for (int bit = 0; bit < 8; bit++)
        {
            mirrored |= ((value >> bit) & 1) << (7 - bit);
        }
        return (byte)mirrored;
    }
}
