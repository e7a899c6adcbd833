using NanoCard.Os;
using NanoCard.Os.Credentials;
using NanoCard.Os.Files;

namespace NanoCard.Os.Tests;

/// <summary>
/// A small applet that exercises the runtime: a PIN and a password, transparent and record EFs
/// with different access rules, and a few proprietary instructions (CLA 80) for chaining, long
/// replies, exact-Le, warning and error paths. It allocates nothing in Process.
/// </summary>
public sealed class TestApplet : Applet
{
    public const short PinFid = 0x0011;
    public const byte PinSfi = 0x11;
    public const short PasswordFid = 0x001B;
    public const byte PasswordSfi = 0x1B;
    public const short PublicEf = 0x0001;     // SFI 1, 300 bytes, read always, update with the PIN
    public const short ProtectedEf = 0x0002;  // SFI 2, 16 bytes, read with PIN or password, update never
    public const short RecordFile = 0x0003;   // SFI 3, two records, read always
    public const short LargeEf = 0x0004;      // no SFI, 1000 bytes, read always
    public const int PublicEfSize = 300;
    public const int LargeEfSize = 1000;

    public const byte InsEcho = 0x10;
    public const byte InsExactLe = 0x12;
    public const byte InsLongReply = 0x14;
    public const byte InsThrowIso = 0x16;
    public const byte InsBug = 0x18;
    public const byte InsWarning = 0x1A;
    public const byte InsErrorWithData = 0x1C;

    public static readonly byte[] Record1 = [0x01, 0x02, 0x03];

    private readonly bool acceptSelect;

    public TestApplet(bool acceptSelect = true)
    {
        this.acceptSelect = acceptSelect;
        Df = new DedicatedFile(8);
        Pin = new OwnerPin(PinFid, PinSfi, new PinFormat(4, 4, PinFormat.Digits), new RamTryCounter(3));
        Password = new OwnerPin(PasswordFid, PasswordSfi, new PinFormat(6, 16, PinFormat.UpperAlphanumeric), new RamTryCounter(5));
        Df.Add(Pin);
        Df.Add(Password);
        var publicEf = new TransparentEf(PublicEf, 1, PublicEfSize, 0xFF, AccessRule.Always, AccessRule.AnyOf([Pin]));
        var pattern = new byte[PublicEfSize];
        for (int i = 0; i < pattern.Length; i++) pattern[i] = (byte)i;
        publicEf.Write(0, pattern, 0, (short)pattern.Length);
        Df.Add(publicEf);
        var protectedEf = new TransparentEf(ProtectedEf, 2, 16, 0x5A, AccessRule.AnyOf([Pin, Password]), AccessRule.Never);
        Df.Add(protectedEf);
        var records = new RecordEf(RecordFile, 3, 4, AccessRule.Always);
        records.AppendRecord(Record1, 0, (short)Record1.Length);
        var record2 = new byte[200];
        for (int i = 0; i < record2.Length; i++) record2[i] = (byte)(0xA0 ^ i);
        records.AppendRecord(record2, 0, (short)record2.Length);
        Df.Add(records);
        var large = new TransparentEf(LargeEf, FileEntry.NoSfi, LargeEfSize, 0x00, AccessRule.Always, AccessRule.Never);
        var largeContent = new byte[LargeEfSize];
        for (int i = 0; i < largeContent.Length; i++) largeContent[i] = (byte)(i * 7);
        large.Write(0, largeContent, 0, (short)largeContent.Length);
        Df.Add(large);
        Pin.Update("1234"u8.ToArray(), 0, 4);
        Password.Update("ABC123"u8.ToArray(), 0, 6);
    }

    public OwnerPin Pin { get; }
    public int FileCount => Df.Count;
    public FileEntry File(int index) => Df[index];
    public OwnerPin Password { get; }
    public int SelectCount { get; private set; }
    public int DeselectCount { get; private set; }
    public int InstallCount { get; private set; }

    public override void Install() => InstallCount++;

    public override bool Select()
    {
        SelectCount++;
        return acceptSelect;
    }

    public override void Deselect() => DeselectCount++;

    public override ushort Process(Apdu apdu)
    {
        if (apdu.Cla != 0x80)
        {
            return base.Process(apdu);
        }
        byte[] buffer = apdu.Buffer;
        int p1p2 = (apdu.P1 << 8) | apdu.P2;
        switch (apdu.Ins)
        {
            case InsEcho:
                apdu.SetOutgoingAndSend(apdu.DataOffset, apdu.SetIncomingAndReceive());
                return Sw.NoError;
            case InsExactLe:
                if (apdu.ExpectedLength != 8) return Sw.WrongLe(8);
                Util.ArrayFill(buffer, 0, 8, 0x88);
                apdu.SetOutgoingAndSend(0, 8);
                return Sw.NoError;
            case InsLongReply:
                if (p1p2 > buffer.Length) return Sw.IncorrectP1P2;
                for (int i = 0; i < p1p2; i++) buffer[i] = (byte)(i * 3);
                apdu.SetOutgoingAndSend(0, (short)p1p2);
                return Sw.NoError;
            case InsThrowIso:
                IsoException.Throw((ushort)p1p2);
                return Sw.NoError;
            case InsBug:
                throw new InvalidOperationException("deliberate applet bug");
            case InsWarning:
                Util.ArrayFill(buffer, 0, 300, 0x62);
                apdu.SetOutgoingAndSend(0, 300);
                return 0x6283;
            case InsErrorWithData:
                Util.ArrayFill(buffer, 0, 10, 0x11);
                apdu.SetOutgoingAndSend(0, 10);
                return Sw.WrongData;
            default:
                return base.Process(apdu);
        }
    }
}
