using NanoCard.Os.Store;

namespace NanoCard.Bench.KillRestart;

/// <summary>
/// The card store's two commit slots (docs/eeprom-layout.md, "Transactions") as the simulator's image
/// file shows them to another process: a transaction's commit record reaches the file the moment
/// the simulator writes it, before its fsync and before the data is applied in place. The campaign
/// watches them to kill the simulator just after SWITCH KEY SET's commit point, when the card has
/// switched but its reply is not out: the one outcome a kill aimed by time alone hardly ever hits.
/// </summary>
public sealed class CommitWatch(string image) : IDisposable
{
    private static readonly StoreLayout Layout = StoreLayout.Default();

    // FileShare.ReadWrite: the simulator has the image open for writing the whole time.
    private readonly FileStream file = new(image, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);

    /// <summary>Both commit slots as they are now.</summary>
    public byte[] Read()
    {
        var slots = new byte[StoreLayout.CommitSlots * CommitRecord.Length];
        for (int slot = 0; slot < StoreLayout.CommitSlots; slot++)
        {
            file.Position = Layout.CommitSlotAddress(slot);
            file.ReadExactly(slots, slot * CommitRecord.Length, CommitRecord.Length);
        }
        return slots;
    }

    /// <summary>True once a commit record differs from <paramref name="before"/>: a transaction reached its commit point since.</summary>
    public bool CommittedSince(byte[] before) => !Read().AsSpan().SequenceEqual(before);

    public void Dispose() => file.Dispose();
}
