namespace NanoCard.Issuance;

/// <summary>
/// Reads the gen2 colour photo (visual AP EF 0007, selected and opened by the caller) the two
/// ways a reader can: one extended-length READ BINARY where the transport carries it, or short
/// READ BINARYs of 256 bytes at increasing offsets (ISO/IEC 7816-4 §11.3.3) where it does not.
/// </summary>
public static class PhotoReader
{
    /// <summary>The first <paramref name="length"/> bytes by short reads; <paramref name="exchanges"/> counts the APDUs.</summary>
    public static byte[] ReadShort(CardClient card, int length, out int exchanges)
    {
        var data = new List<byte>(length);
        exchanges = 0;
        while (data.Count < length)
        {
            int chunk = Math.Min(256, length - data.Count);
            data.AddRange(card.Expect(Apdus.ReadBinary(data.Count, chunk & 0xFF), $"READ BINARY at {data.Count}"));
            exchanges++;
        }
        return [.. data];
    }

    /// <summary>The whole EF in one extended READ BINARY (Le 0000: up to 65 536 bytes).</summary>
    public static byte[] ReadExtended(CardClient card) => card.Expect(Apdus.ReadBinaryExtended(0, 0), "READ BINARY (extended)");
}
