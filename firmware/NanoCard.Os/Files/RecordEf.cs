namespace NanoCard.Os.Files
{
    /// <summary>
    /// A linear EF of variable-size records (ISO/IEC 7816-4:2020 §7.3.2), numbered from 1.
    /// Records are written at personalization; READ RECORD reads them.
    /// </summary>
    public sealed class RecordEf : FileEntry
    {
        private readonly byte[][] records;
        private int count;

        public RecordEf(short fid, byte sfi, int maxRecords, AccessRule read)
            : base(fid, sfi)
        {
            // Record numbers 01–FE (00 = current record, FF = RFU).
            if (maxRecords < 1 || maxRecords > 254)
            {
                throw new System.ArgumentOutOfRangeException("maxRecords");
            }
            records = new byte[maxRecords][];
            ReadAccess = read;
        }

        public AccessRule ReadAccess { get; }

        public int RecordCount { get { return count; } }

        /// <summary>Adds a copy of <c>data[offset..offset+length)</c> as the next record.</summary>
        public void AppendRecord(byte[] data, short offset, short length)
        {
            if (count == records.Length)
            {
                throw new System.InvalidOperationException("record EF full");
            }
            byte[] record = new byte[length];
            Util.ArrayCopy(data, offset, record, 0, length);
            records[count++] = record;
        }

        /// <summary>Record <paramref name="number"/> (1-based), or null when there is none.</summary>
        public byte[] GetRecord(int number)
        {
            if (number < 1 || number > count)
            {
                return null;
            }
            return records[number - 1];
        }
    }
}
