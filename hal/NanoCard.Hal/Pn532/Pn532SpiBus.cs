using NanoCard.Hal.Buses;
using NanoCard.Hal.Timing;

namespace NanoCard.Hal.Pn532
{
    /// <summary>
    /// The PN532 on SPI (mode 0, bytes LSB first: UM0701-02 §6.2.5). Every transfer starts with an
    /// operation byte: <see cref="DataWrite"/>, <see cref="StatusRead"/> (the answer is exactly
    /// <see cref="Ready"/> when a frame waits) or <see cref="DataRead"/>. Controllers that can only
    /// shift MSB first get each byte bit-reversed here (<c>reverseBits</c>), so the same code serves both.
    /// </summary>
    public sealed class Pn532SpiBus : IPn532Bus
    {
        private const byte DataWrite = 0x01;
        private const byte StatusRead = 0x02;
        private const byte DataRead = 0x03;
        /// <summary>
        /// The status of a chip with a frame ready. Compared whole, as libnfc does: a sleeping chip
        /// leaves MISO high and reads as FF, which has bit 0 set too.
        /// </summary>
        private const byte Ready = 0x01;
        /// <summary>
        /// Chip select low wakes the chip, which hears nothing until its oscillator runs; libnfc
        /// (pn532_spi_wakeup) waits 1 ms and then talks slowly. Twice that, at full speed.
        /// </summary>
        private const int WakeUpMs = 2;

        private readonly ISpiTransport transport;
        private readonly IClock clock;
        private readonly bool reverseBits;
        private readonly byte[] outgoing = new byte[Pn532Frame.MaxFrame + 1];
        private readonly byte[] operation = new byte[1];
        private readonly byte[] status = new byte[1];

        /// <param name="reverseBits">True when the SPI controller shifts MSB first: bytes are reversed in software.</param>
        public Pn532SpiBus(ISpiTransport transport, IClock clock, bool reverseBits)
        {
            this.transport = transport;
            this.clock = clock;
            this.reverseBits = reverseBits;
        }

        /// <summary>A status read (chip select low for its length), then the chip's start-up time.</summary>
        public void WakeUp()
        {
            Poll();
            clock.Sleep(WakeUpMs);
        }

        public bool Write(byte[] frame, int length)
        {
            outgoing[0] = Wire(DataWrite);
            for (int i = 0; i < length; i++)
            {
                outgoing[i + 1] = Wire(frame[i]);
            }
            transport.Transfer(outgoing, length + 1, status, 0);
            return true;
        }

        public bool Poll()
        {
            operation[0] = Wire(StatusRead);
            transport.Transfer(operation, 1, status, 1);
            return Wire(status[0]) == Ready;
        }

        public int Read(byte[] buffer, int count)
        {
            if (count > Pn532Frame.MaxFrame)
            {
                count = Pn532Frame.MaxFrame;
            }
            operation[0] = Wire(DataRead);
            transport.Transfer(operation, 1, buffer, count);
            if (reverseBits)
            {
                for (int i = 0; i < count; i++)
                {
                    buffer[i] = Reverse(buffer[i]);
                }
            }
            return count;
        }

        private byte Wire(byte value)
        {
            return reverseBits ? Reverse(value) : value;
        }

        /// <summary>Bit 0 to bit 7 and back.</summary>
        public static byte Reverse(byte value)
        {
            int v = value;
            v = ((v & 0xF0) >> 4) | ((v & 0x0F) << 4);
            v = ((v & 0xCC) >> 2) | ((v & 0x33) << 2);
            v = ((v & 0xAA) >> 1) | ((v & 0x55) << 1);
            return (byte)v;
        }
    }
}
