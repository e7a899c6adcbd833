using NanoCard.Pkcs11.Card;

namespace NanoCard.Pkcs11.Tokens;

/// <summary>
/// Slot IDs: each PC/SC reader gives two slots, one per token (docs/pkcs11.md): reader r's
/// authentication token is slot 2r, its signing token slot 2r + 1.
/// </summary>
public static class SlotNumbers
{
    public static ulong Of(int reader, TokenKind token) => (ulong)(reader * 2 + (int)token);

    public static int Reader(ulong slotId) => (int)(slotId / 2);

    public static TokenKind Token(ulong slotId) => (TokenKind)(int)(slotId % 2);
}
