using System.Runtime.InteropServices;
using NanoCard.Flasher.Cards;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Pcsc;

/// <summary>
/// A card in a PC/SC reader through pcsc-lite (libpcsclite.so.1, the PC/SC Workgroup API):
/// SCardEstablishContext, SCardConnect (T=1), SCardTransmit. No maintained .NET package for
/// PC/SC is available here, so this is the few calls it needs and nothing more.
/// </summary>
public sealed partial class PcscChannel : ICardChannel, IDisposable
{
    private const string Library = "libpcsclite.so.1";
    private const uint ScopeSystem = 2;
    private const uint ShareExclusive = 1;
    private const uint ProtocolT1 = 2;
    private const uint LeaveCard = 0;

    private readonly nint context;
    private readonly nint card;
    private readonly byte[] receive = new byte[65538];

    public PcscChannel(string reader)
    {
        Check(SCardEstablishContext(ScopeSystem, 0, 0, out context), "cannot reach pcscd (is it running?)");
        int status = SCardConnect(context, reader, ShareExclusive, ProtocolT1, out card, out _);
        if (status != 0)
        {
            SCardReleaseContext(context);
            throw new CardLinkException($"no card in PC/SC reader '{reader}' (pcsc-lite error 0x{status:X8}); list the readers with `pcsc_scan -r`");
        }
    }

    public ResponseApdu Transmit(byte[] command)
    {
        var pci = new IoRequest { Protocol = ProtocolT1, PciLength = (nuint)Marshal.SizeOf<IoRequest>() };
        nuint length = (nuint)receive.Length;
        Check(SCardTransmit(card, ref pci, command, (nuint)command.Length, 0, receive, ref length), "transmit failed");
        int n = (int)length;
        return new ResponseApdu(receive[..(n - 2)], (ushort)((receive[n - 2] << 8) | receive[n - 1]));
    }

    public void Dispose()
    {
        SCardDisconnect(card, LeaveCard);
        SCardReleaseContext(context);
    }

    private static void Check(int status, string what)
    {
        if (status != 0)
        {
            throw new CardLinkException($"PC/SC: {what} (pcsc-lite error 0x{status:X8})");
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct IoRequest
    {
        public nuint Protocol;
        public nuint PciLength;
    }

    // pcsc-lite on Linux uses unsigned long (64-bit) for DWORD-typed values passed by pointer.
    [LibraryImport(Library)]
    private static partial int SCardEstablishContext(nuint scope, nint reserved1, nint reserved2, out nint context);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SCardConnect(nint context, string reader, nuint shareMode, nuint protocols, out nint card, out nuint activeProtocol);

    [LibraryImport(Library)]
    private static partial int SCardTransmit(nint card, ref IoRequest sendPci, byte[] send, nuint sendLength, nint receivePci, byte[] receive, ref nuint receiveLength);

    [LibraryImport(Library)]
    private static partial int SCardDisconnect(nint card, nuint disposition);

    [LibraryImport(Library)]
    private static partial int SCardReleaseContext(nint context);
}
