namespace NanoCard.Pkcs11.Card;

/// <summary>
/// The commands of docs/apdu-spec.md the module sends, on a <see cref="CardIo"/>: reading files,
/// PIN commands (§6, §13.4), signing (§9, §13.4) and GET CHALLENGE (§9).
/// </summary>
public sealed class NanoCardCommands(CardIo io)
{
    public CardIo Io { get; } = io;

    /// <summary>
    /// A DER object from a transparent EF of the selected AP, read 256 bytes at a time (what also
    /// works over the PN532, §1); null when the EF is missing, closed, or holds only its filler.
    /// </summary>
    public byte[]? ReadDer(ushort fid)
    {
        if (!Io.Send([0x00, 0xA4, 0x02, 0x0C, 0x02, (byte)(fid >> 8), (byte)fid]).IsOk)
        {
            return null;
        }
        Response first = ReadBinary(0);
        if (!first.IsOk || first.Data.Length < 4 || first.Data[0] != 0x30)
        {
            return null;
        }
        int total = DerLength(first.Data);
        if (total <= 0)
        {
            return null;
        }
        var der = new List<byte>(first.Data);
        while (der.Count < total)
        {
            Response next = ReadBinary(der.Count);
            if (!next.IsOk || next.Data.Length == 0)
            {
                return null;
            }
            der.AddRange(next.Data);
        }
        return [.. der.GetRange(0, total)];
    }

    /// <summary>The first 16 bytes of the serial number field of the token-info EF (§8.1: a CK_TOKEN_INFO).</summary>
    public string ReadTokenSerial()
    {
        if (!Io.Send([0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, (byte)NanoCardLayout.TokenInfoFid]).IsOk)
        {
            return "";
        }
        Response info = Io.Send([0x00, 0xB0, 0x00, 80, 16]);
        if (!info.IsOk)
        {
            return "";
        }
        var text = new char[info.Data.Length];
        for (int i = 0; i < text.Length; i++)
        {
            byte b = info.Data[i];
            text[i] = b is >= 0x20 and < 0x7F ? (char)b : ' ';
        }
        return new string(text).Trim();
    }

    /// <summary>Whether the selected AP has an EF (or PIN or key) with this FID.</summary>
    public bool HasEf(ushort fid) => Io.Send([0x00, 0xA4, 0x02, 0x0C, 0x02, (byte)(fid >> 8), (byte)fid]).IsOk;

    /// <summary>Empty VERIFY: tries left without using one (9000 when already verified).</summary>
    public Response PinStatus(byte p2) => Io.Send([0x00, 0x20, 0x00, p2]);

    public Response Verify(byte p2, byte[] value) => Io.Send([0x00, 0x20, 0x00, p2, (byte)value.Length, .. value]);

    /// <summary>CHANGE REFERENCE DATA with P1 01: the new value only, after VERIFY (§6).</summary>
    public Response Change(byte p2, byte[] value) => Io.Send([0x00, 0x24, 0x01, p2, (byte)value.Length, .. value]);

    /// <summary>RESET RETRY COUNTER with P1 00: PUK ‖ new value (§13.4).</summary>
    public Response ResetRetryCounter(byte p2, byte[] puk, byte[] value) => Io.Send([0x00, 0x2C, 0x00, p2, (byte)(puk.Length + value.Length), .. puk, .. value]);

    public Response ComputeSignature(byte p2, byte[] block) => Io.Send([0x80, 0x2A, 0x00, p2, (byte)block.Length, .. block, 0x00]);

    public Response InternalAuthenticate(byte p2, byte[] challenge) => Io.Send([0x00, 0x88, 0x00, p2, (byte)challenge.Length, .. challenge, 0x00]);

    /// <summary>GET CHALLENGE: 1–256 random bytes from the card.</summary>
    public Response GetChallenge(int length) => Io.Send([0x00, 0x84, 0x00, 0x00, (byte)length]);

    private Response ReadBinary(int offset) => Io.Send([0x00, 0xB0, (byte)(offset >> 8), (byte)offset, 0x00]);

    /// <summary>The whole length of a DER SEQUENCE from its header (definite form, up to 4 length bytes).</summary>
    private static int DerLength(byte[] header)
    {
        int first = header[1];
        if (first < 0x80)
        {
            return 2 + first;
        }
        int count = first & 0x7F;
        if (count is 0 or > 3 || header.Length < 2 + count)
        {
            return -1;
        }
        int length = 0;
        for (int i = 0; i < count; i++)
        {
            length = (length << 8) | header[2 + i];
        }
        return 2 + count + length;
    }
}
