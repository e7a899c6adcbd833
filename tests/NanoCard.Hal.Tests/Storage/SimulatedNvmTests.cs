using NanoCard.Hal.Host.Storage;

namespace NanoCard.Hal.Tests.Storage;

/// <summary>The desktop NVMs keep INvm's fault model: page-by-page writes, a cut that tears one page, a dead memory after it.</summary>
public abstract class SimulatedNvmTests : IDisposable
{
    protected const int Size = 1024;
    protected const int Page = 64;

    protected abstract SimulatedNvm Create();

    public virtual void Dispose() => GC.SuppressFinalize(this);

    [Fact]
    public void A_new_memory_is_erased()
    {
        var nvm = Create();
        Assert.All(nvm.Snapshot(), b => Assert.Equal(0xFF, b));
    }

    [Fact]
    public void A_write_straddling_a_page_boundary_counts_two_page_writes()
    {
        var nvm = Create();
        nvm.Write(Page - 1, [1, 2, 3], 0, 3);
        Assert.Equal(1, nvm.PageWrites(0));
        Assert.Equal(1, nvm.PageWrites(1));
        Assert.Equal(2, nvm.TotalPageWrites);
        var back = new byte[3];
        nvm.Read(Page - 1, back, 0, 3);
        Assert.Equal([1, 2, 3], back);
    }

    [Fact]
    public void A_cut_leaves_earlier_pages_new_the_torn_page_old_and_later_pages_untouched()
    {
        var nvm = Create();
        var data = Enumerable.Repeat((byte)0x11, 3 * Page).ToArray();
        nvm.CutPowerAfter(2, garble: false);
        Assert.Throws<PowerLossException>(() => nvm.Write(0, data, 0, data.Length));
        var image = nvm.Snapshot();
        Assert.All(image[..Page], b => Assert.Equal(0x11, b));
        Assert.All(image[Page..], b => Assert.Equal(0xFF, b));
        Assert.True(nvm.IsPowerLost);
    }

    [Fact]
    public void A_garbled_page_is_neither_old_nor_new_and_nothing_else_changes()
    {
        var nvm = Create();
        var data = Enumerable.Repeat((byte)0x22, 2 * Page).ToArray();
        nvm.CutPowerAfter(2, garble: true, seed: 9);
        Assert.Throws<PowerLossException>(() => nvm.Write(0, data, 0, data.Length));
        var torn = nvm.Snapshot()[Page..(2 * Page)];
        Assert.False(torn.All(b => b == 0xFF));
        Assert.False(torn.All(b => b == 0x22));
        Assert.All(nvm.Snapshot()[(2 * Page)..], b => Assert.Equal(0xFF, b));
    }

    [Fact]
    public void After_a_cut_nothing_is_written_until_power_up()
    {
        var nvm = Create();
        nvm.CutPowerAfter(1, garble: false);
        Assert.Throws<PowerLossException>(() => nvm.Write(0, [1], 0, 1));
        Assert.Throws<PowerLossException>(() => nvm.Write(Page, [1], 0, 1));
        Assert.Throws<PowerLossException>(nvm.Flush);
        Assert.All(nvm.Snapshot(), b => Assert.Equal(0xFF, b));
        nvm.PowerUp();
        nvm.Write(Page, [5], 0, 1);
        nvm.Flush();
        Assert.Equal(5, nvm.Snapshot()[Page]);
    }

    [Fact]
    public void Out_of_range_accesses_are_refused()
    {
        var nvm = Create();
        Assert.Throws<ArgumentOutOfRangeException>(() => nvm.Write(Size - 1, [1, 2], 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => nvm.Read(-1, new byte[1], 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => nvm.Read(0, new byte[1], 1, 1));
    }
}

public sealed class RamNvmTests : SimulatedNvmTests
{
    protected override SimulatedNvm Create() => new RamNvm(Size, Page);

    [Fact]
    public void An_image_is_copied_not_shared()
    {
        var image = new byte[Size];
        var nvm = new RamNvm(image, Page);
        image[0] = 9;
        Assert.Equal(0, nvm.Snapshot()[0]);
    }
}

public sealed class FileNvmTests : SimulatedNvmTests
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"nanocard-{Guid.NewGuid():N}.nvm");
    private readonly List<FileNvm> opened = [];

    protected override SimulatedNvm Create()
    {
        var nvm = FileNvm.Open(path, Size, Page);
        opened.Add(nvm);
        return nvm;
    }

    public override void Dispose()
    {
        opened.ForEach(n => n.Dispose());
        File.Delete(path);
        base.Dispose();
    }

    [Fact]
    public void Written_bytes_are_there_after_reopening()
    {
        using (var nvm = FileNvm.Open(path, Size, Page))
        {
            nvm.Write(100, [1, 2, 3], 0, 3);
            nvm.Flush();
        }
        using var again = FileNvm.Open(path, Size, Page);
        Assert.Equal([1, 2, 3], again.Snapshot()[100..103]);
        Assert.Equal(Size, new FileInfo(path).Length);
    }

    [Fact]
    public void A_file_of_another_size_is_refused()
    {
        File.WriteAllBytes(path, new byte[Size / 2]);
        Assert.Throws<InvalidDataException>(() => FileNvm.Open(path, Size, Page));
    }
}
