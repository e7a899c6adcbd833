namespace NanoCard.Hal.Pn532
{
    /// <summary>
    /// The PN532 host frame layer (UM0701-02 §6.2.1, docs/references.md §10.1; the same frames as libnfc's pn53x_build_frame):
    /// normal information frames <c>00 00 FF LEN LCS TFI PD… DCS 00</c>, extended ones
    /// <c>00 00 FF FF FF LENM LENL LCS TFI PD… DCS 00</c>, ACK <c>00 00 FF 00 FF 00</c>, NACK
    /// <c>00 00 FF FF 00 00</c> and the syntax-error frame <c>00 00 FF 01 FF 7F 81 00</c>. Checksums:
    /// (LEN + LCS) and (TFI + PD… + DCS) are 0 modulo 256.
    /// </summary>
    public static class Pn532Frame
    {
        /// <summary>The bytes around every frame: preamble, start code <c>00 FF</c>, postamble; <c>FF FF</c> in place of LEN/LCS marks an extended frame.</summary>
        private const byte Preamble = 0x00;
        private const byte StartCode1 = 0x00;
        private const byte StartCode2 = 0xFF;
        private const byte Postamble = 0x00;
        private const byte ExtendedMarker = 0xFF;

        public const byte HostToPn532 = 0xD4;
        public const byte Pn532ToHost = 0xD5;
        public const byte ErrorTfi = 0x7F;

        /// <summary>Most TFI + data bytes in a normal frame; longer payloads go in an extended frame.</summary>
        public const int NormalMax = 255;
        /// <summary>The firmware's limit for an extended frame's TFI + data: 265 (libnfc PN53x_EXTENDED_FRAME__DATA_MAX_LEN, 264 data bytes, + TFI).</summary>
        public const int ExtendedMax = 265;
        /// <summary>Bytes of an extended frame around TFI + data: preamble, start code, FF FF, LENM, LENL, LCS, DCS, postamble.</summary>
        public const int ExtendedOverhead = 10;
        /// <summary>Room for the largest frame either side sends.</summary>
        public const int MaxFrame = ExtendedMax + ExtendedOverhead;

        public static readonly byte[] Ack = { 0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00 };
        public static readonly byte[] Nack = { 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00 };

        /// <summary>What <see cref="Decode"/> found.</summary>
        public const byte Incomplete = 0;
        public const byte IsAck = 1;
        public const byte IsNack = 2;
        public const byte IsError = 3;
        public const byte IsData = 4;
        /// <summary>A frame whose length or data checksum is wrong: answer with a NACK.</summary>
        public const byte IsCorrupt = 5;

        /// <summary>
        /// Writes the frame carrying <paramref name="tfi"/> and <c>data[offset..offset+length)</c>
        /// into <paramref name="frame"/>; returns its length.
        /// </summary>
        public static int Encode(byte tfi, byte[] data, int offset, int length, byte[] frame)
        {
            int payload = length + 1;
            if (payload > ExtendedMax)
            {
                throw new System.ArgumentOutOfRangeException("length");
            }
            int at = 0;
            frame[at++] = Preamble;
            frame[at++] = StartCode1;
            frame[at++] = StartCode2;
            if (payload <= NormalMax)
            {
                frame[at++] = (byte)payload;
                frame[at++] = (byte)(0x100 - payload);
            }
            else
            {
                frame[at++] = ExtendedMarker;
                frame[at++] = ExtendedMarker;
                frame[at++] = (byte)(payload >> 8);
                frame[at++] = (byte)payload;
                frame[at++] = (byte)(0x100 - (((payload >> 8) + payload) & 0xFF));
            }
            frame[at++] = tfi;
            int sum = tfi;
            for (int i = 0; i < length; i++)
            {
                byte b = data[offset + i];
                frame[at++] = b;
                sum += b;
            }
            frame[at++] = (byte)(0x100 - (sum & 0xFF));
            frame[at++] = Postamble;
            return at;
        }

        /// <summary>
        /// Looks for a frame in <c>buffer[0..length)</c>, skipping any bytes before its start code
        /// (preambles of any length, bus garbage). For a data or error frame, <paramref name="tfiAt"/>
        /// and <paramref name="payload"/> give where TFI is and how many bytes TFI + data take;
        /// <paramref name="end"/> is the index after the frame (its DCS, the postamble is optional).
        /// </summary>
        public static byte Decode(byte[] buffer, int length, out int tfiAt, out int payload, out int end)
        {
            tfiAt = 0;
            payload = 0;
            end = 0;
            int start = -1;
            for (int i = 0; i + 1 < length; i++)
            {
                if (buffer[i] == StartCode1 && buffer[i + 1] == StartCode2)
                {
                    start = i + 2;
                    break;
                }
            }
            if (start < 0 || start + 2 > length)
            {
                return Incomplete;
            }
            byte len = buffer[start];
            byte lcs = buffer[start + 1];
            if (len == 0x00 && lcs == 0xFF)
            {
                end = start + 2;
                return IsAck;
            }
            if (len == 0xFF && lcs == 0x00)
            {
                end = start + 2;
                return IsNack;
            }
            int at;
            if (len == ExtendedMarker && lcs == ExtendedMarker)
            {
                if (start + 5 > length)
                {
                    return Incomplete;
                }
                int high = buffer[start + 2], low = buffer[start + 3];
                if (((high + low + buffer[start + 4]) & 0xFF) != 0)
                {
                    end = start + 5;
                    return IsCorrupt;
                }
                payload = (high << 8) | low;
                at = start + 5;
            }
            else
            {
                if (((len + lcs) & 0xFF) != 0)
                {
                    end = start + 2;
                    return IsCorrupt;
                }
                payload = len;
                at = start + 2;
            }
            if (payload < 1 || payload > ExtendedMax)
            {
                end = at;
                return IsCorrupt;
            }
            if (at + payload + 1 > length)
            {
                return Incomplete;
            }
            int sum = 0;
            for (int i = 0; i <= payload; i++)
            {
                sum += buffer[at + i];
            }
            tfiAt = at;
            end = at + payload + 1;
            if ((sum & 0xFF) != 0)
            {
                return IsCorrupt;
            }
            return buffer[at] == ErrorTfi ? IsError : IsData;
        }
    }
}
