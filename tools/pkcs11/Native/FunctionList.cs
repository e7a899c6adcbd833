using System.Runtime.InteropServices;

namespace NanoCard.Pkcs11.Native;

/// <summary>
/// CK_FUNCTION_LIST (PKCS#11 v2.40 §5.4; the order of pkcs11f.h): the version, then 68 function
/// pointers. Functions the module does not offer point at <see cref="Exports.NotSupported"/>; with
/// the C calling convention the caller removes the arguments, so one such function serves all.
/// </summary>
internal static unsafe class FunctionList
{
    public const int Count = 68;

    private static readonly Lazy<nint> Built = new(Build);

    public static nint Table => Built.Value;

    private static nint Build()
    {
        nint notSupported = (nint)(delegate* unmanaged[Cdecl]<ulong>)&Exports.NotSupported;
        var functions = new nint[Count];
        Array.Fill(functions, notSupported);
        functions[0] = (nint)(delegate* unmanaged[Cdecl]<CkInitializeArgs*, ulong>)&Exports.C_Initialize;
        functions[1] = (nint)(delegate* unmanaged[Cdecl]<void*, ulong>)&Exports.C_Finalize;
        functions[2] = (nint)(delegate* unmanaged[Cdecl]<CkInfo*, ulong>)&Exports.C_GetInfo;
        functions[3] = (nint)(delegate* unmanaged[Cdecl]<nint*, ulong>)&Exports.C_GetFunctionList;
        functions[4] = (nint)(delegate* unmanaged[Cdecl]<byte, ulong*, ulong*, ulong>)&Exports.C_GetSlotList;
        functions[5] = (nint)(delegate* unmanaged[Cdecl]<ulong, CkSlotInfo*, ulong>)&Exports.C_GetSlotInfo;
        functions[6] = (nint)(delegate* unmanaged[Cdecl]<ulong, CkTokenInfo*, ulong>)&Exports.C_GetTokenInfo;
        functions[7] = (nint)(delegate* unmanaged[Cdecl]<ulong, ulong*, ulong*, ulong>)&Exports.C_GetMechanismList;
        functions[8] = (nint)(delegate* unmanaged[Cdecl]<ulong, ulong, CkMechanismInfo*, ulong>)&Exports.C_GetMechanismInfo;
        // 9 C_InitToken: the card's content is set by issuance, not through PKCS#11.
        functions[10] = (nint)(delegate* unmanaged[Cdecl]<ulong, byte*, ulong, ulong>)&Exports.C_InitPIN;
        functions[11] = (nint)(delegate* unmanaged[Cdecl]<ulong, byte*, ulong, byte*, ulong, ulong>)&Exports.C_SetPIN;
        functions[12] = (nint)(delegate* unmanaged[Cdecl]<ulong, ulong, void*, void*, ulong*, ulong>)&Exports.C_OpenSession;
        functions[13] = (nint)(delegate* unmanaged[Cdecl]<ulong, ulong>)&Exports.C_CloseSession;
        functions[14] = (nint)(delegate* unmanaged[Cdecl]<ulong, ulong>)&Exports.C_CloseAllSessions;
        functions[15] = (nint)(delegate* unmanaged[Cdecl]<ulong, CkSessionInfo*, ulong>)&Exports.C_GetSessionInfo;
        functions[18] = (nint)(delegate* unmanaged[Cdecl]<ulong, ulong, byte*, ulong, ulong>)&Exports.C_Login;
        functions[19] = (nint)(delegate* unmanaged[Cdecl]<ulong, ulong>)&Exports.C_Logout;
        functions[24] = (nint)(delegate* unmanaged[Cdecl]<ulong, ulong, CkAttribute*, ulong, ulong>)&Exports.C_GetAttributeValue;
        functions[26] = (nint)(delegate* unmanaged[Cdecl]<ulong, CkAttribute*, ulong, ulong>)&Exports.C_FindObjectsInit;
        functions[27] = (nint)(delegate* unmanaged[Cdecl]<ulong, ulong*, ulong, ulong*, ulong>)&Exports.C_FindObjects;
        functions[28] = (nint)(delegate* unmanaged[Cdecl]<ulong, ulong>)&Exports.C_FindObjectsFinal;
        functions[42] = (nint)(delegate* unmanaged[Cdecl]<ulong, CkMechanism*, ulong, ulong>)&Exports.C_SignInit;
        functions[43] = (nint)(delegate* unmanaged[Cdecl]<ulong, byte*, ulong, byte*, ulong*, ulong>)&Exports.C_Sign;
        functions[44] = (nint)(delegate* unmanaged[Cdecl]<ulong, byte*, ulong, ulong>)&Exports.C_SignUpdate;
        functions[45] = (nint)(delegate* unmanaged[Cdecl]<ulong, byte*, ulong*, ulong>)&Exports.C_SignFinal;
        functions[63] = (nint)(delegate* unmanaged[Cdecl]<ulong, byte*, ulong, ulong>)&Exports.C_SeedRandom;
        functions[64] = (nint)(delegate* unmanaged[Cdecl]<ulong, byte*, ulong, ulong>)&Exports.C_GenerateRandom;
        functions[65] = (nint)(delegate* unmanaged[Cdecl]<ulong, ulong>)&Exports.NotParallel;
        functions[66] = (nint)(delegate* unmanaged[Cdecl]<ulong, ulong>)&Exports.NotParallel;
        functions[67] = (nint)(delegate* unmanaged[Cdecl]<ulong, ulong*, void*, ulong>)&Exports.C_WaitForSlotEvent;

        // CK_VERSION (2 bytes) padded to pointer alignment, then the pointers; never freed (the
        // application may hold it until the process ends).
        byte* list = (byte*)NativeMemory.AllocZeroed((nuint)(8 + Count * sizeof(nint)));
        list[0] = 2;
        list[1] = 40;
        new Span<nint>(list + 8, Count).Clear();
        functions.CopyTo(new Span<nint>(list + 8, Count));
        return (nint)list;
    }
}
