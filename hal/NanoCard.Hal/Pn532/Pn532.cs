using NanoCard.Hal.Timing;

namespace NanoCard.Hal.Pn532
{
    /// <summary>
    /// The PN532 driver: one command at a time over an <see cref="IPn532Bus"/> (UM0701-02 §6.2.2):
    /// the host frame, the chip's ACK within <see cref="AckTimeoutMs"/> (resent up to
    /// <see cref="Attempts"/> times when it does not come or is garbled), then the response frame,
    /// which must carry TFI D5 and the command code + 1; a response with a bad checksum is asked for
    /// again with a NACK. Every wait is measured in elapsed time on the clock it is given. The chip
    /// powers down by itself once TgInitAsTarget is under way (libnfc pn53x.c), so until its answer
    /// has come, the driver wakes the chip before it sends anything, the ACK that cancels the
    /// command included. Buffers are made once, so commands allocate nothing.
    /// </summary>
    public sealed class Pn532
    {
        public const int AckTimeoutMs = 30;
        public const int Attempts = 3;
        /// <summary>A timeout that never runs out (TgGetData waits for the reader as long as it takes, as libnfc does).</summary>
        public const int NoLimit = -1;

        // Command codes (UM0701-02 §7).
        public const byte SetParametersCode = 0x12;
        public const byte SamConfigurationCode = 0x14;
        public const byte TgGetDataCode = 0x86;
        public const byte TgInitAsTargetCode = 0x8C;
        public const byte TgSetDataCode = 0x8E;

        /// <summary>Waits poll every millisecond at first, then every <see cref="SlowPollMs"/> once <see cref="FastPollForMs"/> have gone by (a reader thinking for seconds costs little).</summary>
        private const int FastPollForMs = 50;
        private const int SlowPollMs = 5;

        private readonly IPn532Bus bus;
        private readonly IClock clock;
        /// <summary>
        /// The host's frame until the chip acknowledges it, then the chip's response frame: one
        /// buffer for both directions, since after the ACK the host's frame is never sent again (a
        /// garbled response is asked for again with a NACK, UM0701-02 §6.2.1.2).
        /// </summary>
        private readonly byte[] frame = new byte[Pn532Frame.MaxFrame];
        private readonly byte[] ack = new byte[Pn532Frame.Ack.Length];
        private readonly byte[] command = new byte[Pn532Frame.ExtendedMax];
        /// <summary>True from TgInitAsTarget until its answer or a wake-up: the chip may be powered down.</summary>
        private bool mayBeAsleep;

        public Pn532(IPn532Bus bus, IClock clock)
        {
            this.bus = bus;
            this.clock = clock;
        }

        /// <summary>The command buffer: the caller writes parameters from index 1 (index 0 is the command code).</summary>
        public byte[] CommandBuffer { get { return command; } }

        /// <summary>Frames resent or asked for again since construction (ACK lost, NACKs sent): for tests and diagnostics.</summary>
        public int Retries { get; private set; }

        /// <summary>Wake-ups sent since construction: for tests and diagnostics.</summary>
        public int WakeUps { get; private set; }

        /// <summary>
        /// Sends command <paramref name="code"/> with <c>CommandBuffer[1..1+parameterLength)</c> and
        /// copies the response data (after D5 and the response code) to <paramref name="response"/>
        /// from <paramref name="responseOffset"/>; returns its length, or -1 when no response came
        /// within <paramref name="timeoutMs"/> (<see cref="NoLimit"/>: none; the command is then
        /// cancelled with an ACK, UM0701-02 §6.2.1.3).
        /// </summary>
        public int Execute(byte code, int parameterLength, byte[] response, int responseOffset, int timeoutMs)
        {
            command[0] = code;
            int length = Pn532Frame.Encode(Pn532Frame.HostToPn532, command, 0, parameterLength + 1, frame);
            SendUntilAcknowledged(code, length);
            if (!WaitReady(timeoutMs))
            {
                Abort();
                if (!bus.Poll())
                {
                    return -1;
                }
                // The answer came in the meantime and the chip ignored the ACK: a reader was activated.
            }
            // An answer to TgInitAsTarget means a reader's field woke the chip.
            mayBeAsleep = false;
            int failedReads = 0;
            for (int attempt = 1; ; attempt++)
            {
                int read = bus.Read(frame, frame.Length);
                if (read == 0 && ++failedReads < Attempts && WaitReady(AckTimeoutMs))
                {
                    // The transfer failed on the bus (I2C): the frame is still the chip's to give.
                    attempt--;
                    continue;
                }
                int tfiAt, payload, end;
                byte kind = Pn532Frame.Decode(frame, read, out tfiAt, out payload, out end);
                if (kind == Pn532Frame.IsData)
                {
                    if (payload < 2 || frame[tfiAt] != Pn532Frame.Pn532ToHost || frame[tfiAt + 1] != code + 1)
                    {
                        throw new Pn532Exception("response to another command");
                    }
                    int dataLength = payload - 2;
                    System.Array.Copy(frame, tfiAt + 2, response, responseOffset, dataLength);
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
                WriteControl(Pn532Frame.Nack);
                if (!WaitReady(AckTimeoutMs))
                {
                    throw new Pn532Exception("no response frame after NACK");
                }
            }
        }

        /// <summary>
        /// Cancels whatever the chip may be running with an ACK (UM0701-02 §6.2.1.3), after a wake-up,
        /// since TgInitAsTarget may have put it to sleep. Harmless when it runs nothing, so a recovery
        /// starts with it too: a chip that missed an earlier abort would otherwise ignore every
        /// command while it still waits for a reader.
        /// </summary>
        public void Abort()
        {
            mayBeAsleep = true;
            WakeIfAsleep();
            WriteControl(Pn532Frame.Ack);
        }

        /// <summary>An ACK or NACK, written again while the bus reports the transfer failed.</summary>
        private void WriteControl(byte[] control)
        {
            for (int attempt = 1; !bus.Write(control, control.Length) && attempt < Attempts; attempt++)
            {
                Retries++;
            }
        }

        private void SendUntilAcknowledged(byte code, int length)
        {
            for (int attempt = 1; ; attempt++)
            {
                WakeIfAsleep();
                bool sent = bus.Write(frame, length);
                if (code == TgInitAsTargetCode)
                {
                    mayBeAsleep = true;
                }
                if (sent && ReadAck())
                {
                    return;
                }
                if (attempt >= Attempts)
                {
                    throw new Pn532Exception("no ACK from the PN532");
                }
                Retries++;
            }
        }

        /// <summary>Waits for the ACK and reads it as the six bytes it is; a read the bus failed is tried again.</summary>
        private bool ReadAck()
        {
            for (int failedReads = 0; WaitReady(AckTimeoutMs); failedReads++)
            {
                int read = bus.Read(ack, ack.Length);
                if (read > 0 || failedReads + 1 >= Attempts)
                {
                    int tfiAt, payload, end;
                    return Pn532Frame.Decode(ack, read, out tfiAt, out payload, out end) == Pn532Frame.IsAck;
                }
            }
            return false;
        }

        private void WakeIfAsleep()
        {
            if (mayBeAsleep)
            {
                bus.WakeUp();
                WakeUps++;
                mayBeAsleep = false;
            }
        }

        /// <summary>Polls until the chip has a frame; false once <paramref name="timeoutMs"/> have gone by (never for <see cref="NoLimit"/>).</summary>
        private bool WaitReady(int timeoutMs)
        {
            long start = clock.Milliseconds;
            while (!bus.Poll())
            {
                long elapsed = clock.Milliseconds - start;
                if (elapsed < 0)
                {
                    // The clock stepped backwards: count from now.
                    start = clock.Milliseconds;
                    elapsed = 0;
                }
                if (timeoutMs != NoLimit && elapsed >= timeoutMs)
                {
                    return false;
                }
                clock.Sleep(elapsed < FastPollForMs ? 1 : SlowPollMs);
            }
            return true;
        }
    }
}
