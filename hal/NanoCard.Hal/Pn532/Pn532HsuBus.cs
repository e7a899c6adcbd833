using NanoCard.Hal.Buses;
using NanoCard.Hal.Timing;

namespace NanoCard.Hal.Pn532
{
    /// <summary>
    /// The PN532 on its high-speed UART (HSU, 115 200 baud 8N1, UM0701-02 §6.2). There is no
    /// ready line: a frame is ready once its start code <c>00 FF</c> has come, so bytes before it
    /// (noise, a postamble) never count as an answer. Each frame is read whole, postamble included
    /// (the chip sends all six bytes of an ACK; libnfc reads six), and what follows it stays for the
    /// next read.
    /// </summary>
    public sealed class Pn532HsuBus : IPn532Bus
    {
        /// <summary>
        /// The wake-up libnfc sends (pn532_uart_wakeup): <c>55 55</c> wakes the chip and the zeros
        /// (1.4 ms at 115 200 baud) cover its start-up, so the frame after them is heard whole.
        /// </summary>
        private static readonly byte[] WakeUpBytes = { 0x55, 0x55, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };

        /// <summary>How long a frame's later bytes may straggle once its start code came (a 265-byte frame takes 23 ms at 115 200 baud, byte after byte).</summary>
        private const int ByteTimeoutMs = 20;

        private readonly ISerialTransport transport;
        private readonly IClock clock;
        /// <summary>Bytes taken from the UART and not yet handed out: from a possible start code on.</summary>
        private readonly byte[] pending = new byte[Pn532Frame.MaxFrame];
        private int pendingCount;

        public Pn532HsuBus(ISerialTransport transport, IClock clock)
        {
            this.transport = transport;
            this.clock = clock;
        }

        public void WakeUp()
        {
            transport.Write(WakeUpBytes, 0, WakeUpBytes.Length);
        }

        /// <summary>
        /// Drops whatever is still in the UART first: the chip only ever speaks in answer to a host
        /// frame, so bytes left over are noise or the rest of a frame the host gave up on (a NACKed
        /// one), and would be taken for the answer to this frame. Not before an ACK: an abort may
        /// cross the answer it meant to cancel, which the driver then still reads.
        /// </summary>
        public bool Write(byte[] frame, int length)
        {
            if (!IsAck(frame, length))
            {
                while (transport.BytesToRead > 0)
                {
                    pendingCount = 0;
                    Take();
                }
                pendingCount = 0;
            }
            transport.Write(frame, 0, length);
            return true;
        }

        private static bool IsAck(byte[] frame, int length)
        {
            int tfiAt, payload, end;
            return length == Pn532Frame.Ack.Length && Pn532Frame.Decode(frame, length, out tfiAt, out payload, out end) == Pn532Frame.IsAck;
        }

        public bool Poll()
        {
            Take();
            return StartCodeAt() >= 0;
        }

        /// <summary>
        /// The frame whose start code <see cref="Poll"/> saw, byte by byte until it is whole and its
        /// postamble has come (or <paramref name="count"/> bytes, or the bytes stop coming).
        /// </summary>
        public int Read(byte[] buffer, int count)
        {
            long last = clock.Milliseconds;
            int end = -1;
            while (true)
            {
                if (end < 0)
                {
                    int tfiAt, payload, frameEnd;
                    if (Pn532Frame.Decode(pending, pendingCount, out tfiAt, out payload, out frameEnd) != Pn532Frame.Incomplete)
                    {
                        end = frameEnd + 1; // with the postamble
                    }
                }
                if ((end >= 0 && pendingCount >= end) || pendingCount >= count)
                {
                    break;
                }
                if (transport.BytesToRead > 0)
                {
                    transport.Read(pending, pendingCount, 1);
                    pendingCount++;
                    last = clock.Milliseconds;
                    continue;
                }
                long idle = clock.Milliseconds - last;
                if (idle > ByteTimeoutMs || idle < 0)
                {
                    break;
                }
                clock.Sleep(1);
            }
            int handed = pendingCount < count ? pendingCount : count;
            if (end >= 0 && end < handed)
            {
                handed = end;
            }
            System.Array.Copy(pending, 0, buffer, 0, handed);
            System.Array.Copy(pending, handed, pending, 0, pendingCount - handed);
            pendingCount -= handed;
            return handed;
        }

        /// <summary>Moves what the UART holds into <see cref="pending"/>, keeping it from the first possible start code on.</summary>
        private void Take()
        {
            while (transport.BytesToRead > 0)
            {
                if (pendingCount == pending.Length)
                {
                    Trim(1);
                }
                pendingCount += transport.Read(pending, pendingCount, 1);
            }
            int start = StartCodeAt();
            if (start > 0)
            {
                Trim(start);
            }
            else if (start < 0 && pendingCount > 0)
            {
                // Nothing but noise so far: keep a last 00, which may begin a start code.
                Trim(pending[pendingCount - 1] == 0x00 ? pendingCount - 1 : pendingCount);
            }
        }

        /// <summary>Index of the first <c>00 FF</c> in <see cref="pending"/>, or -1.</summary>
        private int StartCodeAt()
        {
            for (int i = 0; i + 1 < pendingCount; i++)
            {
                if (pending[i] == 0x00 && pending[i + 1] == 0xFF)
                {
                    return i;
                }
            }
            return -1;
        }

        private void Trim(int drop)
        {
            System.Array.Copy(pending, drop, pending, 0, pendingCount - drop);
            pendingCount -= drop;
        }
    }
}
