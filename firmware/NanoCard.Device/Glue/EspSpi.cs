using System.Device.Spi;
using NanoCard.Hal.Buses;

namespace NanoCard.Device.Glue
{
    /// <summary>
    /// The PN532's SPI device as the portable driver's byte transport: the write part, then the
    /// read part, with chip select held (one full-duplex transfer, the bytes clocked in during the
    /// write part dropped).
    /// </summary>
    public sealed class EspSpi : ISpiTransport
    {
        private readonly SpiDevice device;
        private readonly byte[] outgoing = new byte[300];
        private readonly byte[] incoming = new byte[300];

        public EspSpi(SpiDevice device)
        {
            this.device = device;
        }

        public void Transfer(byte[] write, int writeCount, byte[] read, int readCount)
        {
            int total = writeCount + readCount;
            System.Array.Copy(write, 0, outgoing, 0, writeCount);
            System.Array.Clear(outgoing, writeCount, readCount);
            device.TransferFullDuplex(new System.SpanByte(outgoing, 0, total), new System.SpanByte(incoming, 0, total));
            System.Array.Copy(incoming, writeCount, read, 0, readCount);
        }
    }
}
