using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NanoCard.Pkcs11.Tokens;

namespace NanoCard.Pkcs11.Native;

/// <summary>Object search and attributes (PKCS#11 v2.40 §5.7).</summary>
internal static unsafe partial class Exports
{
    /// <summary>
    /// Fills each attribute of the template (§5.7, C_GetAttributeValue): the value, or its length
    /// when pValue is NULL; CK_UNAVAILABLE_INFORMATION with CKR_ATTRIBUTE_TYPE_INVALID,
    /// CKR_ATTRIBUTE_SENSITIVE or CKR_BUFFER_TOO_SMALL for the ones that cannot be given.
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_GetAttributeValue(ulong session, ulong handle, CkAttribute* template, ulong count)
    {
        return Guarded(() =>
        {
            Module.RequireObject(session, handle);
            if (template is null && count > 0)
            {
                return Ckr.ArgumentsBad;
            }
            ulong rv = Ckr.Ok;
            for (ulong i = 0; i < count; i++)
            {
                CkAttribute* attribute = template + i;
                byte[]? value;
                try
                {
                    value = Module.GetAttribute(session, handle, attribute->Type);
                }
                catch (Pkcs11Exception e) when (e.Rv == Ckr.AttributeSensitive)
                {
                    attribute->ValueLen = CkText.Unavailable;
                    rv = Worse(rv, Ckr.AttributeSensitive);
                    continue;
                }
                if (value is null)
                {
                    attribute->ValueLen = CkText.Unavailable;
                    rv = Worse(rv, Ckr.AttributeTypeInvalid);
                }
                else if (attribute->Value is null)
                {
                    attribute->ValueLen = (ulong)value.Length;
                }
                else if (attribute->ValueLen < (ulong)value.Length)
                {
                    attribute->ValueLen = CkText.Unavailable;
                    rv = Worse(rv, Ckr.BufferTooSmall);
                }
                else
                {
                    value.CopyTo(new Span<byte>(attribute->Value, value.Length));
                    attribute->ValueLen = (ulong)value.Length;
                }
            }
            return rv;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_FindObjectsInit(ulong session, CkAttribute* template, ulong count)
    {
        return Guarded(() =>
        {
            if (template is null && count > 0)
            {
                Module.GetSessionInfo(session);
                return Ckr.ArgumentsBad;
            }
            var wanted = new List<(ulong, byte[])>();
            for (ulong i = 0; i < count; i++)
            {
                wanted.Add((template[i].Type, Bytes((byte*)template[i].Value, template[i].ValueLen)));
            }
            Module.FindObjectsInit(session, wanted);
            return Ckr.Ok;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_FindObjects(ulong session, ulong* handles, ulong max, ulong* count)
    {
        return Guarded(() =>
        {
            if (handles is null || count is null)
            {
                Module.GetSessionInfo(session);
                return Ckr.ArgumentsBad;
            }
            ulong[] found = Module.FindObjects(session, (int)Math.Min(max, int.MaxValue));
            found.CopyTo(new Span<ulong>(handles, found.Length));
            *count = (ulong)found.Length;
            return Ckr.Ok;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_FindObjectsFinal(ulong session)
    {
        return Guarded(() =>
        {
            Module.FindObjectsFinal(session);
            return Ckr.Ok;
        });
    }

    /// <summary>C_GetAttributeValue's return value when several attributes fail: the first failure is kept.</summary>
    private static ulong Worse(ulong rv, ulong next) => rv == Ckr.Ok ? next : rv;
}
