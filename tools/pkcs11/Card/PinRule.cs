namespace NanoCard.Pkcs11.Card;

/// <summary>
/// A card credential as the module presents it: the VERIFY P2 that names it, its format and the
/// try limit issuance sets (docs/apdu-spec.md §8.2, §13.2).
/// </summary>
public sealed record PinRule(byte P2, int MinLength, int MaxLength, bool DigitsOnly, int TryLimit)
{
    public static readonly PinRule AuthPin = new(NanoCardLayout.AuthPinP2, 4, 4, true, 3);
    public static readonly PinRule SignPassword = new(NanoCardLayout.SignPasswordP2, 6, 16, false, 5);
    public static readonly PinRule Puk = new(NanoCardLayout.PukP2, 8, 8, true, 10);

    public static PinRule For(TokenKind token) => token == TokenKind.Authentication ? AuthPin : SignPassword;

    /// <summary>Whether the value fits the format the card checks (digits, or A–Z and 0–9).</summary>
    public bool Fits(ReadOnlySpan<byte> value)
    {
        if (value.Length < MinLength || value.Length > MaxLength)
        {
            return false;
        }
        foreach (byte b in value)
        {
            bool digit = b is >= (byte)'0' and <= (byte)'9';
            if (!digit && (DigitsOnly || b is < (byte)'A' or > (byte)'Z'))
            {
                return false;
            }
        }
        return true;
    }
}
