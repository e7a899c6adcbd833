using NanoCard.Hal.Buses;

namespace NanoCard.Hal.Host.Pn532;

/// <summary>
/// The model's I2C slave (UM0701-02 §6.2.4): a read starts with the status byte (bit 0: a frame is
/// ready) followed by the frame, which the read takes; a one-byte read is the status poll. A
/// powered-down chip is woken by its address and holds SCL until it listens (libnfc pn532_i2c.c);
/// a controller whose stretch limit is shorter gets a failed transfer. Failed transfers leave the
/// host's buffer as it was, as stale as a real one.
/// </summary>
internal sealed class Pn532I2cFace(Pn532Simulator chip) : II2cTransport
{
    private readonly HostFrameScanner scanner = new();

    public bool Write(byte[] buffer, int offset, int count)
    {
        if (!Transfer(count))
        {
            return false;
        }
        scanner.Reset();
        long end = chip.Clock.Microseconds;
        for (int i = 0; i < count; i++)
        {
            HostFrameScanner.Result result = scanner.Feed(buffer[offset + i]);
            if (result != HostFrameScanner.Result.Nothing)
            {
                chip.Receive(result, scanner.Payload, end);
            }
        }
        return true;
    }

    public bool Read(byte[] buffer, int offset, int count)
    {
        if (!Transfer(count))
        {
            return false;
        }
        long now = chip.Clock.Microseconds;
        bool ready = chip.HasFrame(now);
        Array.Fill(buffer, (byte)0x00, offset, count);
        buffer[offset] = ready ? (byte)0x01 : (byte)0x00;
        if (ready && count > 1)
        {
            byte[] frame = chip.TakeFrame().Frame;
            Array.Copy(frame, 0, buffer, offset + 1, Math.Min(frame.Length, count - 1));
            if (ChipFrameBuilder.IsAck(frame))
            {
                chip.LongestAckRead = Math.Max(chip.LongestAckRead, count);
            }
        }
        return true;
    }

    /// <summary>The address phase and the bytes' time on the bus; false when the transfer fails.</summary>
    private bool Transfer(int count)
    {
        var clock = chip.Clock;
        double byteUs = ChipTiming.I2cClocksPerByte * 1000.0 / chip.I2cKilohertz;
        if (chip.I2cNacks > 0 || chip.Chance())
        {
            chip.I2cNacks = Math.Max(0, chip.I2cNacks - 1);
            chip.I2cFailedTransfers++;
            clock.Advance((long)byteUs);
            return false;
        }
        long listens = chip.ListensFrom(clock.Microseconds);
        bool stretchFault = chip.I2cStretchTimeouts > 0 || chip.Chance();
        if (stretchFault || listens - clock.Microseconds > chip.I2cStretchLimitUs)
        {
            chip.I2cStretchTimeouts = Math.Max(0, chip.I2cStretchTimeouts - (stretchFault ? 1 : 0));
            chip.I2cFailedTransfers++;
            clock.Advance(chip.I2cStretchLimitUs);
            return false;
        }
        clock.AdvanceTo(listens);
        chip.Hears(clock.Microseconds);
        clock.Advance((long)((count + 1) * byteUs));
        return true;
    }
}
