using NanoCard.Issuance;

namespace NanoCard.Flasher.Cards;

/// <summary>How a reader fetches a TLV-coded EF it has selected, as jpki/myna does, and picks its fields.</summary>
public static class TlvFileReader
{
    /// <summary>7 bytes first, their BER header gives the length, then the rest in 256-byte reads.</summary>
    public static byte[] ReadAll(CardClient reader)
    {
        var content = new List<byte>(reader.Expect(Apdus.ReadBinary(0, 7), "READ header"));
        int total = Tlv.TotalLength([.. content]);
        while (content.Count < total)
        {
            content.AddRange(reader.Expect(Apdus.ReadBinary(content.Count, Math.Min(256, total - content.Count) & 0xFF), "READ"));
        }
        return [.. content.Take(total)];
    }

    /// <summary>The fields inside the file's outer TLV, by tag.</summary>
    public static Dictionary<int, byte[]> Fields(byte[] file) => Tlv.Children(file).ToDictionary(f => f.Tag, f => f.Value);
}
