namespace NanoCard.Issuance;

/// <summary>
/// BER-TLV with the tags written as the card's files print them (FF20, DF21, 7F21, 5F4E, 90…):
/// ISO/IEC 7816-4 §6.3 / X.690 §8.1. Lengths are minimal (X.690 §8.1.3) unless
/// <c>longForm</c> asks for the two-byte form the real card uses on some headers
/// (docs/references.md §4.1: "FF 40 82 00 9F").
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

    /// <summary>Header plus content length of the TLV at the start of <paramref name="data"/> (the part a client reads first).</summary>
    public static int TotalLength(byte[] data)
    {
        var (_, header, length) = Header(data, 0);
        return header + length;
    }

    /// <summary>The TLVs inside the constructed TLV at the start of <paramref name="file"/>, with their offsets in the file.</summary>
    public static List<TlvField> Children(byte[] file)
    {
        var (_, header, length) = Header(file, 0);
        var fields = new List<TlvField>();
        for (int at = header; at < header + length;)
        {
            var (tag, h, l) = Header(file, at);
            fields.Add(new TlvField(tag, at, file[(at + h)..(at + h + l)], file[at..(at + h + l)]));
            at += h + l;
        }
        return fields;
    }

    /// <summary>Tag (one or two bytes), header length and content length at <paramref name="at"/>.</summary>
    private static (int Tag, int HeaderLength, int Length) Header(byte[] data, int at)
    {
        int start = at;
        int tag = data[at++];
        if ((tag & 0x1F) == 0x1F)
        {
            tag = (tag << 8) | data[at++];
        }
        int length = data[at++];
        if (length == 0x81)
        {
            length = data[at++];
        }
        else if (length == 0x82)
        {
            length = (data[at] << 8) | data[at + 1];
            at += 2;
        }
        return (tag, at - start, length);
    }
}

/// <summary>One TLV inside a file: its tag, where it starts, its value and its whole encoding.</summary>
public sealed record TlvField(int Tag, int Offset, byte[] Value, byte[] Encoded);
