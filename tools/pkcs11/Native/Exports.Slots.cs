using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NanoCard.Pkcs11.Tokens;

namespace NanoCard.Pkcs11.Native;

/// <summary>Slot and token management (PKCS#11 v2.40 §5.5).</summary>
internal static unsafe partial class Exports
{
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_GetSlotList(byte tokenPresent, ulong* slots, ulong* count)
    {
        return Guarded(() =>
        {
            return count is null ? Ckr.ArgumentsBad : OutList(Module.GetSlotList(tokenPresent != 0), slots, count);
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_GetSlotInfo(ulong slotId, CkSlotInfo* info)
    {
        return Guarded(() =>
        {
            SlotInfo slot = Module.GetSlotInfo(slotId);
            if (info is null)
            {
                return Ckr.ArgumentsBad;
            }
            *info = default;
            CkText.Write(info->SlotDescription, 64, slot.Description);
            CkText.Write(info->ManufacturerId, 32, "NanoCard");
            info->Flags = slot.Flags;
            info->HardwareVersion = new CkVersion { Major = 1 };
            info->FirmwareVersion = new CkVersion { Major = 1 };
            return Ckr.Ok;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_GetTokenInfo(ulong slotId, CkTokenInfo* info)
    {
        return Guarded(() =>
        {
            if (info is null)
            {
                Module.GetSlotInfo(slotId);
                return Ckr.ArgumentsBad;
            }
            TokenInfo token = Module.GetTokenInfo(slotId);
            *info = default;
            CkText.Write(info->Label, 32, token.Label);
            CkText.Write(info->ManufacturerId, 32, "NanoCard");
            CkText.Write(info->Model, 16, token.Model);
            CkText.Write(info->SerialNumber, 16, token.Serial);
            info->Flags = token.Flags;
            info->MaxSessionCount = 0;
            info->SessionCount = token.SessionCount;
            info->MaxRwSessionCount = 0;
            info->RwSessionCount = token.RwSessionCount;
            info->MaxPinLen = token.MaxPinLength;
            info->MinPinLen = token.MinPinLength;
            info->TotalPublicMemory = CkText.Unavailable;
            info->FreePublicMemory = CkText.Unavailable;
            info->TotalPrivateMemory = CkText.Unavailable;
            info->FreePrivateMemory = CkText.Unavailable;
            info->HardwareVersion = new CkVersion { Major = 1 };
            info->FirmwareVersion = new CkVersion { Major = 1 };
            CkText.Write(info->UtcTime, 16, "");
            return Ckr.Ok;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_GetMechanismList(ulong slotId, ulong* mechanisms, ulong* count)
    {
        return Guarded(() =>
        {
            return count is null ? Ckr.ArgumentsBad : OutList(Module.GetMechanismList(slotId), mechanisms, count);
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_GetMechanismInfo(ulong slotId, ulong mechanism, CkMechanismInfo* info)
    {
        return Guarded(() =>
        {
            var (min, max, flags) = Module.GetMechanismInfo(slotId, mechanism);
            if (info is null)
            {
                return Ckr.ArgumentsBad;
            }
            *info = new CkMechanismInfo { MinKeySize = min, MaxKeySize = max, Flags = flags };
            return Ckr.Ok;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_WaitForSlotEvent(ulong flags, ulong* slot, void* reserved)
    {
        return Guarded(() =>
        {
            if (slot is null || reserved is not null)
            {
                return Ckr.ArgumentsBad;
            }
            ulong? happened = Module.WaitForSlotEvent((flags & Ckf.DontBlock) != 0);
            if (happened is null)
            {
                return Ckr.NoEvent;
            }
            *slot = happened.Value;
            return Ckr.Ok;
        });
    }
}
