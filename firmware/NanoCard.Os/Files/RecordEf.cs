using NanoCard.Os.Store;

namespace NanoCard.Os.Files
{
    /// <summary>
    /// A linear EF of variable-size records (ISO/IEC 7816-4:2020 §7.3.2), numbered from 1, kept in
    /// the store as <c>count (1) | length (2) data | length (2) data …</c>. Records are appended at
    /// personalization; READ RECORD reads them.
    /// </summary>
    public sealed class RecordEf : FileEntry
    {
        /// <summary>Record numbers 01–FE (00 = current record, FF = RFU).</summary>
        public const int MaxRecords = 254;

        /// <summary>The smallest body: the count byte and one record's 2-byte length.</summary>
        public const short MinSize = 3;

        /// <summary>The body's place in the store: the EF keeps the handle's fields, not the handle (one object less per EF on the device's heap).</summary>
        private readonly CardStore store;
        private readonly int address;
        private readonly short size;
        private readonly byte[] field;

        public RecordEf(short fid, byte sfi, PersistentBytes body, AccessRule read)
            : base(fid, sfi)
        {
            if (body.Size < MinSize)
            {
                throw new System.ArgumentOutOfRangeException("body");
            }
            store = body.Store;
            address = body.Address;
            size = body.Size;
            field = new byte[2];
            ReadAccess = read;
        }

        public AccessRule ReadAccess { get; }

        /// <summary>Records held (the body is made zero-filled: no records).</summary>
        public int RecordCount
        {
            get
            {
                Read(0, field, 0, 1);
                return field[0] > MaxRecords ? 0 : field[0];
            }
        }

        /// <summary>True when a record of <paramref name="length"/> bytes still fits.</summary>
        public bool CanAppend(short length)
        {
            int count = RecordCount;
            return count < MaxRecords && length >= 0 && RecordStart(count + 1) + 2 + length <= size;
        }

        /// <summary>
        /// Adds <c>data[offset..offset+length)</c> as the next record. The record is written past the
        /// last one first and the count last, so a power cut leaves either the old records or all of them.
        /// </summary>
        public void AppendRecord(byte[] data, short offset, short length)
        {
            if (!CanAppend(length))
            {
                throw new System.InvalidOperationException("record EF full");
            }
            int count = RecordCount;
            short end = RecordStart(count + 1);
            Util.SetShort(field, 0, length);
            Write(end, field, 0, 2);
            Write((short)(end + 2), data, offset, length);
            field[0] = (byte)(count + 1);
            Write(0, field, 0, 1);
        }

        public override bool HasContent { get { return RecordCount > 0; } }

        /// <summary>Factory reset (or new records at personalization): no records, every byte zero.</summary>
        public override void Erase()
        {
            store.Fill(address, size, 0x00);
        }

        /// <summary>
        /// Record <paramref name="number"/> (1-based): returns its length, or -1 when there is none,
        /// and copies it to <paramref name="dest"/> when it is at most <paramref name="maxLength"/> bytes.
        /// </summary>
        public short ReadRecord(int number, byte[] dest, short destOffset, short maxLength)
        {
            if (number < 1 || number > RecordCount)
            {
                return -1;
            }
            short start = RecordStart(number);
            Read(start, field, 0, 2);
            short length = Util.GetShort(field, 0);
            if (length <= maxLength)
            {
                Read((short)(start + 2), dest, destOffset, length);
            }
            return length;
        }

        private void Read(short offset, byte[] dest, short destOffset, short length)
        {
            PersistentBytes.Read(store, address, size, offset, dest, destOffset, length);
        }

        private void Write(short offset, byte[] source, short sourceOffset, short length)
        {
            PersistentBytes.Write(store, address, size, offset, source, sourceOffset, length);
        }

        /// <summary>Offset of record <paramref name="number"/>'s length field (for count + 1: where the next one goes).</summary>
        private short RecordStart(int number)
        {
            short position = 1;
            for (int i = 1; i < number; i++)
            {
                Read(position, field, 0, 2);
                position = (short)(position + 2 + Util.GetShort(field, 0));
            }
            return position;
        }
    }
}
