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

    public static byte[] Erase() => [0x80, MynaIns.Erase, 0x00, 0x00];

    public static byte[] WriteBinary(int offset, ReadOnlySpan<byte> data) => [0x80, MynaIns.WriteBinary, (byte)(offset >> 8), (byte)offset, (byte)data.Length, .. data];

    public static byte[] AppendRecord(byte[] record) => [0x80, MynaIns.AppendRecord, 0x00, 0x00, (byte)record.Length, .. record];

    public static byte[] PutCredential(byte p2, byte tryLimit, byte[] value) => [0x80, MynaIns.PutCredential, 0x00, p2, (byte)(value.Length + 1), tryLimit, .. value];

    public static byte[] PutData(int tag, byte[] value) => [0x80, 0xDA, (byte)(tag >> 8), (byte)tag, (byte)value.Length, .. value];

    public static byte[] PutKey(byte[] key) => [0x80, MynaIns.PutKey, 0x00, 0x00, (byte)key.Length, .. key];

    public static byte[] SetStatus(byte lifeCycle) => [0x80, MynaIns.SetStatus, 0x80, lifeCycle];

    public static byte[] SelectCardManager() => SelectAid(CardManagerApplet.Aid);
}
