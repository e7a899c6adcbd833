namespace NanoCard.Flasher.Cards;

/// <summary>The link to a card (a board's serial cable, a PC/SC reader) failed: no answer, a closed link, a malformed reply.</summary>
public sealed class CardLinkException(string message) : IOException(message);
