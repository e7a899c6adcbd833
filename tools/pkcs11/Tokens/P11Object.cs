using NanoCard.Pkcs11.Card;

namespace NanoCard.Pkcs11.Tokens;

/// <summary>
/// One object a token shows: its attributes as the bytes C_GetAttributeValue returns, and for a
/// private key what the card needs to sign with it.
/// </summary>
public sealed class P11Object(ulong handle, ulong objectClass, bool isPrivate, Dictionary<ulong, byte[]> attributes)
{
    public ulong Handle { get; } = handle;
    public ulong Class { get; } = objectClass;

    /// <summary>CKA_PRIVATE: seen only by a session whose token is logged in.</summary>
    public bool IsPrivate { get; } = isPrivate;

    public IReadOnlyDictionary<ulong, byte[]> Attributes { get; } = attributes;

    /// <summary>For private keys: the card key behind the object.</summary>
    public KeySpec? Key { get; init; }

    /// <summary>For EC private keys: the curve's byte length (32 P-256, 48 P-384); 0 for RSA.</summary>
    public int CurveBytes { get; init; }

    /// <summary>For private keys: the signature's length in bytes.</summary>
    public int SignatureLength { get; init; }

    /// <summary>Whether the object has the attribute with exactly this value (C_FindObjects matching).</summary>
    public bool Matches(ulong type, ReadOnlySpan<byte> value) => Attributes.TryGetValue(type, out byte[]? mine) && value.SequenceEqual(mine);
}
