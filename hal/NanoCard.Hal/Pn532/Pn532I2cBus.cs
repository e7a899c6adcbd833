using NanoCard.Hal.Buses;
using NanoCard.Hal.Timing;

namespace NanoCard.Hal.Pn532
{
    /// <summary>
    /// The PN532 on I2C (address 0x24, UM0701-02 §6.2.4): every read transaction starts with a
    /// status byte whose bit 0 (RDY) says the chip has a frame ready; the host polls it, then reads
    /// the status byte and the frame in one transaction. A transfer that fails (address not
    /// acknowledged, clock-stretch timeout) counts as "not ready" or "no frame", never as bytes.
    /// </summary>
    public sealed class Pn532I2cBus : IPn532Bus
    {
        /// <summary>Bit 0 of the status byte.</summary>
        private const byte Ready = 0x01;
        /// <summary>How long a waking chip may refuse or stretch transfers before the driver goes on regardless.</summary>
        private const int WakeUpLimitMs = 10;

        private readonly II2cTransport transport;
        private readonly IClock clock;
        private readonly byte[] status = new byte[1];
        private readonly byte[] staging = new byte[Pn532Frame.MaxFrame + 1];

        public Pn532I2cBus(II2cTransport transport, IClock clock)
        {
            this.transport = transport;
            this.clock = clock;
        }

        /// <summary>
        /// Addressing the chip wakes it; it holds SCL while it wakes (libnfc pn532_i2c.c), and a
        /// controller whose clock-stretch limit is shorter, or a chip not yet listening, fails the
        /// transfer. So: status reads until one goes through.
        /// </summary>
        public void WakeUp()
        {
            long start = clock.Milliseconds;
            while (!transport.Read(status, 0, 1) && clock.Milliseconds - start < WakeUpLimitMs)
            {
                clock.Sleep(1);
            }
        }

        public bool Write(byte[] frame, int length)
        {
            return transport.Write(frame, 0, length);
        }

        public bool Poll()
        {
            return transport.Read(status, 0, 1) && (status[0] & Ready) != 0;
        }

        public int Read(byte[] buffer, int count)
        {
            if (count > Pn532Frame.MaxFrame)
            {
                count = Pn532Frame.MaxFrame;
            }
            if (!transport.Read(staging, 0, count + 1) || (staging[0] & Ready) == 0)
            {
                return 0;
            }
            System.Array.Copy(staging, 1, buffer, 0, count);
            return count;
        }
    }
}
