namespace NanoCard.Os.Store
{
    /// <summary>
    /// CRC-32 as in ISO/IEC 3309 (HDLC), zip and Ethernet: reflected polynomial EDB88320, initial
    /// value and final XOR FFFFFFFF. Every store record carries one so that a torn or decayed record
    /// is recognised instead of being served (docs/eeprom-layout.md, "Integrity").
    /// </summary>
    public static class Crc32
    {
        /// <summary>Half a byte at a time: 16 entries (64 bytes) instead of 256 (1 KB of the heap).</summary>
        private static readonly uint[] Table = BuildTable();

        /// <summary>The running value before the first byte (<see cref="Update"/>, <see cref="Finish"/>).</summary>
        public const uint Start = 0xFFFFFFFF;

        /// <summary>The CRC of <c>data[offset..offset+length)</c>.</summary>
        public static uint Compute(byte[] data, int offset, int length)
        {
            return Finish(Update(Start, data, offset, length));
        }

        /// <summary>Continues a CRC over <c>data[offset..offset+length)</c>, for data read piece by piece.</summary>
        public static uint Update(uint running, byte[] data, int offset, int length)
        {
            int end = offset + length;
            for (int i = offset; i < end; i++)
            {
                running ^= data[i];
                running = Table[running & 0x0F] ^ (running >> 4);
                running = Table[running & 0x0F] ^ (running >> 4);
            }
            return running;
        }

        public static uint Finish(uint running)
        {
            return ~running;
        }

        private static uint[] BuildTable()
        {
            uint[] table = new uint[16];
            for (uint n = 0; n < 16; n++)
            {
                uint c = n;
                for (int k = 0; k < 4; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                }
                table[n] = c;
            }
            return table;
        }
    }
}
