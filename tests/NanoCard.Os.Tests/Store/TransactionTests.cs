using NanoCard.Hal.Host.Storage;
using NanoCard.Os.Store;

namespace NanoCard.Os.Tests.Store;

/// <summary>Java Card transaction semantics of the store: staged writes, commit, abort, nesting, capacity.</summary>
public class TransactionTests
{
    private readonly RamNvm nvm = CardHarness.NewMemory();
    private readonly CardStore store;
    private readonly PersistentBytes a;
    private readonly PersistentBytes b;

    public TransactionTests()
    {
        store = new CardStore(nvm, StoreLayout.Default());
        a = store.Allocate(1, ObjectKind.AppletData, 100, 0x00);
        b = store.Allocate(2, ObjectKind.AppletData, 20000, 0x00);
    }

    [Fact]
    public void Reads_inside_a_transaction_see_its_writes_and_the_memory_does_not_until_commit()
    {
        store.BeginTransaction();
        a.Write(10, [1, 2, 3], 0, 3);
        a.Write(11, [9], 0, 1);
        Assert.Equal([1, 9, 3], Read(a, 10, 3));
        Assert.Equal([0, 0, 0], Read(new CardStore(new RamNvm(nvm.Snapshot(), nvm.PageSize), StoreLayout.Default()), 10, 3));
        store.CommitTransaction();
        Assert.Equal([1, 9, 3], Read(new CardStore(new RamNvm(nvm.Snapshot(), nvm.PageSize), StoreLayout.Default()), 10, 3));
    }

    [Fact]
    public void Abort_forgets_every_staged_write_and_writes_nothing_but_its_unsealed_journal()
    {
        nvm.ResetCounters();
        store.BeginTransaction();
        a.Write(0, [7, 7], 0, 2);
        store.AbortTransaction();
        Assert.Equal([0, 0], Read(a, 0, 2));
        Assert.Equal(0, WritesOutsideJournal());
        Assert.False(store.InTransaction);
    }

    [Fact]
    public void Nested_begin_and_commit_without_begin_are_refused()
    {
        store.BeginTransaction();
        Assert.Throws<InvalidOperationException>(store.BeginTransaction);
        store.CommitTransaction();
        Assert.Throws<InvalidOperationException>(store.CommitTransaction);
    }

    [Fact]
    public void A_write_bigger_than_the_journal_fails_as_buffer_full_and_changes_nothing()
    {
        nvm.ResetCounters();
        var big = new byte[StoreLayout.DefaultJournalSize];
        Array.Fill(big, (byte)0x42);
        var e = Assert.Throws<TransactionException>(() => b.Write(0, big, 0, (short)big.Length));
        Assert.Equal(TransactionException.BufferFull, e.Reason);
        Assert.Equal(0, WritesOutsideJournal());
        Assert.Equal(new byte[16], Read(b, 0, 16));
    }

    [Fact]
    public void A_transaction_that_outgrows_the_journal_is_aborted_whole()
    {
        a.Write(0, [5], 0, 1);
        nvm.ResetCounters();
        var half = new byte[StoreLayout.DefaultJournalSize / 2];
        store.BeginTransaction();
        a.Write(0, [6], 0, 1);
        b.Write(0, half, 0, (short)half.Length);
        Assert.Throws<TransactionException>(() => b.Write((short)half.Length, half, 0, (short)half.Length));
        Assert.False(store.InTransaction);
        Assert.Equal([5], Read(a, 0, 1));
        Assert.Equal(0, WritesOutsideJournal());
    }

    [Fact]
    public void The_runtime_aborts_a_transaction_an_applet_leaves_open()
    {
        var card = new CardHarness();
        card.SelectMain();
        card.Store.BeginTransaction();
        card.Main.Pin.Update("9999"u8.ToArray(), 0, 4);
        Assert.Equal(Sw.NoError, card.Sw("80100000"));
        Assert.False(card.Store.InTransaction);
        Assert.Equal(Sw.NoError, card.Sw("0020009104" + Convert.ToHexString("1234"u8)));
    }

    [Fact]
    public void Objects_are_found_again_at_the_next_power_up_and_never_move()
    {
        var again = new CardStore(nvm, StoreLayout.Default());
        Assert.Equal(a.Address, again.Allocate(1, ObjectKind.AppletData, 100, 0x00).Address);
        Assert.Throws<InvalidOperationException>(() => again.Allocate(1, ObjectKind.AppletData, 101, 0x00));
        Assert.NotEqual(a.Address, again.Allocate(1, ObjectKind.Key, 100, 0x00).Address);
    }

    [Fact]
    public void Writes_outside_an_object_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Write(99, [1, 2], 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Read(-1, new byte[1], 0, 1));
    }

    /// <summary>
    /// Page writes anywhere but the journal region: an aborted or refused transaction may have
    /// journaled pages there, which no commit record seals, so no recovery ever replays them.
    /// </summary>
    private long WritesOutsideJournal()
    {
        StoreLayout layout = StoreLayout.Default();
        long writes = 0;
        for (int page = 0; page < layout.Size / layout.PageSize; page++)
        {
            int address = page * layout.PageSize;
            if (address < layout.JournalAddress || address >= layout.DataAddress)
            {
                writes += nvm.PageWrites(page);
            }
        }
        return writes;
    }

    private static byte[] Read(PersistentBytes o, short offset, short length)
    {
        var buffer = new byte[length];
        o.Read(offset, buffer, 0, length);
        return buffer;
    }

    private static byte[] Read(CardStore other, short offset, short length)
        => Read(other.Allocate(1, ObjectKind.AppletData, 100, 0x00), offset, length);
}
