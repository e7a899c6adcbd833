using NanoCard.Hal.Buses;

namespace NanoCard.Hal.Pn532
{
    /// <summary>
    /// The PN532 on I2C (address 0x24): every read transaction starts with a status byte whose bit 0
    /// says the chip has a frame ready (UM0701 §6.2.4); the host polls it, then reads the status
    /// byte and the frame in one transaction.
    /// </summary>
    public sealed class Pn532I2cBus : IPn532Bus
    {
        private const byte Ready = 0x01;

        private readonly II2cTransport transport;
        private readonly byte[] status = new byte[1];
        private readonly byte[] staging = new byte[Pn532Frame.MaxFrame + 1];

        public Pn532I2cBus(II2cTransport transport)
        {
            this.transport = transport;
        }

        public void Write(byte[] frame, int length)
        {
            transport.Write(frame, 0, length);
        }

        /// <summary>Polls the status byte about once a millisecond.</summary>
        public bool WaitReady(int timeoutMs)
        {
            for (int waited = 0; ; waited++)
            {
                transport.Read(status, 0, 1);
                if ((status[0] & Ready) != 0)
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
            transport.Read(staging, 0, count + 1);
            System.Array.Copy(staging, 1, buffer, 0, count);
            return count;
        }
    }
}
