using System.Runtime.InteropServices;
using System.Text;

namespace NanoCard.Pkcs11.Native;

// The CK_* structures of PKCS#11 v2.40 §3 as C lays them out on Linux (natural alignment,
// CK_ULONG = unsigned long = 64 bits). Text fields are blank-padded, not NUL-terminated.

[StructLayout(LayoutKind.Sequential)]
internal struct CkVersion
{
    public byte Major;
    public byte Minor;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CkInfo
{
    public CkVersion CryptokiVersion;
    public fixed byte ManufacturerId[32];
    public ulong Flags;
    public fixed byte LibraryDescription[32];
    public CkVersion LibraryVersion;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CkSlotInfo
{
    public fixed byte SlotDescription[64];
    public fixed byte ManufacturerId[32];
    public ulong Flags;
    public CkVersion HardwareVersion;
    public CkVersion FirmwareVersion;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CkTokenInfo
{
    public fixed byte Label[32];
    public fixed byte ManufacturerId[32];
    public fixed byte Model[16];
    public fixed byte SerialNumber[16];
    public ulong Flags;
    public ulong MaxSessionCount;
    public ulong SessionCount;
    public ulong MaxRwSessionCount;
    public ulong RwSessionCount;
    public ulong MaxPinLen;
    public ulong MinPinLen;
    public ulong TotalPublicMemory;
    public ulong FreePublicMemory;
    public ulong TotalPrivateMemory;
    public ulong FreePrivateMemory;
    public CkVersion HardwareVersion;
    public CkVersion FirmwareVersion;
    public fixed byte UtcTime[16];
}

[StructLayout(LayoutKind.Sequential)]
internal struct CkSessionInfo
{
    public ulong SlotId;
    public ulong State;
    public ulong Flags;
    public ulong DeviceError;
}

[StructLayout(LayoutKind.Sequential)]
internal struct CkMechanismInfo
{
    public ulong MinKeySize;
    public ulong MaxKeySize;
    public ulong Flags;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CkMechanism
{
    public ulong Mechanism;
    public void* Parameter;
    public ulong ParameterLen;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CkAttribute
{
    public ulong Type;
    public void* Value;
    public ulong ValueLen;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CkInitializeArgs
{
    public void* CreateMutex;
    public void* DestroyMutex;
    public void* LockMutex;
    public void* UnlockMutex;
    public ulong Flags;
    public void* Reserved;
}

/// <summary>Blank-padded text fields.</summary>
internal static unsafe class CkText
{
    /// <summary>CK_UNAVAILABLE_INFORMATION.</summary>
    public const ulong Unavailable = ulong.MaxValue;

    /// <summary>Writes the UTF-8 text, cut at a character boundary, padded with spaces to the field's size.</summary>
    public static void Write(byte* field, int size, string text)
    {
        var span = new Span<byte>(field, size);
        span.Fill((byte)' ');
        int length = 0;
        foreach (Rune rune in text.EnumerateRunes())
        {
            int n = rune.Utf8SequenceLength;
            if (length + n > size)
            {
                break;
            }
            rune.EncodeToUtf8(span[length..]);
            length += n;
        }
    }
}
