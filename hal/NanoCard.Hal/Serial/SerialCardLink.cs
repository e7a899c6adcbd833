using NanoCard.Hal.Buses;

namespace NanoCard.Hal.Serial
{
    /// <summary>
    /// The board's APDU link over its USB serial port, framed as vsmartcard's vpcd protocol so the
    /// same card code serves NFC and cable (docs/references.md §11): every message is
    /// a 2-byte big-endian length and a payload; a 1-byte payload is a control code (00 power off,
    /// 01 power on, 02 reset, 04 get ATR), anything longer a command APDU, answered with the response
    /// APDU. Power off, on and reset are card resets. A command longer than the card's buffer is
    /// read to its end and answered 6700, so the link stays in step. Buffers are made once.
    /// </summary>
    public sealed class SerialCardLink
    {
        public const byte PowerOff = 0x00;
        public const byte PowerOn = 0x01;
        public const byte Reset = 0x02;
        public const byte GetAtr = 0x04;

        private readonly ISerialTransport port;
        private readonly IApduEndpoint card;
        private readonly byte[] atr;
        private readonly byte[] command;
        private readonly int maxCommand;
        private readonly byte[] response;
        private readonly byte[] header = new byte[2];

        /// <param name="maxCommand">Largest command APDU the card takes.</param>
        /// <param name="maxResponse">Largest response (data and status word) the card gives.</param>
        public SerialCardLink(ISerialTransport port, IApduEndpoint card, byte[] atr, int maxCommand, int maxResponse)
            : this(port, card, atr, maxCommand, maxResponse, new LinkBuffers(maxCommand, maxResponse))
        {
        }

        /// <summary>A link over buffers it shares with the board's other link (<see cref="LinkBuffers"/>).</summary>
        public SerialCardLink(ISerialTransport port, IApduEndpoint card, byte[] atr, int maxCommand, int maxResponse, LinkBuffers buffers)
        {
            if (buffers.Command.Length < maxCommand || buffers.Response.Length < maxResponse)
            {
                throw new System.ArgumentException("buffers too small for this link");
            }
            this.port = port;
            this.card = card;
            this.atr = atr;
            this.maxCommand = maxCommand;
            command = buffers.Command;
            response = buffers.Response;
        }

        /// <summary>Messages answered since construction (control codes included).</summary>
        public int Messages { get; private set; }

        /// <summary>
        /// Serves one message if one has started to arrive; false when the port was idle. Waits up
        /// to <paramref name="byteTimeoutMs"/> for each later byte of a message; a message cut short
        /// is dropped (the host resends after its own timeout).
        /// </summary>
        public bool ServeOne(int byteTimeoutMs)
        {
            if (port.BytesToRead == 0)
            {
                return false;
            }
            if (!ReadExactly(header, 0, 2, byteTimeoutMs))
            {
                return true;
            }
            int length = (header[0] << 8) | header[1];
            if (length > maxCommand)
            {
                if (Skip(length, byteTimeoutMs))
                {
                    response[0] = 0x67;
                    response[1] = 0x00;
                    Send(response, 2);
                }
                return true;
            }
            if (!ReadExactly(command, 0, length, byteTimeoutMs))
            {
                return true;
            }
            Messages++;
            if (length == 1)
            {
                byte control = command[0];
                if (control == GetAtr)
                {
                    Send(atr, atr.Length);
                }
                else if (control == PowerOff || control == PowerOn || control == Reset)
                {
                    card.Reset();
                }
                return true;
            }
            Send(response, card.Transmit(command, length, response));
            return true;
        }

        private void Send(byte[] payload, int length)
        {
            header[0] = (byte)(length >> 8);
            header[1] = (byte)length;
            port.Write(header, 0, 2);
            port.Write(payload, 0, length);
        }

        private bool ReadExactly(byte[] buffer, int offset, int count, int byteTimeoutMs)
        {
            int idle = 0;
            while (count > 0)
            {
                if (port.BytesToRead == 0)
                {
                    if (idle++ >= byteTimeoutMs)
                    {
                        return false;
                    }
                    System.Threading.Thread.Sleep(1);
                    continue;
                }
                idle = 0;
                int n = port.Read(buffer, offset, count);
                offset += n;
                count -= n;
            }
            return true;
        }

        /// <summary>Reads and drops <paramref name="count"/> bytes, through the command buffer.</summary>
        private bool Skip(int count, int byteTimeoutMs)
        {
            while (count > 0)
            {
                int chunk = count < maxCommand ? count : maxCommand;
                if (!ReadExactly(command, 0, chunk, byteTimeoutMs))
                {
                    return false;
                }
                count -= chunk;
            }
            return true;
        }
    }
}
