using NanoCard.Hal.Storage;

namespace NanoCard.Flasher.Faults;

/// <summary>
/// The sim card's EEPROM as a slow part: every page a write touches costs <paramref name="perPage"/>
/// before the write goes through. Counts the page writes so the link can trace them per command.
/// </summary>
public sealed class SlowNvm(INvm inner, TimeSpan perPage, TimeProvider time) : INvm
{
    private int pending;

    public int Size => inner.Size;

    public int PageSize => inner.PageSize;

    public void Read(int address, byte[] dest, int offset, int length) => inner.Read(address, dest, offset, length);

    public void Write(int address, byte[] source, int offset, int length)
    {
        if (length > 0)
        {
            int pages = ((address + length - 1) / PageSize) - (address / PageSize) + 1;
            pending += pages;
            time.Sleep(perPage * pages);
        }
        inner.Write(address, source, offset, length);
    }

    public void Flush() => inner.Flush();

    /// <summary>Page writes since the last call.</summary>
    public int TakePageWrites()
    {
        int pages = pending;
        pending = 0;
        return pages;
    }
}
