using NanoCard.Os;
using NanoCard.Os.Credentials;
using NanoCard.Os.Files;
using NanoCard.Os.Store;

namespace NanoCard.Os.Tests;

/// <summary>
/// A small applet that exercises the runtime: a PIN and a password, transparent and record EFs
/// with different access rules, and a few proprietary instructions (CLA 80) for chaining, long
/// replies, exact-Le, warning and error paths, personalization and a multi-write transaction.
/// Its objects live in the store, so a new instance over the same memory is the same applet after
/// a power cycle. It allocates nothing in Process.
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

    public const byte InsPersonalize = 0x30;
    public const byte InsRewriteLarge = 0x32;
    /// <summary>Chunks <see cref="InsRewriteLarge"/> writes the large EF in, inside one transaction.</summary>
    public const int RewriteChunks = 4;

    public static readonly byte[] Record1 = [0x01, 0x02, 0x03];
    public static readonly byte[] PinValue = "1234"u8.ToArray();
    public static readonly byte[] PasswordValue = "ABC123"u8.ToArray();

    private readonly CardStore store;
    private readonly bool acceptSelect;
    private readonly TransparentEf publicEf;
    private readonly TransparentEf protectedEf;
    private readonly RecordEf records;
    private readonly TransparentEf large;
    private readonly PersistentBytes state;
    private readonly byte[] scratch = new byte[LargeEfSize];

    /// <param name="dfId">Names the applet's objects in the store; each instance on a card needs its own.</param>
    public TestApplet(CardStore store, ushort dfId, bool acceptSelect = true)
    {
        this.store = store;
        this.acceptSelect = acceptSelect;
        Df = new DedicatedFile(store, dfId, 8);
        Pin = Df.CreatePin(PinFid, PinSfi, new PinFormat(4, 4, PinFormat.Digits));
        Password = Df.CreatePin(PasswordFid, PasswordSfi, new PinFormat(6, 16, PinFormat.UpperAlphanumeric));
        publicEf = Df.CreateTransparentEf(PublicEf, 1, PublicEfSize, 0xFF, AccessRule.Always, AccessRule.AnyOf([Pin]));
        protectedEf = Df.CreateTransparentEf(ProtectedEf, 2, 16, 0x5A, AccessRule.AnyOf([Pin, Password]), AccessRule.Never);
        records = Df.CreateRecordEf(RecordFile, 3, 300, AccessRule.Always);
        large = Df.CreateTransparentEf(LargeEf, FileEntry.NoSfi, LargeEfSize, 0x00, AccessRule.Always, AccessRule.Never);
        state = store.Allocate(((uint)dfId << 16) | 0xFFFF, ObjectKind.AppletData, 1, 0x00);
    }

    /// <summary>The bytes <see cref="Personalize"/> puts in the public EF.</summary>
    public static readonly byte[] PublicContent = Enumerable.Range(0, PublicEfSize).Select(i => (byte)i).ToArray();

    /// <summary>The bytes <see cref="Personalize"/> puts in the large EF.</summary>
    public static readonly byte[] LargeContent = Enumerable.Range(0, LargeEfSize).Select(i => (byte)(i * 7)).ToArray();

    public static readonly byte[] Record2 = Enumerable.Range(0, 200).Select(i => (byte)(0xA0 ^ i)).ToArray();

    public bool IsPersonalized
    {
        get
        {
            state.Read(0, scratch, 0, 1);
            return scratch[0] == 1;
        }
    }

    /// <summary>
    /// Writes every file and both PINs in one transaction, then marks the applet personalized:
    /// a power cut leaves it either untouched or complete. 6985 when it was done already.
    /// </summary>
    public ushort Personalize()
    {
        if (IsPersonalized) return Sw.ConditionsNotSatisfied;
        store.BeginTransaction();
        publicEf.Write(0, PublicContent, 0, (short)PublicContent.Length);
        large.Write(0, LargeContent, 0, (short)LargeContent.Length);
        records.AppendRecord(Record1, 0, (short)Record1.Length);
        records.AppendRecord(Record2, 0, (short)Record2.Length);
        Pin.Personalize(3, PinValue, 0, (byte)PinValue.Length);
        Password.Personalize(5, PasswordValue, 0, (byte)PasswordValue.Length);
        scratch[0] = 1;
        state.Write(0, scratch, 0, 1);
        store.CommitTransaction();
        return Sw.NoError;
    }

    public OwnerPin Pin { get; }
    public int FileCount => Df.Count;
    public FileEntry File(int index) => Df[index];
    public FileEntry FileById(short fid) => Df.FindByFid(fid);
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
            return FileCommands.Process(Df, apdu);
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
            case InsPersonalize:
                return Personalize();
            case InsRewriteLarge:
                // Rewrites the large EF with bytes (i + P2) in several writes inside one transaction.
                store.BeginTransaction();
                for (int c = 0; c < RewriteChunks; c++)
                {
                    int chunk = LargeEfSize / RewriteChunks;
                    for (int i = 0; i < chunk; i++) scratch[i] = (byte)(c * chunk + i + apdu.P2);
                    large.Write((short)(c * chunk), scratch, 0, (short)chunk);
                }
                store.CommitTransaction();
                return Sw.NoError;
            case InsErrorWithData:
                Util.ArrayFill(buffer, 0, 10, 0x11);
                apdu.SetOutgoingAndSend(0, 10);
                return Sw.WrongData;
            default:
                return FileCommands.Process(Df, apdu);
        }
    }
}
