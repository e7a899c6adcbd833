using NanoCard.Os;
using NanoCard.Os.Store;

namespace NanoCard.Applets.CardManager
{
    /// <summary>
    /// The card-level data objects set at personalization with PUT DATA and read with GET DATA:
    /// the card identification number (tag 0045, docs/references.md §3.7), the expiry date
    /// (00F2, YYYYMMDD) and the ATR/ATS historical bytes (5F52, ISO/IEC 7816-4 §12.1.1). One store
    /// object holds each as <c>length (1) | value</c> in a fixed slot, so each PUT DATA is one atomic write.
    /// </summary>
    public sealed class CardData
    {
        public const short TagSerial = 0x0045;
        public const short TagExpiry = 0x00F2;
        public const short TagHistoricalBytes = 0x5F52;

        public const byte MaxSerial = 16;
        public const byte ExpiryLength = 8;
        /// <summary>ISO/IEC 7816-3 §8.2.2: at most 15 historical bytes.</summary>
        public const byte MaxHistoricalBytes = 15;

        private const short SerialSlot = 0;
        private const short ExpirySlot = SerialSlot + 1 + MaxSerial;
        private const short HistoricalSlot = ExpirySlot + 1 + ExpiryLength;
        private const short Size = HistoricalSlot + 1 + MaxHistoricalBytes;

        private readonly PersistentBytes record;
        private readonly byte[] field;

        public CardData(CardStore store, uint objectId)
        {
            record = store.Allocate(objectId, ObjectKind.AppletData, Size, 0x00);
            field = new byte[1];
        }

        /// <summary>
        /// PUT DATA: stores <c>source[offset..offset+length)</c> under <paramref name="tag"/>.
        /// 6A88 for an unknown tag, 6A80 for a value of the wrong length or characters.
        /// </summary>
        public ushort Put(short tag, byte[] source, short offset, short length)
        {
            short slot = SlotOf(tag);
            if (slot < 0)
            {
                return Sw.ReferencedDataNotFound;
            }
            bool valid;
            if (tag == TagSerial)
            {
                valid = length >= 1 && length <= MaxSerial && IsPrintable(source, offset, length);
            }
            else if (tag == TagExpiry)
            {
                valid = length == ExpiryLength && IsDigits(source, offset, length);
            }
            else
            {
                valid = length <= MaxHistoricalBytes;
            }
            if (!valid)
            {
                return Sw.WrongData;
            }
            // The length goes just before the value in the same write: move the value up one byte.
            Util.ArrayCopy(source, offset, source, (short)(offset + 1), length);
            source[offset] = (byte)length;
            record.Write(slot, source, offset, (short)(length + 1));
            return Sw.NoError;
        }

        /// <summary>GET DATA: copies the value of <paramref name="tag"/>; returns its length, or -1 when the tag is unknown or unset.</summary>
        public short Get(short tag, byte[] dest, short offset)
        {
            short slot = SlotOf(tag);
            if (slot < 0)
            {
                return -1;
            }
            record.Read(slot, field, 0, 1);
            short length = field[0];
            if (length == 0)
            {
                return -1;
            }
            record.Read((short)(slot + 1), dest, offset, length);
            return length;
        }

        public bool IsSet(short tag)
        {
            short slot = SlotOf(tag);
            record.Read(slot, field, 0, 1);
            return field[0] != 0;
        }

        /// <summary>Factory reset: every object unset.</summary>
        public void Erase()
        {
            record.Fill(0x00);
        }

        private static short SlotOf(short tag)
        {
            switch (tag)
            {
                case TagSerial:
                    return SerialSlot;
                case TagExpiry:
                    return ExpirySlot;
                case TagHistoricalBytes:
                    return HistoricalSlot;
                default:
                    return -1;
            }
        }

        private static bool IsDigits(byte[] value, short offset, short length)
        {
            for (int i = 0; i < length; i++)
            {
                byte c = value[offset + i];
                if (c < (byte)'0' || c > (byte)'9')
                {
                    return false;
                }
            }
            return true;
        }

        private static bool IsPrintable(byte[] value, short offset, short length)
        {
            for (int i = 0; i < length; i++)
            {
                byte c = value[offset + i];
                if (c < 0x20 || c > 0x7E)
                {
                    return false;
                }
            }
            return true;
        }
    }
}
