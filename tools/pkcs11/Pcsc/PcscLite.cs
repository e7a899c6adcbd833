using System.Runtime.InteropServices;

namespace NanoCard.Pkcs11.Pcsc;

/// <summary>
/// The pcsc-lite calls the module makes (libpcsclite.so.1, the PC/SC Workgroup API as pcsc-lite
/// implements it on Linux: DWORD and LONG are C longs, 64 bits).
/// </summary>
internal static unsafe partial class PcscLite
{
    private const string Library = "libpcsclite.so.1";

    public const uint ScopeSystem = 2;
    public const uint ShareShared = 2;
    public const uint ProtocolT0 = 1;
    public const uint ProtocolT1 = 2;
    public const uint LeaveCard = 0;
    public const uint Infinite = 0xFFFFFFFF;

    public const uint StateUnaware = 0x0;
    public const uint StateChanged = 0x2;
    public const uint StatePresent = 0x20;

    public const long Success = 0;
    public const long ErrorCancelled = 0x80100002;
    public const long ErrorTimeout = 0x8010000A;
    public const long ErrorNoSmartcard = 0x8010000C;
    public const long ErrorNoReaders = 0x8010002E;

    /// <summary>SCARD_READERSTATE; rgbAtr holds MAX_ATR_SIZE (33) bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ReaderState
    {
        public nint Reader;
        public nint UserData;
        public nuint CurrentState;
        public nuint EventState;
        public nuint AtrLength;
        public fixed byte Atr[33];
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct IoRequest
    {
        public nuint Protocol;
        public nuint PciLength;
    }

    [LibraryImport(Library)]
    public static partial nint SCardEstablishContext(nuint scope, nint reserved1, nint reserved2, out nint context);

    [LibraryImport(Library)]
    public static partial nint SCardReleaseContext(nint context);

    [LibraryImport(Library)]
    public static partial nint SCardCancel(nint context);

    [LibraryImport(Library)]
    public static partial nint SCardListReaders(nint context, nint groups, byte* readers, ref nuint length);

    [LibraryImport(Library)]
    public static partial nint SCardGetStatusChange(nint context, nuint timeout, ReaderState* states, nuint count);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint SCardConnect(nint context, string reader, nuint shareMode, nuint protocols, out nint card, out nuint activeProtocol);

    [LibraryImport(Library)]
    public static partial nint SCardDisconnect(nint card, nuint disposition);

    [LibraryImport(Library)]
    public static partial nint SCardBeginTransaction(nint card);

    [LibraryImport(Library)]
    public static partial nint SCardEndTransaction(nint card, nuint disposition);

    [LibraryImport(Library)]
    public static partial nint SCardTransmit(nint card, in IoRequest sendPci, byte* send, nuint sendLength, nint receivePci, byte* receive, ref nuint receiveLength);
}
