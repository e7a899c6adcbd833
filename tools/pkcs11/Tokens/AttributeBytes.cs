using System.Buffers.Binary;
using System.Text;

namespace NanoCard.Pkcs11.Tokens;

/// <summary>Attribute values in the form C_GetAttributeValue hands them out (CK_ULONG, CK_BBOOL, UTF-8).</summary>
public static class AttributeBytes
{
    public static byte[] Ulong(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }

    public static byte[] Bool(bool value) => [value ? (byte)1 : (byte)0];

    public static byte[] Text(string value) => Encoding.UTF8.GetBytes(value);

    /// <summary>A CK_ULONG read from template bytes; false when the length is not 8.</summary>
    public static bool TryReadUlong(ReadOnlySpan<byte> value, out ulong result)
    {
        result = value.Length == 8 ? BinaryPrimitives.ReadUInt64LittleEndian(value) : 0;
        return value.Length == 8;
    }
}
