using CsCheck;
using NanoCard.Hal.Buses;
using NanoCard.Hal.Host.Pn532;
using NanoCard.Hal.Host.Timing;
using NanoCard.Hal.Pn532;

namespace NanoCard.Hal.Tests;

/// <summary>
/// The PN532 model on its own: its frame code agrees with the driver's (two implementations of
/// UM0701-02 §6.2.1, so neither can hide a mistake of the other), and its power-down after
/// TgInitAsTarget behaves on each bus as libnfc describes the chip.
/// </summary>
public sealed class Pn532ModelTests
{
    private static readonly byte[] SamConfiguration = [0x00, 0x00, 0xFF, 0x05, 0xFB, 0xD4, 0x14, 0x01, 0x14, 0x01, 0x02, 0x00];

    /// <summary>TgInitAsTarget for an ISO 14443-4 A card, no historical bytes.</summary>
    private static byte[] InitAsTarget()
    {
        byte[] parameters = [0x8C, 0x05, 0x04, 0x00, 0x01, 0x02, 0x03, 0x20, .. new byte[28], 0x00, 0x00];
        byte[] frame = new byte[Pn532Frame.MaxFrame];
        int n = Pn532Frame.Encode(Pn532Frame.HostToPn532, parameters, 0, parameters.Length, frame);
        return frame[..n];
    }

    [Fact]
    public void The_model_reads_every_frame_the_driver_writes()
    {
        Gen.Byte.Array[1, 264].Sample(data =>
        {
            byte[] frame = new byte[Pn532Frame.MaxFrame];
            int n = Pn532Frame.Encode(Pn532Frame.HostToPn532, data, 0, data.Length, frame);
            var scanner = new HostFrameScanner();
            HostFrameScanner.Result last = HostFrameScanner.Result.Nothing;
            for (int i = 0; i < n; i++)
            {
                HostFrameScanner.Result r = scanner.Feed(frame[i]);
                last = r == HostFrameScanner.Result.Nothing ? last : r;
            }
            Assert.Equal(HostFrameScanner.Result.Frame, last);
            Assert.Equal([Pn532Frame.HostToPn532, .. data], scanner.Payload);
        });
    }

    [Fact]
    public void The_driver_reads_every_frame_the_model_writes()
    {
        Gen.Byte.Array[0, 262].Sample(data =>
        {
            byte[] frame = ChipFrameBuilder.Response(0x86, data);
            Assert.Equal(Pn532Frame.IsData, Pn532Frame.Decode(frame, frame.Length, out int tfiAt, out int payload, out int end));
            Assert.Equal([Pn532Frame.Pn532ToHost, 0x87, .. data], frame[tfiAt..(tfiAt + payload)]);
            Assert.Equal(frame.Length - 1, end); // all but the postamble
        });
        Assert.Equal(Pn532Frame.Ack, ChipFrameBuilder.Ack);
    }

    [Fact]
    public void Over_SPI_a_sleeping_chip_reads_FF_and_listens_a_millisecond_after_chip_select()
    {
        var clock = new SimulatedClock();
        var chip = new Pn532Simulator(clock);
        ISpiTransport spi = chip.Spi;
        byte[] status = new byte[1];
        byte[] ack = new byte[6];
        byte[] frame = InitAsTarget();
        Write(spi, SamConfiguration);
        Assert.Equal(0x00, Status(spi, status)); // the ACK comes 1 ms after the frame
        clock.Sleep(2);
        Assert.Equal(0x01, Status(spi, status));
        spi.Transfer([Mirror(0x03)], 1, ack, 6);
        clock.Sleep(2);
        spi.Transfer([Mirror(0x03)], 1, new byte[16], 16); // the response
        Write(spi, frame);
        clock.Sleep(2);
        spi.Transfer([Mirror(0x03)], 1, ack, 6);
        Assert.True(chip.Asleep);
        Assert.Equal(0xFF, Status(spi, status));
        Assert.Equal(1, chip.HostWakeUps);
        clock.Sleep(1);
        Assert.Equal(0x00, Status(spi, status)); // awake, still waiting for a reader
        Assert.False(chip.Asleep);
    }

    [Fact]
    public void Over_HSU_bytes_that_reach_a_sleeping_chip_before_it_listens_are_lost()
    {
        var clock = new SimulatedClock();
        var chip = new Pn532Simulator(clock);
        ISerialTransport hsu = chip.Hsu;
        byte[] sink = new byte[64];
        hsu.Write(InitAsTarget(), 0, InitAsTarget().Length);
        clock.Sleep(2);
        hsu.Read(sink, 0, hsu.BytesToRead); // the ACK: the chip powers down
        Assert.True(chip.Asleep);
        hsu.Write(Pn532Frame.Ack, 0, 6); // an abort without a wake-up: lost
        Assert.Equal(0, chip.Aborts);
        hsu.Write([0x55, 0x55, .. new byte[14]], 0, 16);
        hsu.Write(Pn532Frame.Ack, 0, 6); // after libnfc's wake-up: heard
        Assert.Equal(1, chip.Aborts);
    }

    [Fact]
    public void Over_I2C_a_waking_chip_holds_SCL_longer_than_a_short_stretch_limit()
    {
        var clock = new SimulatedClock();
        var chip = new Pn532Simulator(clock);
        II2cTransport i2c = chip.I2c;
        byte[] buffer = new byte[8];
        Assert.True(i2c.Write(InitAsTarget(), 0, InitAsTarget().Length));
        clock.Sleep(2);
        Assert.True(i2c.Read(buffer, 0, 7));
        Assert.Equal([0x01, .. Pn532Frame.Ack], buffer[..7]);
        Assert.True(chip.Asleep);
        Assert.False(i2c.Read(buffer, 0, 1)); // the address wakes it; SCL held past the 0.5 ms limit
        Assert.True(i2c.Read(buffer, 0, 1));
        Assert.Equal(0x00, buffer[0]);

        // A controller with a longer stretch limit waits the wake-up out.
        var patient = new Pn532Simulator(new SimulatedClock()) { I2cStretchLimitUs = 5000 };
        Assert.True(patient.I2c.Write(InitAsTarget(), 0, InitAsTarget().Length));
        patient.Clock.Sleep(2);
        Assert.True(patient.I2c.Read(buffer, 0, 7));
        long before = patient.Clock.Microseconds;
        Assert.True(patient.I2c.Read(buffer, 0, 1));
        Assert.InRange(patient.Clock.Microseconds - before, ChipTiming.WakeUpUs, ChipTiming.WakeUpUs + 100);
    }

    private static void Write(ISpiTransport spi, byte[] frame) =>
        spi.Transfer([Mirror(0x01), .. frame.Select(Mirror)], frame.Length + 1, [], 0);

    private static byte Status(ISpiTransport spi, byte[] status)
    {
        spi.Transfer([Mirror(0x02)], 1, status, 1);
        return Mirror(status[0]);
    }

    private static byte Mirror(byte b) => Pn532SpiBus.Reverse(b);
}
