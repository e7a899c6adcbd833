namespace NanoCard.Hal.Pn532
{
    /// <summary>
    /// The PN532 driver: one command at a time over an <see cref="IPn532Bus"/> (UM0701 §6.2): the
    /// host frame, the chip's ACK within <see cref="AckTimeoutMs"/> (resent up to
    /// <see cref="Attempts"/> times when it does not come or is garbled), then the response frame,
    /// which must carry TFI D5 and the command code + 1; a response with a bad checksum is asked for
    /// again with a NACK. Buffers are made once, so commands allocate nothing.
    /// </summary>
    public sealed class Pn532
    {
        public const int AckTimeoutMs = 30;
        public const int Attempts = 3;

        public const byte SamConfigurationCode = 0x14;
        public const byte SetParametersCode = 0x12;
        public const byte TgInitAsTargetCode = 0x8C;
        public const byte TgGetDataCode = 0x86;
        public const byte TgSetDataCode = 0x8E;

        private readonly IPn532Bus bus;
        private readonly byte[] frame = new byte[Pn532Frame.MaxFrame];
        private readonly byte[] incoming = new byte[Pn532Frame.MaxFrame];
        private readonly byte[] command = new byte[Pn532Frame.ExtendedMax];

        public Pn532(IPn532Bus bus)
        {
            this.bus = bus;
        }

        /// <summary>The command buffer: the caller writes parameters from index 1 (index 0 is the command code).</summary>
        public byte[] CommandBuffer { get { return command; } }

        /// <summary>Frames resent or asked for again since construction (ACK lost, NACKs sent): for tests and diagnostics.</summary>
        public int Retries { get; private set; }

        /// <summary>
        /// Sends command <paramref name="code"/> with <c>CommandBuffer[1..1+parameterLength)</c> and
        /// copies the response data (after D5 and the response code) to <paramref name="response"/>
        /// from <paramref name="responseOffset"/>; returns its length, or -1 when no response came
        /// within <paramref name="timeoutMs"/> (the command is then cancelled with an ACK).
        /// </summary>
        public int Execute(byte code, int parameterLength, byte[] response, int responseOffset, int timeoutMs)
        {
            command[0] = code;
            int length = Pn532Frame.Encode(Pn532Frame.HostToPn532, command, 0, parameterLength + 1, frame);
            SendUntilAcknowledged(length);
            if (!bus.WaitReady(timeoutMs))
            {
                // Sending an ACK aborts the running command (UM0701 §6.2.1.3).
                bus.Write(Pn532Frame.Ack, Pn532Frame.Ack.Length);
                return -1;
            }
            for (int attempt = 1; ; attempt++)
            {
                int read = bus.Read(incoming);
                int tfiAt, payload, end;
                byte kind = Pn532Frame.Decode(incoming, read, out tfiAt, out payload, out end);
                if (kind == Pn532Frame.IsData)
                {
                    if (payload < 2 || incoming[tfiAt] != Pn532Frame.Pn532ToHost || incoming[tfiAt + 1] != code + 1)
                    {
                        throw new Pn532Exception("response to another command");
                    }
                    int dataLength = payload - 2;
                    System.Array.Copy(incoming, tfiAt + 2, response, responseOffset, dataLength);
                    return dataLength;
                }
                if (kind == Pn532Frame.IsError)
                {
                    throw new Pn532Exception("the PN532 reported a syntax error");
                }
                if (attempt >= Attempts)
                {
                    throw new Pn532Exception("no valid response frame");
                }
                Retries++;
                bus.Write(Pn532Frame.Nack, Pn532Frame.Nack.Length);
                if (!bus.WaitReady(AckTimeoutMs))
                {
                    throw new Pn532Exception("no response frame after NACK");
                }
            }
        }

        private void SendUntilAcknowledged(int length)
        {
            for (int attempt = 1; ; attempt++)
            {
                bus.Write(frame, length);
                if (bus.WaitReady(AckTimeoutMs))
                {
                    int read = bus.Read(incoming);
                    int tfiAt, payload, end;
                    if (Pn532Frame.Decode(incoming, read, out tfiAt, out payload, out end) == Pn532Frame.IsAck)
                    {
                        return;
                    }
                }
                if (attempt >= Attempts)
                {
                    throw new Pn532Exception("no ACK from the PN532");
                }
                Retries++;
            }
        }
    }
}
