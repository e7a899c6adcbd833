using NanoCard.Os;
using NanoCard.Os.Credentials;
using NanoCard.Os.Files;
using NanoCard.Os.Store;

namespace NanoCard.Bench.Wear;

/// <summary>The smallest applet the wear figures need: a 4-digit PIN (3 tries) and a 1000-byte EF anyone may update.</summary>
public sealed class WearApplet : Applet
{
    public const short PinFid = 0x0011;
    public const byte PinSfi = 0x11;
    public const short EfFid = 0x0001;
    public const short EfSize = 1000;

    public WearApplet(CardStore store)
    {
        Df = new DedicatedFile(store, 0x5745, 2);
        Pin = Df.CreatePin(PinFid, PinSfi, new PinFormat(4, 4, PinFormat.Digits));
        Df.CreateTransparentEf(EfFid, 1, EfSize, 0x00, AccessRule.Always, AccessRule.Always);
    }

    public OwnerPin Pin { get; }

    /// <summary>INS table: the ISO file and PIN commands only.</summary>
    public override ushort Process(Apdu apdu) => FileCommands.Process(Df, apdu);
}
