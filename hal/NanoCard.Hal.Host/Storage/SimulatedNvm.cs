using NanoCard.Hal.Storage;

namespace NanoCard.Hal.Host.Storage;

/// <summary>
/// What the desktop NVM backends share: bounds checks, page-write statistics and fault
/// injection. A cut armed with <see cref="CutPowerAfter"/> strikes during the N-th page write
/// from then on, tears that page as <see cref="INvm"/>'s fault model allows (left old, or
/// garbled), and leaves the memory dead: every later write or flush throws
/// <see cref="PowerLossException"/> and changes nothing, until <see cref="PowerUp"/>.
/// </summary>
public abstract class SimulatedNvm : INvm
{
    private readonly long[] pageWrites;
    private long cutCountdown;
    private bool garbleOnCut;
    private Random garbler = new(0);

    protected SimulatedNvm(int size, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (size % pageSize != 0) throw new ArgumentOutOfRangeException(nameof(size), "size must be a whole number of pages");
        Size = size;
        PageSize = pageSize;
        pageWrites = new long[size / pageSize];
    }

    public int Size { get; }

    public int PageSize { get; }

    public bool IsPowerLost { get; private set; }

    public long TotalPageWrites { get; private set; }

    public long PageWrites(int page) => pageWrites[page];

    /// <summary>A copy of the per-page write counts.</summary>
    public long[] PageWriteCounts() => (long[])pageWrites.Clone();

    public void ResetCounters()
    {
        Array.Clear(pageWrites);
        TotalPageWrites = 0;
    }

    /// <summary>Arms a cut at the <paramref name="pageWrites"/>-th page write from now (1 = the next one).</summary>
    public void CutPowerAfter(long pageWrites, bool garble, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageWrites);
        cutCountdown = pageWrites;
        garbleOnCut = garble;
        garbler = new Random(seed);
    }

    public void Disarm() => cutCountdown = 0;

    /// <summary>The next boot: the memory works again, no cut armed.</summary>
    public void PowerUp()
    {
        IsPowerLost = false;
        cutCountdown = 0;
    }

    public byte[] Snapshot()
    {
        var image = new byte[Size];
        ReadRaw(0, image, 0, Size);
        return image;
    }

    public void Read(int address, byte[] dest, int offset, int length)
    {
        CheckRange(address, dest, offset, length);
        ReadRaw(address, dest, offset, length);
    }

    public void Write(int address, byte[] source, int offset, int length)
    {
        CheckRange(address, source, offset, length);
        ThrowIfDead();
        int done = 0;
        while (done < length)
        {
            int here = address + done;
            int page = here / PageSize;
            int chunk = Math.Min(length - done, (page + 1) * PageSize - here);
            pageWrites[page]++;
            TotalPageWrites++;
            if (cutCountdown > 0 && --cutCountdown == 0)
            {
                if (garbleOnCut) Garble(page, here, source, offset + done, chunk);
                IsPowerLost = true;
                throw new PowerLossException();
            }
            WriteRaw(here, source, offset + done, chunk);
            done += chunk;
        }
    }

    public void Flush()
    {
        ThrowIfDead();
        FlushRaw();
    }

    protected abstract void ReadRaw(int address, byte[] dest, int offset, int length);

    /// <summary>Stores bytes that lie within one page.</summary>
    protected abstract void WriteRaw(int address, byte[] source, int offset, int length);

    protected abstract void FlushRaw();

    /// <summary>
    /// The torn page: each byte of the page independently keeps its old value, takes the new one
    /// (inside the range being written) or becomes noise, with at least one noise byte that
    /// differs from both so the page really is neither old nor new.
    /// </summary>
    private void Garble(int page, int address, byte[] source, int offset, int length)
    {
        int start = page * PageSize;
        var old = new byte[PageSize];
        ReadRaw(start, old, 0, PageSize);
        var torn = (byte[])old.Clone();
        for (int i = 0; i < PageSize; i++)
        {
            int inWrite = start + i - address;
            bool written = inWrite >= 0 && inWrite < length;
            torn[i] = garbler.Next(3) switch
            {
                0 => old[i],
                1 when written => source[offset + inWrite],
                _ => (byte)garbler.Next(256),
            };
        }
        int victim = garbler.Next(PageSize);
        int victimInWrite = start + victim - address;
        byte fresh = victimInWrite >= 0 && victimInWrite < length ? source[offset + victimInWrite] : old[victim];
        byte noise = (byte)garbler.Next(256);
        while (noise == old[victim] || noise == fresh) noise++;
        torn[victim] = noise;
        WriteRaw(start, torn, 0, PageSize);
    }

    private void ThrowIfDead()
    {
        if (IsPowerLost) throw new PowerLossException();
    }

    private void CheckRange(int address, byte[] buffer, int offset, int length)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (length < 0 || address < 0 || address > Size - length) throw new ArgumentOutOfRangeException(nameof(address));
        if (offset < 0 || offset > buffer.Length - length) throw new ArgumentOutOfRangeException(nameof(offset));
    }
}
