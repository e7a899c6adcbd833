using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using NanoCard.Pkcs11.Tokens;

namespace NanoCard.Pkcs11.Native;

/// <summary>Sessions, login and PINs (PKCS#11 v2.40 §5.5–§5.6). PIN copies are overwritten once used.</summary>
internal static unsafe partial class Exports
{
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_OpenSession(ulong slotId, ulong flags, void* application, void* notify, ulong* session)
    {
        return Guarded(() =>
        {
            if (session is null)
            {
                return Ckr.ArgumentsBad;
            }
            *session = Module.OpenSession(slotId, flags);
            return Ckr.Ok;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_CloseSession(ulong session)
    {
        return Guarded(() =>
        {
            Module.CloseSession(session);
            return Ckr.Ok;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_CloseAllSessions(ulong slotId)
    {
        return Guarded(() =>
        {
            Module.CloseAllSessions(slotId);
            return Ckr.Ok;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_GetSessionInfo(ulong session, CkSessionInfo* info)
    {
        return Guarded(() =>
        {
            SessionInfo s = Module.GetSessionInfo(session);
            if (info is null)
            {
                return Ckr.ArgumentsBad;
            }
            *info = new CkSessionInfo { SlotId = s.SlotId, State = s.State, Flags = s.Flags };
            return Ckr.Ok;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_Login(ulong session, ulong userType, byte* pin, ulong pinLength)
        => WithPin(session, pin, pinLength, value => Module.Login(session, userType, value));

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_Logout(ulong session)
    {
        return Guarded(() =>
        {
            Module.Logout(session);
            return Ckr.Ok;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_InitPIN(ulong session, byte* pin, ulong pinLength)
        => WithPin(session, pin, pinLength, value => Module.InitPin(session, value));

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_SetPIN(ulong session, byte* oldPin, ulong oldLength, byte* newPin, ulong newLength)
    {
        byte[] oldValue = [];
        byte[] newValue = [];
        try
        {
            return Guarded(() =>
            {
                if (oldPin is null || newPin is null)
                {
                    Module.GetSessionInfo(session);
                    return Ckr.ArgumentsBad;
                }
                oldValue = Bytes(oldPin, oldLength);
                newValue = Bytes(newPin, newLength);
                Module.SetPin(session, oldValue, newValue);
                return Ckr.Ok;
            });
        }
        finally
        {
            CryptographicOperations.ZeroMemory(oldValue);
            CryptographicOperations.ZeroMemory(newValue);
        }
    }

    /// <summary>
    /// C_Login and C_InitPIN: a copy of the caller's PIN, overwritten once used. There is no
    /// protected authentication path, so a NULL PIN is a bad argument.
    /// </summary>
    private static ulong WithPin(ulong session, byte* pin, ulong length, Action<byte[]> use)
    {
        byte[] value = [];
        try
        {
            return Guarded(() =>
            {
                if (pin is null)
                {
                    Module.GetSessionInfo(session);
                    return Ckr.ArgumentsBad;
                }
                value = Bytes(pin, length);
                use(value);
                return Ckr.Ok;
            });
        }
        finally
        {
            CryptographicOperations.ZeroMemory(value);
        }
    }
}
