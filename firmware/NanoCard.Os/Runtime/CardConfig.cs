namespace NanoCard.Os.Runtime
{
    /// <summary>What the transport allows, fixed when the card starts: it sizes the one APDU buffer.</summary>
    public sealed class CardConfig
    {
        /// <summary>Java Card's limit for extended length (32767): offsets stay in a short.</summary>
        public const short MaxBufferLength = 32767;

        public CardConfig(short maxCommandData, bool extendedLength, int maxResponseFrame, int maxApplets)
        {
            if (maxCommandData < 255 || maxCommandData > MaxBufferLength - Iso7816.OffsetExtCdata)
            {
                throw new System.ArgumentOutOfRangeException("maxCommandData");
            }
            if (maxResponseFrame < 1 || maxResponseFrame > 65536)
            {
                throw new System.ArgumentOutOfRangeException("maxResponseFrame");
            }
            MaxCommandData = maxCommandData;
            ExtendedLength = extendedLength;
            MaxResponseFrame = maxResponseFrame;
            MaxApplets = maxApplets;
        }

        /// <summary>Largest Nc, whether sent extended or assembled from a command chain.</summary>
        public short MaxCommandData { get; }

        /// <summary>Whether extended length fields are accepted (else 6700).</summary>
        public bool ExtendedLength { get; }

        /// <summary>Most reply data bytes in one response frame; longer replies go out with 61xx + GET RESPONSE.</summary>
        public int MaxResponseFrame { get; }

        public int MaxApplets { get; }

        /// <summary>
        /// Largest command APDU one transport frame brings, which sizes a link's receive buffer:
        /// without extended length a short APDU (header, Lc, 255 data bytes, Le: 261 bytes), longer
        /// data arriving as a command chain the runtime assembles in its own buffer; with extended
        /// length the header, the 3-byte Lc and <see cref="MaxCommandData"/> bytes.
        /// </summary>
        public int MaxCommandApdu
        {
            get { return ExtendedLength ? Iso7816.OffsetExtCdata + MaxCommandData : Iso7816.OffsetCdata + 255 + 1; }
        }

        /// <summary>
        /// The desktop card (vpcd, in-process): extended length up to the Java Card limit, whole
        /// replies in one frame.
        /// </summary>
        public static CardConfig Desktop()
        {
            return new CardConfig(MaxBufferLength - Iso7816.OffsetExtCdata, true, 65536, 8);
        }

        /// <summary>
        /// The PN532 in card emulation: at most 262 bytes per TgGetData/TgSetData and no extended
        /// APDUs (docs/references.md §10.4), so short APDUs, 256 data bytes
        /// per reply frame, and longer commands by ISO command chaining into a 1 KiB buffer: four
        /// times what any command of the card needs (issuers write in 255-byte chunks, and SCP03
        /// commands are single short APDUs), and a quarter of the heap a 4 KiB one took
        /// (docs/performance.md, "Managed heap").
        /// </summary>
        public static CardConfig Contactless()
        {
            return new CardConfig(ContactlessCommandData, false, 256, 8);
        }

        /// <summary>Largest Nc of the contactless configuration (docs/apdu-spec.md §1).</summary>
        public const short ContactlessCommandData = 1024;
    }
}
