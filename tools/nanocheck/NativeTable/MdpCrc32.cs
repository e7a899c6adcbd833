namespace NanoCheck.NativeTable;

/// <summary>
/// The CRC-32 the MetadataProcessor uses for the native checksum: polynomial 0x04C11DB7 processed
/// most significant bit first, no reflection, no final XOR, the running value passed in as the start
/// (metadata-processor <c>MetadataProcessor.Shared/Utility/Crc32.cs</c>). Not the zlib CRC-32.
/// </summary>
internal static class MdpCrc32
{
    private const uint Polynomial = 0x04C11DB7;
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data, uint crc)
    {
        foreach (byte b in data)
        {
            crc = Table[((crc >> 24) ^ b) & 0xFF] ^ (crc << 8);
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint value = i << 24;
            for (int bit = 0; bit < 8; bit++)
            {
                value = (value & 0x80000000) != 0 ? (value << 1) ^ Polynomial : value << 1;
            }

            table[i] = value;
        }

        return table;
    }
}
