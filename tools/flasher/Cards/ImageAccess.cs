namespace NanoCard.Flasher.Cards;

/// <summary>How a command may treat the card image file it is given.</summary>
public enum ImageAccess
{
    /// <summary>The card runs on the file; a missing or blank file becomes a blank card; any other file that is not a NanoCard image is refused.</summary>
    ReadWrite,
    /// <summary>As <see cref="ReadWrite"/>, for a command that needs a card already made (face, renew): a missing file is refused, not made.</summary>
    Existing,
    /// <summary>A report: the card powers up on a copy in memory, so the file is never written; a missing file is refused.</summary>
    ReadOnly,
    /// <summary>As <see cref="ReadWrite"/>, after erasing whatever the file held and making a new device key (<c>--format</c>).</summary>
    Format,
}
