namespace NanoCard.Os.Runtime
{
    /// <summary>
    /// ISO/IEC 7816-4:2020 §5.3.3 command chaining: commands with CLA bit 0x10 set are collected
    /// into the APDU buffer (extended layout, data at offset 7) until the one without the bit
    /// arrives; the applet then sees a single command. Every link must repeat the first one's
    /// CLA (apart from the chaining bit), INS, P1 and P2.
    /// </summary>
    internal sealed class CommandChain
    {
        private readonly Apdu apdu;
        private bool inProgress;
        private int length;

        public CommandChain(Apdu apdu)
        {
            this.apdu = apdu;
        }

        public bool InProgress { get { return inProgress; } }

        public void Clear()
        {
            inProgress = false;
            length = 0;
        }

        /// <summary>True when <paramref name="frame"/> has the header of the chain being collected.</summary>
        public bool Continues(byte[] frame)
        {
            byte[] buffer = apdu.Buffer;
            return ClassByte.WithoutChaining(frame[Iso7816.OffsetCla]) == buffer[Iso7816.OffsetCla]
                && frame[Iso7816.OffsetIns] == buffer[Iso7816.OffsetIns]
                && frame[Iso7816.OffsetP1] == buffer[Iso7816.OffsetP1]
                && frame[Iso7816.OffsetP2] == buffer[Iso7816.OffsetP2];
        }

        /// <summary>Starts a chain with the header and data of <paramref name="frame"/> (already parsed into the APDU).</summary>
        public bool Start(byte[] frame)
        {
            byte[] buffer = apdu.Buffer;
            buffer[Iso7816.OffsetCla] = ClassByte.WithoutChaining(frame[Iso7816.OffsetCla]);
            buffer[Iso7816.OffsetIns] = frame[Iso7816.OffsetIns];
            buffer[Iso7816.OffsetP1] = frame[Iso7816.OffsetP1];
            buffer[Iso7816.OffsetP2] = frame[Iso7816.OffsetP2];
            inProgress = true;
            length = 0;
            return Append(frame);
        }

        /// <summary>Adds the data of <paramref name="frame"/>; false (chain dropped) when the total would pass the buffer.</summary>
        public bool Append(byte[] frame)
        {
            int nc = apdu.IncomingLength;
            if (length + nc > apdu.MaxCommandData)
            {
                Clear();
                return false;
            }
            if (nc > 0)
            {
                System.Array.Copy(frame, apdu.DataOffset, apdu.Buffer, Iso7816.OffsetExtCdata + length, nc);
                length += nc;
            }
            return true;
        }

        /// <summary>Ends the chain: the APDU now describes the whole command, with Le from the last link.</summary>
        public void Finish()
        {
            byte[] buffer = apdu.Buffer;
            buffer[Iso7816.OffsetLc] = 0;
            buffer[Iso7816.OffsetLc + 1] = (byte)(length >> 8);
            buffer[Iso7816.OffsetLc + 2] = (byte)length;
            int ne = apdu.ExpectedLength;
            byte kind;
            if (length == 0)
            {
                kind = (byte)(ne == 0 ? 1 : 2);
            }
            else
            {
                kind = (byte)(ne == 0 ? 3 : 4);
            }
            apdu.Set(kind, true, Iso7816.OffsetExtCdata, (short)length, ne);
            Clear();
        }
    }
}
