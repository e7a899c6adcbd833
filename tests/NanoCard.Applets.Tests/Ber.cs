namespace NanoCard.Applets.Tests;

/// <summary>A minimal BER-TLV reader for checking the card's files the way clients parse them.</summary>
public static class Ber
{
    public sealed record Field(int Tag, int Offset, byte[] Value, byte[] Encoded);

    /// <summary>Header and content length of the TLV at the start of <paramref name="data"/>.</summary>
    public static int TotalLength(byte[] data)
    {
        var (_, header, length) = Header(data, 0);
        return header + length;
    }

    /// <summary>The TLVs inside the constructed TLV at the start of <paramref name="file"/>, with their offsets in the file.</summary>
    public static List<Field> Children(byte[] file)
    {
        var (_, header, length) = Header(file, 0);
        var fields = new List<Field>();
        int at = header;
        while (at < header + length)
        {
            var (tag, h, l) = Header(file, at);
            fields.Add(new Field(tag, at, file[(at + h)..(at + h + l)], file[at..(at + h + l)]));
            at += h + l;
        }
        return fields;
    }

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
