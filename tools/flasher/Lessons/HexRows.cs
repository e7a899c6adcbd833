namespace NanoCard.Flasher.Lessons;

/// <summary>Bytes as commentary rows: the address, 16 bytes in hex, and their printable ASCII.</summary>
public static class HexRows
{
    public static void Write(TextWriter output, ReadOnlySpan<byte> bytes, int address)
    {
        for (int row = 0; row < bytes.Length; row += 16)
        {
            ReadOnlySpan<byte> line = bytes.Slice(row, Math.Min(16, bytes.Length - row));
            string hex = string.Join(' ', line.ToArray().Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
            string ascii = string.Concat(line.ToArray().Select(b => b is >= 0x20 and < 0x7F ? (char)b : '.'));
            output.WriteLine($"#   {address + row:X5}  {hex,-47}  |{ascii}|");
        }
    }
}
