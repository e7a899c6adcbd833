using System.Buffers.Binary;
using NanoCard.Hal.Host.Storage;
using NanoCard.Os.Store;

namespace NanoCard.Os.Tests.PowerCut;

/// <summary>
/// What a transaction may change, as bytes: the header record, the object directory and the bytes
/// of every data object it names (the journal, commit slots and counter area are the store's own
/// bookkeeping, free space holds nothing). Atomicity means that after any cut and recovery this
/// image is exactly the one before the interrupted command or the one after it.
/// </summary>
public sealed class CardImage
{
    private readonly byte[] bytes;

    private CardImage(byte[] bytes) => this.bytes = bytes;

    public static CardImage Of(SimulatedNvm nvm)
    {
        var layout = StoreLayout.WithSize(nvm.Size, nvm.PageSize);
        var all = nvm.Snapshot();
        var image = new List<byte>();
        image.AddRange(all.AsSpan(layout.HeaderAddress, StoreHeader.Length));
        image.AddRange(all.AsSpan(layout.DirectoryAddress, layout.DirectorySize));
        for (int entry = layout.DirectoryAddress; entry < layout.JournalAddress; entry += DirectoryEntry.Length)
        {
            if (DirectoryEntry.IsFree(all, entry) || all[entry + DirectoryEntry.OffsetKind] == ObjectKind.TryCounter) continue;
            int size = BinaryPrimitives.ReadUInt16BigEndian(all.AsSpan(entry + DirectoryEntry.OffsetSize));
            int address = BinaryPrimitives.ReadInt32BigEndian(all.AsSpan(entry + DirectoryEntry.OffsetAddress));
            image.AddRange(all.AsSpan(address, size));
        }
        return new CardImage([.. image]);
    }

    public bool SameAs(CardImage other) => bytes.AsSpan().SequenceEqual(other.bytes);
}
