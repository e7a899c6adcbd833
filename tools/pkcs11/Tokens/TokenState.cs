using System.Security.Cryptography;
using NanoCard.Pkcs11.Card;

namespace NanoCard.Pkcs11.Tokens;

/// <summary>
/// One token of a card: its credential, who is logged in and its objects. The PIN (or PUK) is
/// kept only while logged in, to verify it again after another AP was selected (a SELECT clears
/// the card's verified state, docs/apdu-spec.md §4); logout overwrites it.
/// </summary>
public sealed class TokenState(TokenKind kind, PinRule rule)
{
    private byte[]? secret;

    public TokenKind Kind { get; } = kind;
    public PinRule Rule { get; } = rule;

    /// <summary>CKU_USER or CKU_SO while logged in, else null.</summary>
    public ulong? LoggedIn { get; private set; }

    public List<P11Object> Objects { get; } = [];

    /// <summary>Whether the objects readable without a login were read from the card.</summary>
    public bool PublicLoaded { get; set; }

    /// <summary>Whether the certificates that need the login were read since it.</summary>
    public bool PrivateLoaded { get; set; }

    /// <summary>The value the card accepted; only while logged in.</summary>
    public byte[]? Secret => secret;

    public void LogIn(ulong userType, byte[] value)
    {
        LogOut();
        secret = (byte[])value.Clone();
        LoggedIn = userType;
    }

    public void LogOut()
    {
        if (secret is not null)
        {
            CryptographicOperations.ZeroMemory(secret);
        }
        secret = null;
        LoggedIn = null;
    }
}
