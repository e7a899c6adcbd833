using NanoCard.Hal.Buses;

namespace NanoCard.Hal.Pn532
{
    /// <summary>
    /// The PN532 on SPI (mode 0, bytes LSB first: UM0701 §6.2.5). Every transfer starts with an
    /// operation byte: <c>01</c> data write, <c>02</c> status read (bit 0 = frame ready), <c>03</c>
    /// data read. Controllers that can only shift MSB first get each byte bit-reversed here
    /// (<c>reverseBits</c>), so the same code serves both.
    /// </summary>
    public sealed class Pn532SpiBus : IPn532Bus
    {
        private const byte DataWrite = 0x01;
        private const byte StatusRead = 0x02;
        private const byte DataRead = 0x03;

        private readonly ISpiTransport transport;
        private readonly bool reverseBits;
        private readonly byte[] outgoing = new byte[Pn532Frame.MaxFrame + 1];
        private readonly byte[] operation = new byte[1];
        private readonly byte[] status = new byte[1];

        /// <param name="reverseBits">True when the SPI controller shifts MSB first: bytes are reversed in software.</param>
        public Pn532SpiBus(ISpiTransport transport, bool reverseBits)
        {
            this.transport = transport;
            this.reverseBits = reverseBits;
        }

        public void Write(byte[] frame, int length)
        {
            outgoing[0] = Wire(DataWrite);
            for (int i = 0; i < length; i++)
            {
                outgoing[i + 1] = Wire(frame[i]);
            }
            transport.Transfer(outgoing, length + 1, status, 0);
        }

        public bool WaitReady(int timeoutMs)
        {
            operation[0] = Wire(StatusRead);
            for (int waited = 0; ; waited++)
            {
                transport.Transfer(operation, 1, status, 1);
                if ((Wire(status[0]) & 0x01) != 0)
                {
                    return true;
                }
                if (waited >= timeoutMs)
                {
                    return false;
                }
                System.Threading.Thread.Sleep(1);
            }
        }

        public int Read(byte[] buffer)
        {
            int count = buffer.Length < Pn532Frame.MaxFrame ? buffer.Length : Pn532Frame.MaxFrame;
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
