using System.CommandLine;
using NanoCard.Flasher.Cards;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// <c>--format</c> of the commands that make a card in an image file (issue, sim): without it a
/// file that is neither blank nor a NanoCard image is refused, so only the user's word erases one.
/// </summary>
public static class FormatOption
{
    public static Option<bool> Create() => new("--format")
    {
        Description = "erase the image file first, whatever it holds (and make it a new device key), for a blank card",
    };

    public static ImageAccess Access(bool format) => format ? ImageAccess.Format : ImageAccess.ReadWrite;
}
