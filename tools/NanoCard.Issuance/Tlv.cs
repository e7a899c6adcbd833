namespace NanoCard.Issuance;

/// <summary>
/// BER-TLV with the tags written as the card's files print them (FF20, DF21, 7F21, 5F4E, 90…):
/// ISO/IEC 7816-4 §6.3 / X.690 §8.1. Lengths are minimal (X.690 §8.1.3) unless
/// <c>longForm</c> asks for the two-byte form the real card uses on some headers
/// (mynacard-interface.md §4.1: "FF 40 82 00 9F").
/// </summary>
public static class Tlv
{
    public static byte[] Build(int tag, byte[] value, bool longForm = false)
    {
        var output = new List<byte>(value.Length + 6);
        if (tag > 0xFF)
        {
            output.Add((byte)(tag >> 8));
        }
        output.Add((byte)tag);
        output.AddRange(Length(value.Length, longForm));
        output.AddRange(value);
        return [.. output];
    }

    /// <summary>A constructed TLV around the concatenated <paramref name="children"/>.</summary>
    public static byte[] Build(int tag, bool longForm, params byte[][] children) => Build(tag, Concat(children), longForm);

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    private static byte[] Length(int length, bool longForm)
    {
        if (length > 0xFFFF)
        {
            throw new ArgumentOutOfRangeException(nameof(length), "a card file holds at most 64 KiB");
        }
        if (longForm || length > 0xFF)
        {
            return [0x82, (byte)(length >> 8), (byte)length];
        }
        return length < 0x80 ? [(byte)length] : [0x81, (byte)length];
    }
}
