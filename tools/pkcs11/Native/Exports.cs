using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NanoCard.Pkcs11.Card;
using NanoCard.Pkcs11.Pcsc;
using NanoCard.Pkcs11.Tokens;

namespace NanoCard.Pkcs11.Native;

/// <summary>
/// The C side of the module: C_GetFunctionList is the one exported symbol; it hands out the
/// CK_FUNCTION_LIST whose entries are the functions of this class (PKCS#11 v2.40 §5.4). Each
/// function checks its pointers, calls <see cref="Tokens.Module"/> and returns its CKR; no
/// exception ever leaves a function (it would take the host process down).
/// </summary>
internal static unsafe partial class Exports
{
    /// <summary>Where readers come from: PC/SC, or the unit tests' in-process cards.</summary>
    internal static Func<IReaders> ReaderSource { get; set; } = () => new PcscReaders();

    internal static readonly Module Module = new(() => ReaderSource());

    [UnmanagedCallersOnly(EntryPoint = "C_GetFunctionList", CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_GetFunctionList(nint* list)
    {
        if (list is null)
        {
            return Ckr.ArgumentsBad;
        }
        *list = FunctionList.Table;
        return Ckr.Ok;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_Initialize(CkInitializeArgs* args)
    {
        return Guarded(() =>
        {
            if (args is not null)
            {
                if (args->Reserved is not null)
                {
                    return Ckr.ArgumentsBad;
                }
                int given = (args->CreateMutex is null ? 0 : 1) + (args->DestroyMutex is null ? 0 : 1) + (args->LockMutex is null ? 0 : 1) + (args->UnlockMutex is null ? 0 : 1);
                if (given is not 0 and not 4)
                {
                    return Ckr.ArgumentsBad;
                }
                // The module locks with the operating system's primitives; it cannot use the application's.
                if (given == 4 && (args->Flags & Ckf.OsLockingOk) == 0)
                {
                    return Ckr.CantLock;
                }
            }
            Module.Initialize();
            return Ckr.Ok;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_Finalize(void* reserved)
    {
        return Guarded(() =>
        {
            if (reserved is not null)
            {
                return Ckr.ArgumentsBad;
            }
            Module.Shutdown();
            return Ckr.Ok;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_GetInfo(CkInfo* info)
    {
        if (!Module.IsInitialized)
        {
            return Ckr.CryptokiNotInitialized;
        }
        if (info is null)
        {
            return Ckr.ArgumentsBad;
        }
        *info = default;
        info->CryptokiVersion = new CkVersion { Major = 2, Minor = 40 };
        CkText.Write(info->ManufacturerId, 32, "NanoCard");
        CkText.Write(info->LibraryDescription, 32, "NanoCard PKCS#11 module");
        info->LibraryVersion = new CkVersion { Major = 0, Minor = 1 };
        return Ckr.Ok;
    }

    /// <summary>Every function of the list the module does not offer (C_Encrypt, C_CreateObject, …).</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong NotSupported() => Ckr.FunctionNotSupported;

    /// <summary>C_GetFunctionStatus and C_CancelFunction: legacy, always CKR_FUNCTION_NOT_PARALLEL (§5.17).</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong NotParallel(ulong session) => Ckr.FunctionNotParallel;

    /// <summary>Runs a function's body; an exception becomes its CKR, since none may reach the C caller.</summary>
    private static ulong Guarded(Func<ulong> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            return Rv(e);
        }
    }

    /// <summary>The CKR for an exception: the module's own, or CKR_GENERAL_ERROR for anything unforeseen.</summary>
    private static ulong Rv(Exception e) => e switch
    {
        Pkcs11Exception p => p.Rv,
        OutOfMemoryException => Ckr.HostMemory,
        _ => Ckr.GeneralError,
    };

    /// <summary>Bytes from a (pointer, length) pair; null pointer with a length is a bad argument.</summary>
    private static byte[] Bytes(byte* data, ulong length)
    {
        if (length == 0)
        {
            return [];
        }
        if (data is null || length > int.MaxValue)
        {
            throw new Pkcs11Exception(Ckr.ArgumentsBad);
        }
        return new ReadOnlySpan<byte>(data, (int)length).ToArray();
    }

    /// <summary>Hands out a list the C way: the length when there is no buffer, CKR_BUFFER_TOO_SMALL when it is short.</summary>
    private static ulong Out(ReadOnlySpan<byte> value, byte* buffer, ulong* length)
    {
        if (length is null)
        {
            return Ckr.ArgumentsBad;
        }
        ulong needed = (ulong)value.Length;
        if (buffer is null)
        {
            *length = needed;
            return Ckr.Ok;
        }
        if (*length < needed)
        {
            *length = needed;
            return Ckr.BufferTooSmall;
        }
        value.CopyTo(new Span<byte>(buffer, value.Length));
        *length = needed;
        return Ckr.Ok;
    }

    private static ulong OutList(ulong[] values, ulong* buffer, ulong* count)
    {
        if (count is null)
        {
            return Ckr.ArgumentsBad;
        }
        if (buffer is null)
        {
            *count = (ulong)values.Length;
            return Ckr.Ok;
        }
        if (*count < (ulong)values.Length)
        {
            *count = (ulong)values.Length;
            return Ckr.BufferTooSmall;
        }
        values.CopyTo(new Span<ulong>(buffer, values.Length));
        *count = (ulong)values.Length;
        return Ckr.Ok;
    }
}
