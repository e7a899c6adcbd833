using NanoCard.Os.Store;

namespace NanoCard.Flasher.Cards;

/// <summary>What a file offered as a card image holds, judged before anything opens it for writing.</summary>
public enum ImageKind
{
    Missing,
    /// <summary>Not the size of a card's memory.</summary>
    WrongSize,
    /// <summary>Erased (all 0xFF), or as a cut format leaves it: a new card's memory.</summary>
    Blank,
    /// <summary>A sound store header or commit record: a card, healthy or in need of recovery.</summary>
    NanoCard,
    /// <summary>Anything else: someone's file, which no command may overwrite unless told to.</summary>
    Foreign,
}

/// <summary>
/// Tells card images from other files, so that the flasher formats only a memory that is new.
/// The store itself formats any memory with no sound commit record and no sound directory entry
/// (CardStore's power-up), which on the device is right and on a desktop would destroy a file
/// that was never a card.
/// </summary>
public static class ImageContent
{
    public static ImageKind Inspect(string path, StoreLayout layout)
    {
        if (!File.Exists(path))
        {
            return ImageKind.Missing;
        }
        if (new FileInfo(path).Length != layout.Size)
        {
            return ImageKind.WrongSize;
        }
        byte[] bytes = File.ReadAllBytes(path);
        if (IsCard(bytes, layout))
        {
            return ImageKind.NanoCard;
        }
        return IsBlank(bytes, layout) ? ImageKind.Blank : ImageKind.Foreign;
    }

    /// <summary>
    /// A store header or a commit record that passes its CRC: after the format, the header is only
    /// rewritten through the journal, so a card whose header was cut mid-write still has a sound commit record.
    /// </summary>
    private static bool IsCard(byte[] bytes, StoreLayout layout)
    {
        if (StoreHeader.IsSound(bytes, layout.HeaderAddress))
        {
            return true;
        }
        for (int slot = 0; slot < StoreLayout.CommitSlots; slot++)
        {
            if (CommitRecord.IsSound(bytes, layout.CommitSlotAddress(slot)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Every byte erased except in the two places a format writes into an erased memory before it
    /// ends (the try-counter area, then the header page last): a new image, or one whose format was cut.
    /// </summary>
    private static bool IsBlank(byte[] bytes, StoreLayout layout)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            bool formatWrites = (i >= layout.HeaderAddress && i < layout.HeaderAddress + layout.PageSize)
                || (i >= layout.CounterAddress && i < layout.DirectoryAddress);
            if (bytes[i] != 0xFF && !formatWrites)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Makes <paramref name="path"/> an erased memory of the layout's size, whatever it held (<c>--format</c>).</summary>
    public static void Erase(string path, StoreLayout layout)
    {
        byte[] erased = new byte[layout.Size];
        Array.Fill(erased, (byte)0xFF);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        file.Write(erased);
        file.Flush(flushToDisk: true);
    }
}
