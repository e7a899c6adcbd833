using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NanoCard.Pkcs11.Native;

/// <summary>Signing (PKCS#11 v2.40 §5.11) and random numbers (§5.15).</summary>
internal static unsafe partial class Exports
{
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_SignInit(ulong session, CkMechanism* mechanism, ulong key)
    {
        return Guarded(() =>
        {
            if (mechanism is null)
            {
                Module.GetSessionInfo(session);
                return Ckr.ArgumentsBad;
            }
            // Every mechanism offered here takes no parameter.
            if (mechanism->Parameter is not null || mechanism->ParameterLen != 0)
            {
                Module.GetSessionInfo(session);
                return Ckr.MechanismParamInvalid;
            }
            Module.SignInit(session, mechanism->Mechanism, key);
            return Ckr.Ok;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_Sign(ulong session, byte* data, ulong dataLength, byte* signature, ulong* signatureLength)
        => Finish(session, data, dataLength, signature, signatureLength, single: true);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_SignUpdate(ulong session, byte* part, ulong partLength)
    {
        ulong rv = Guarded(() =>
        {
            Module.SignUpdate(session, Bytes(part, partLength));
            return Ckr.Ok;
        });
        if (rv != Ckr.Ok)
        {
            Module.AbortSign(session);
        }
        return rv;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_SignFinal(ulong session, byte* signature, ulong* signatureLength)
        => Finish(session, null, 0, signature, signatureLength, single: false);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_SeedRandom(ulong session, byte* seed, ulong seedLength)
    {
        return Guarded(() =>
        {
            Module.GetSessionInfo(session);
            return Ckr.RandomSeedNotSupported;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static ulong C_GenerateRandom(ulong session, byte* buffer, ulong length)
    {
        return Guarded(() =>
        {
            if (buffer is null && length > 0)
            {
                Module.GetSessionInfo(session);
                return Ckr.ArgumentsBad;
            }
            if (length > int.MaxValue)
            {
                return Ckr.ArgumentsBad;
            }
            byte[] random = Module.GenerateRandom(session, (int)length);
            random.CopyTo(new Span<byte>(buffer, random.Length));
            return Ckr.Ok;
        });
    }

    /// <summary>
    /// C_Sign and C_SignFinal: a NULL buffer asks for the length and a short one gets
    /// CKR_BUFFER_TOO_SMALL, both keeping the operation; any other outcome ends it (§5.2).
    /// </summary>
    private static ulong Finish(ulong session, byte* data, ulong dataLength, byte* signature, ulong* signatureLength, bool single)
    {
        return Guarded(() =>
        {
            int length = Module.SignatureLength(session);
            if (signatureLength is null)
            {
                Module.AbortSign(session);
                return Ckr.ArgumentsBad;
            }
            if (signature is null)
            {
                *signatureLength = (ulong)length;
                return Ckr.Ok;
            }
            if (*signatureLength < (ulong)length)
            {
                *signatureLength = (ulong)length;
                return Ckr.BufferTooSmall;
            }
            byte[] message;
            try
            {
                message = single ? Bytes(data, dataLength) : [];
            }
            catch
            {
                Module.AbortSign(session);
                throw;
            }
            byte[] result = Module.Sign(session, single ? message : null);
            result.CopyTo(new Span<byte>(signature, result.Length));
            *signatureLength = (ulong)result.Length;
            return Ckr.Ok;
        });
    }
}
