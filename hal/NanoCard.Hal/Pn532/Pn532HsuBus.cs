using NanoCard.Hal.Buses;

namespace NanoCard.Hal.Pn532
{
    /// <summary>
    /// The PN532 on its high-speed UART (HSU, 115 200 baud 8N1). The chip sleeps until woken: the
    /// first frame is preceded by <c>55 55</c> and zeros (UM0701 §6.2.2, "HSU wake up condition");
    /// frames then go back and forth as bytes.
    /// </summary>
    public sealed class Pn532HsuBus : IPn532Bus
    {
        private static readonly byte[] WakeUp = { 0x55, 0x55, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };

        /// <summary>How long a frame's bytes may straggle once the first one came.</summary>
        private const int ByteTimeoutMs = 20;

        private readonly ISerialTransport transport;
        private readonly byte[] discard = new byte[16];
        private bool awake;

        public Pn532HsuBus(ISerialTransport transport)
        {
            this.transport = transport;
        }

        /// <summary>
        /// Drops whatever is still in the UART first: the chip only ever speaks in answer to a host
        /// frame, so bytes left over are noise or the rest of a frame the host gave up on (a NACKed
        /// one), and would be taken for the answer to this frame.
        /// </summary>
        public void Write(byte[] frame, int length)
        {
            while (transport.BytesToRead > 0)
            {
                transport.Read(discard, 0, discard.Length);
            }
            if (!awake)
            {
                transport.Write(WakeUp, 0, WakeUp.Length);
                awake = true;
            }
            transport.Write(frame, 0, length);
        }

        public bool WaitReady(int timeoutMs)
        {
            for (int waited = 0; transport.BytesToRead == 0; waited++)
            {
                if (waited >= timeoutMs)
                {
                    return false;
                }
                System.Threading.Thread.Sleep(1);
            }
            return true;
        }

        /// <summary>
        /// Byte by byte until one whole frame has come, so that a frame following at once (the
        /// response after an ACK) stays in the UART for the next read.
        /// </summary>
        public int Read(byte[] buffer)
        {
            int have = 0;
            int idle = 0;
            while (have < buffer.Length && idle <= ByteTimeoutMs)
            {
                if (transport.BytesToRead == 0)
                {
                    System.Threading.Thread.Sleep(1);
                    idle++;
                    continue;
                }
                idle = 0;
                have += transport.Read(buffer, have, 1);
                int tfiAt, payload, end;
                if (have >= Pn532Frame.Ack.Length - 1 && Pn532Frame.Decode(buffer, have, out tfiAt, out payload, out end) != Pn532Frame.Incomplete)
                {
                    break;
                }
            }
            return have;
        }
    }
}
