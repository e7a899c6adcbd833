using NanoCard.Hal.Storage;

namespace NanoCard.Flasher.Lab;

/// <summary>
/// The sim card's memory with its page writes counted: how often each page was written since the
/// tool started (the map's wear shading) and which pages the last command wrote (the map's flash).
/// </summary>
public sealed class WatchedNvm(INvm inner) : INvm
{
    private readonly long[] writes = new long[(inner.Size + inner.PageSize - 1) / inner.PageSize];
    private readonly SortedSet<int> recent = [];

    public int Size => inner.Size;

    public int PageSize => inner.PageSize;

    public void Read(int address, byte[] dest, int offset, int length) => inner.Read(address, dest, offset, length);

    public void Write(int address, byte[] source, int offset, int length)
    {
        inner.Write(address, source, offset, length);
        for (int page = address / PageSize; length > 0 && page <= (address + length - 1) / PageSize; page++)
        {
            writes[page]++;
            recent.Add(page);
        }
    }

    public void Flush() => inner.Flush();

    /// <summary>Writes per page since the tool started.</summary>
    public long Writes(int page) => writes[page];

    /// <summary>The pages written since the last call, in address order.</summary>
    public int[] TakeWrittenPages()
    {
        int[] pages = [.. recent];
        recent.Clear();
        return pages;
    }
}
