using NanoCard.Applets.CardManager;
using NanoCard.Applets.Shared;

namespace NanoCard.Issuance;

/// <summary>The command APDUs a client and an issuer send (docs/apdu-spec.md), as byte arrays.</summary>
public static class Apdus
{
    /// <summary>Most data bytes per short command: personalization writes go in chunks of this size.</summary>
    public const int ChunkSize = 255;

    public static byte[] SelectAid(byte[] aid) => [0x00, 0xA4, 0x04, 0x0C, (byte)aid.Length, .. aid];

    public static byte[] SelectEf(int fid) => [0x00, 0xA4, 0x02, 0x0C, 0x02, (byte)(fid >> 8), (byte)fid];

    public static byte[] Verify(byte p2, byte[] value) => [0x00, 0x20, 0x00, p2, (byte)value.Length, .. value];

    /// <summary>Empty VERIFY: asks for the tries left without using one.</summary>
    public static byte[] VerifyStatus(byte p2) => [0x00, 0x20, 0x00, p2];

    public static byte[] ReadBinary(int offset, int le) => [0x00, 0xB0, (byte)(offset >> 8), (byte)offset, (byte)le];

    public static byte[] ReadRecord(byte record, byte sfi) => [0x00, 0xB2, record, (byte)((sfi << 3) | 4), 0x00];

    public static byte[] ComputeSignature(byte p2, byte[] block) => [0x80, MynaIns.ComputeSignature, 0x00, p2, (byte)block.Length, .. block, 0x00];

    public static byte[] InternalAuthenticate(byte p2, byte[] challenge) => [0x00, 0x88, 0x00, p2, (byte)challenge.Length, .. challenge, 0x00];

    public static byte[] GetChallenge(int length) => [0x00, 0x84, 0x00, 0x00, (byte)length];

    public static byte[] GetData(int tag) => [0x00, 0xCA, (byte)(tag >> 8), (byte)tag, 0x00];

    public static byte[] ExternalAuthenticate(byte[] cryptogram) => [0x00, 0x82, 0x00, 0x00, (byte)cryptogram.Length, .. cryptogram];

    // Personalization (docs/apdu-spec.md §10).

    public static byte[] GenerateKeyPair(int fid) => [0x80, MynaIns.GenerateKeyPair, 0x00, 0x00, 0x02, (byte)(fid >> 8), (byte)fid, 0x00];

    /// <summary>gen2: an EC key pair on curve 01 (P-256) or 02 (P-384).</summary>
    public static byte[] GenerateEcKeyPair(int fid, byte curve) => [0x80, MynaIns.GenerateKeyPair, 0x00, 0x00, 0x03, (byte)(fid >> 8), (byte)fid, curve, 0x00];

    /// <summary>gen2 renewal: 01 opens the standby key set, 02 switches to it, 00 cancels.</summary>
    public static byte[] SwitchKeySet(byte p1) => [0x80, MynaIns.SwitchKeySet, p1, 0x00];

    /// <summary>RESET RETRY COUNTER (ISO/IEC 7816-4 §11.5.10): P1 00 with a new value, 01 without.</summary>
    public static byte[] ResetRetryCounter(byte p2, byte[] puk, byte[]? newValue)
        => newValue is null ? [0x00, 0x2C, 0x01, p2, (byte)puk.Length, .. puk] : [0x00, 0x2C, 0x00, p2, (byte)(puk.Length + newValue.Length), .. puk, .. newValue];

    /// <summary>READ BINARY with an extended Le (ISO/IEC 7816-4 §5.1): up to 65 536 bytes in one response.</summary>
    public static byte[] ReadBinaryExtended(int offset, int le) => [0x00, 0xB0, (byte)(offset >> 8), (byte)offset, 0x00, (byte)(le >> 8), (byte)le];

    public static byte[] Erase() => [0x80, MynaIns.Erase, 0x00, 0x00];

    public static byte[] WriteBinary(int offset, ReadOnlySpan<byte> data) => [0x80, MynaIns.WriteBinary, (byte)(offset >> 8), (byte)offset, (byte)data.Length, .. data];

    /// <summary>RESIZE of the current transparent EF at personalization (docs/apdu-spec.md §10).</summary>
    public static byte[] Resize(short size) => [0x80, MynaIns.Resize, 0x00, 0x00, 0x02, (byte)(size >> 8), (byte)size];

    public static byte[] AppendRecord(byte[] record) => [0x80, MynaIns.AppendRecord, 0x00, 0x00, (byte)record.Length, .. record];

    public static byte[] PutCredential(byte p2, byte tryLimit, byte[] value) => [0x80, MynaIns.PutCredential, 0x00, p2, (byte)(value.Length + 1), tryLimit, .. value];

    public static byte[] PutData(int tag, byte[] value) => [0x80, 0xDA, (byte)(tag >> 8), (byte)tag, (byte)value.Length, .. value];

    public static byte[] PutKey(byte[] key) => [0x80, MynaIns.PutKey, 0x00, 0x00, (byte)key.Length, .. key];

    public static byte[] SetStatus(byte lifeCycle) => [0x80, MynaIns.SetStatus, 0x80, lifeCycle];

    public static byte[] SelectCardManager() => SelectAid(CardManagerApplet.Aid);
}
