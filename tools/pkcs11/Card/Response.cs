namespace NanoCard.Pkcs11.Card;

/// <summary>A response APDU: data and status word (ISO/IEC 7816-4 §5.1).</summary>
public readonly record struct Response(byte[] Data, ushort Sw)
{
    public bool IsOk => Sw == 0x9000;

    /// <summary>63Cx: x tries left (ISO/IEC 7816-4 §11.5.6), else -1.</summary>
    public int TriesLeft => (Sw & 0xFFF0) == 0x63C0 ? Sw & 0x0F : -1;
}
