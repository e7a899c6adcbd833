namespace NanoCard.Hal.Pn532
{
    /// <summary>
    /// The bridge between the PN532 in card emulation and the card OS: one reader session at a
    /// time. When a reader activates the card, the card is reset (the field is its power), then
    /// each APDU is assembled from the TgGetData pieces the chip marks MI (the reader chaining),
    /// handed whole to the OS, and its response sent with TgSetData. The OS's own response chaining
    /// (61xx + GET RESPONSE, frames of 256 data bytes: CardConfig.Contactless) keeps every response
    /// within the chip's 262 bytes; ISO command chaining reaches the OS as separate APDUs. The link
    /// waits for a reader's next APDU as long as it takes (a PIN dialog keeps the selected AP and the
    /// verified PIN); a reader that leaves ("released", or any error status) ends the session; a
    /// protocol error re-initialises the chip. Buffers are made once: an APDU allocates nothing on this path.
    /// </summary>
    public sealed class Pn532CardLink
    {
        private readonly Pn532Target target;
        private readonly IApduEndpoint card;
        private readonly byte[] command;
        private readonly int maxCommand;
        private readonly byte[] response;
        private readonly byte[] wrongLength = { 0x67, 0x00 };
        private bool configured;

        /// <param name="maxCommand">
        /// Largest APDU the card takes over NFC: <c>CardConfig.MaxCommandApdu</c>, a short APDU
        /// (261 bytes) when the card announces no extended length (longer data comes by ISO command
        /// chaining, which the runtime assembles in its own buffer).
        /// </param>
        public Pn532CardLink(Pn532Target target, IApduEndpoint card, int maxCommand)
            : this(target, card, maxCommand, new LinkBuffers(CommandBufferFor(maxCommand), Pn532Target.MaxData))
        {
        }

        /// <summary>A link over buffers it shares with the board's other link (<see cref="LinkBuffers"/>).</summary>
        public Pn532CardLink(Pn532Target target, IApduEndpoint card, int maxCommand, LinkBuffers buffers)
        {
            if (buffers.Command.Length < CommandBufferFor(maxCommand) || buffers.Response.Length < Pn532Target.MaxData)
            {
                throw new System.ArgumentException("buffers too small for this link");
            }
            this.target = target;
            this.card = card;
            this.maxCommand = maxCommand;
            command = buffers.Command;
            response = buffers.Response;
        }

        /// <summary>One chip frame of slack past the largest APDU: the pieces of a longer chain land there and are dropped.</summary>
        public static int CommandBufferFor(int maxCommand)
        {
            return maxCommand + Pn532Target.MaxData;
        }

        /// <summary>APDUs served since construction.</summary>
        public int Apdus { get; private set; }

        /// <summary>Sessions ended by a protocol error (the chip is then configured again).</summary>
        public int Recoveries { get; private set; }

        /// <summary>
        /// Waits up to <paramref name="waitMs"/> for a reader and serves it until it leaves; false
        /// when no reader came. Never throws for what the chip or the reader does.
        /// </summary>
        public bool ServeSession(int waitMs)
        {
            try
            {
                if (!configured)
                {
                    target.Configure();
                    configured = true;
                }
                if (!target.WaitForReader(waitMs))
                {
                    return false;
                }
                card.Reset();
                while (ServeApdu())
                {
                    Apdus++;
                }
            }
            catch (Pn532Exception)
            {
                Recoveries++;
                configured = false;
            }
            return true;
        }

        /// <summary>
        /// One command and its response; false when the reader has gone. A command longer than the
        /// card takes (an extended APDU the ATS did not offer) is read to its end and answered 6700
        /// by the link, and the session goes on.
        /// </summary>
        private bool ServeApdu()
        {
            int length = 0;
            byte status;
            do
            {
                int piece;
                status = target.GetData(command, length < maxCommand ? length : maxCommand, out piece);
                if ((status & Pn532Target.ErrorMask) != 0)
                {
                    return false;
                }
                length += piece;
            }
            while ((status & Pn532Target.MoreInformation) != 0);
            if (length > maxCommand)
            {
                return (target.SetData(wrongLength, 0, wrongLength.Length) & Pn532Target.ErrorMask) == 0;
            }
            int answer = card.Transmit(command, length, response);
            return (target.SetData(response, 0, answer) & Pn532Target.ErrorMask) == 0;
        }
    }
}
