namespace NanoCard.Pkcs11.Tokens;

/// <summary>A PKCS#11 call ends with this CKR_* return value (the exported functions return it).</summary>
public sealed class Pkcs11Exception(ulong rv, string? message = null) : Exception(message ?? $"CKR 0x{rv:X}")
{
    public ulong Rv { get; } = rv;
}
