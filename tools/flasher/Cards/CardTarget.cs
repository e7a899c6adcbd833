namespace NanoCard.Flasher.Cards;

/// <summary>Where a command's card is: <c>sim:PATH</c> (an EEPROM image file), <c>pcsc:READER</c> or <c>serial:PORT</c>.</summary>
public sealed record CardTarget(string Kind, string Value)
{
    public const string Sim = "sim";
    public const string Pcsc = "pcsc";
    public const string Serial = "serial";

    public static CardTarget Parse(string text)
    {
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string kind = colon < 0 ? "" : text[..colon];
        string value = colon < 0 ? "" : text[(colon + 1)..];
        if (kind is not (Sim or Pcsc or Serial) || value.Length == 0)
        {
            throw new UserError($"unknown card target '{text}': use sim:PATH (an EEPROM image file), pcsc:READER (a PC/SC reader name) or serial:PORT (a NanoCard board)");
        }
        return new CardTarget(kind, value);
    }
}
