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

    /// <summary>
    /// The whole selected EF by short reads of 256 bytes until one comes back short, or an offset
    /// at the end answers 6B00 (an EF whose size is a multiple of 256): a reader need not know the
    /// size (the issuer fits the gen2 photo's EF to the JPEG, docs/eeprom-layout.md).
    /// </summary>
    public static byte[] ReadToEnd(CardClient card, out int exchanges)
    {
        var data = new List<byte>();
        exchanges = 0;
        while (true)
        {
            ResponseApdu reply = card.Send(Apdus.ReadBinary(data.Count, 0));
            exchanges++;
            if (reply.Sw == 0x6B00 && data.Count > 0)
            {
                return [.. data];
            }
            if (!reply.IsOk)
            {
                throw new CardException($"READ BINARY at {data.Count}", reply.Sw);
            }
            data.AddRange(reply.Data);
            if (reply.Data.Length < 256)
            {
                return [.. data];
            }
        }
    }

    /// <summary>The whole EF in one extended READ BINARY (Le 0000: up to 65 536 bytes).</summary>
    public static byte[] ReadExtended(CardClient card) => card.Expect(Apdus.ReadBinaryExtended(0, 0), "READ BINARY (extended)");
}
