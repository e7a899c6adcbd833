namespace NanoCard.Os
{
    /// <summary>
    /// The command/response APDU, Java Card style: one buffer made at start-up and reused for
    /// every command. The runtime loads a command into it (header at 0, data at
    /// <see cref="DataOffset"/>); the applet reads the data and writes its reply data into the same
    /// buffer, then the runtime sends it, chaining with 61xx when it is longer than Le or a frame.
    /// </summary>
    public sealed class Apdu
    {
        private short incomingLength;
        private short dataOffset;
        private int expectedLength;
        private byte apduCase;
        private bool extended;
        private short outgoingLength;

        /// <summary>Makes the buffer for commands of up to <paramref name="maxCommandData"/> data bytes.</summary>
        public Apdu(short maxCommandData)
        {
            // header (4) + 00 + two Lc bytes + data: the extended layout, also used for assembled chains.
            Buffer = new byte[Iso7816.OffsetExtCdata + maxCommandData];
            MaxCommandData = maxCommandData;
        }

        /// <summary>The APDU buffer (Java Card: <c>getBuffer()</c>).</summary>
        public byte[] Buffer { get; }

        /// <summary>Largest Nc this buffer holds; also the limit for an assembled command chain.</summary>
        public short MaxCommandData { get; }

        public byte Cla { get { return Buffer[Iso7816.OffsetCla]; } }
        public byte Ins { get { return Buffer[Iso7816.OffsetIns]; } }
        public byte P1 { get { return Buffer[Iso7816.OffsetP1]; } }
        public byte P2 { get { return Buffer[Iso7816.OffsetP2]; } }

        /// <summary>ISO 7816-3 §12.1.3 case: 1 (no data, no Le), 2 (Le), 3 (data), 4 (data and Le).</summary>
        public byte Case { get { return apduCase; } }

        /// <summary>True when the command used extended length fields or was assembled from a chain.</summary>
        public bool IsExtended { get { return extended; } }

        /// <summary>Nc: number of command data bytes.</summary>
        public short IncomingLength { get { return incomingLength; } }

        /// <summary>Where the command data starts in <see cref="Buffer"/>: 5 (short) or 7 (extended).</summary>
        public short DataOffset { get { return dataOffset; } }

        /// <summary>Ne: bytes the reader accepts; 0 without Le, 256 for short Le 00, 65536 for extended Le 0000.</summary>
        public int ExpectedLength { get { return expectedLength; } }

        /// <summary>Reply data length set so far.</summary>
        public short OutgoingLength { get { return outgoingLength; } }

        /// <summary>Java Card's setIncomingAndReceive: the data is already in the buffer; returns Nc.</summary>
        public short SetIncomingAndReceive()
        {
            return incomingLength;
        }

        /// <summary>Java Card's setOutgoing: starts the reply at buffer offset 0 and returns Ne.</summary>
        public int SetOutgoing()
        {
            outgoingLength = 0;
            return expectedLength;
        }

        /// <summary>Declares the reply length; the reply data is <c>Buffer[0..length)</c>.</summary>
        public void SetOutgoingLength(short length)
        {
            if (length < 0 || length > Buffer.Length)
            {
                IsoException.Throw(Sw.WrongLength);
            }
            outgoingLength = length;
        }

        /// <summary>Appends <c>Buffer[offset..offset+length)</c> to the reply.</summary>
        public void SendBytes(short offset, short length)
        {
            SendBytesLong(Buffer, offset, length);
        }

        /// <summary>Appends bytes from another array to the reply (overlap-safe within the buffer).</summary>
        public void SendBytesLong(byte[] source, short offset, short length)
        {
            if (length < 0 || outgoingLength + length > Buffer.Length)
            {
                IsoException.Throw(Sw.WrongLength);
            }
            System.Array.Copy(source, offset, Buffer, outgoingLength, length);
            outgoingLength = (short)(outgoingLength + length);
        }

        /// <summary>The reply is <c>Buffer[offset..offset+length)</c>.</summary>
        public void SetOutgoingAndSend(short offset, short length)
        {
            outgoingLength = 0;
            SendBytes(offset, length);
        }

        /// <summary>
        /// Parses the length fields of a command frame (ISO/IEC 7816-4:2020 §5.2, table 2) without
        /// touching the buffer, which may still hold a pending reply or part of a chain. Returns
        /// <see cref="Sw.NoError"/> or <see cref="Sw.WrongLength"/> for any inconsistent length:
        /// Lc that disagrees with the frame, a 0-length extended Lc, a short/extended mix, Nc above
        /// the buffer, or an extended APDU when the transport has none.
        /// </summary>
        internal ushort Parse(byte[] frame, int length, bool extendedAllowed)
        {
            outgoingLength = 0;
            if (length < 4)
            {
                return Sw.WrongLength;
            }
            int nc = 0;
            int ne = 0;
            byte kind;
            bool ext = false;
            int offset = Iso7816.OffsetCdata;
            if (length == 4)
            {
                kind = 1;
            }
            else if (length == 5)
            {
                kind = 2;
                ne = frame[4] == 0 ? 256 : frame[4];
            }
            else if (frame[4] != 0)
            {
                nc = frame[4];
                if (length == 5 + nc)
                {
                    kind = 3;
                }
                else if (length == 6 + nc)
                {
                    kind = 4;
                    ne = frame[length - 1] == 0 ? 256 : frame[length - 1];
                }
                else
                {
                    return Sw.WrongLength;
                }
            }
            else
            {
                // B1 = 00 and more bytes follow: extended length fields (§5.2, "00" then two bytes).
                ext = true;
                offset = Iso7816.OffsetExtCdata;
                if (length < 7)
                {
                    return Sw.WrongLength;
                }
                int b23 = Util.GetUShort(frame, 5);
                if (length == 7)
                {
                    kind = 2;
                    ne = b23 == 0 ? 65536 : b23;
                }
                else
                {
                    nc = b23;
                    if (nc == 0)
                    {
                        return Sw.WrongLength;
                    }
                    if (length == 7 + nc)
                    {
                        kind = 3;
                    }
                    else if (length == 9 + nc)
                    {
                        kind = 4;
                        int le = Util.GetUShort(frame, length - 2);
                        ne = le == 0 ? 65536 : le;
                    }
                    else
                    {
                        return Sw.WrongLength;
                    }
                }
            }
            if ((ext && !extendedAllowed) || nc > MaxCommandData)
            {
                return Sw.WrongLength;
            }
            Set(kind, ext, (short)offset, (short)nc, ne);
            return Sw.NoError;
        }

        /// <summary>Copies the header and data of the frame last given to <see cref="Parse"/> into the buffer.</summary>
        internal void Receive(byte[] frame)
        {
            System.Array.Copy(frame, 0, Buffer, 0, apduCase == ApduCase.NoData ? 4 : dataOffset + incomingLength);
        }

        /// <summary>Describes a command whose header and data the runtime has put in the buffer itself (an assembled chain).</summary>
        internal void Set(byte kind, bool isExtended, short offset, short nc, int ne)
        {
            apduCase = kind;
            extended = isExtended;
            dataOffset = offset;
            incomingLength = nc;
            expectedLength = ne;
            outgoingLength = 0;
        }
    }
}
