using NanoCard.Hal.Host.Storage;
using NanoCard.Os.Store;
using NanoCard.Os.Tests.Store;

namespace NanoCard.Os.Tests.PowerCut;

/// <summary>
/// The power-cut campaign for the store's reclamation (docs/reliability.md): a script of deletions
/// (an AP's objects with another write in one transaction, a large object alone) and allocations
/// into the reclaimed space (a large object, a small one between neighbours, a PIN whose counter
/// takes a freed index, a key), then a deletion of everything in one pass, runs once to count its page writes W; then for every k in 1..W the
/// power is cut at write k, once leaving the page as it was and once garbling it. After every cut
/// and power-up (recovery itself cut at each of its writes) the store must pass its checks and its
/// space audit, hold exactly the state before or after the interrupted step (every object wholly
/// there or wholly gone, the others untouched, the free figures those of that state) and, running
/// the rest of the script, end where the uncut run ended: no space was lost.
/// </summary>
public class ReclaimCutCampaignTests
{
    private static readonly StoreLayout Layout = ReclaimTests.Small;

    private static readonly (string Name, Action<CardStore> Run)[] Script =
    [
        ("delete a 200-byte EF whose last page holds a small neighbour", store => store.Delete(12)),
        ("allocate 196 bytes into its gap, ending in the neighbour's page", store => store.Allocate(14, ObjectKind.TransparentEf, 196, 0xEE)),
        ("delete an AP's PIN and key with another write, one transaction", store =>
        {
            var kept = store.Allocate(6, ObjectKind.AppletData, 20, 0x00);
            store.BeginTransaction();
            kept.Write(0, [1, 2, 3], 0, 3);
            store.Delete(2);
            store.Delete(4);
            store.CommitTransaction();
        }),
        ("delete a 3000-byte EF", store => store.Delete(5)),
        ("allocate 2500 bytes into its gap", store => store.Allocate(8, ObjectKind.TransparentEf, 2500, 0x88)),
        ("allocate 30 bytes between neighbours", store => store.Allocate(9, ObjectKind.AppletData, 30, 0x99)),
        ("allocate a PIN value", store => store.Allocate(10, ObjectKind.PinValue, 50, 0x00)),
        ("allocate its counter into the freed index", store => store.AllocateCounter(10, 3)),
        ("allocate a key record into the key's gap", store => store.Allocate(11, ObjectKind.Key, 933, 0x00)),
        ("write the new EF", store => store.Allocate(8, ObjectKind.TransparentEf, 2500, 0x00).Write(100, Enumerable.Range(0, 300).Select(i => (byte)i).ToArray(), 0, 300)),
        ("delete the small object and the PIN together", store =>
        {
            store.BeginTransaction();
            store.Delete(9);
            store.Delete(10);
            store.CommitTransaction();
        }),
        ("delete every object at once (DF 0000)", store => store.DeleteDf(0)),
    ];

    [Fact]
    public void Every_cut_in_delete_and_reuse_leaves_each_object_wholly_there_or_wholly_gone_and_loses_no_space()
    {
        var image = BaseImage();
        var dry = Run(image, 0, false);
        Assert.Equal(-1, dry.Interrupted);
        Assert.True(dry.Writes > 0);
        for (long k = 1; k <= dry.Writes; k++)
        {
            foreach (bool garble in new[] { false, true })
            {
                var run = Run(image, k, garble);
                Assert.True(run.Interrupted >= 0, $"a cut at write {k} of {dry.Writes} did not strike");
                int step = run.Interrupted;
                string where = $"cut at write {k} (garble {garble}) in step {step}: {Script[step].Name}";
                var store = StoreState.PowerUpThroughCuts(run.Nvm, where);
                string now = StoreState.Of(store);
                bool old = now == dry.States[step];
                Assert.True(old || now == dry.States[step + 1], $"{where}: neither the state before nor the one after\n{now}");

                for (int rest = old ? step : step + 1; rest < Script.Length; rest++)
                {
                    Script[rest].Run(store);
                }
                Assert.True(StoreState.Of(store) == dry.States[^1], $"{where}: the rest of the script ends elsewhere");
            }
        }
    }

    /// <summary>
    /// A store with objects of every kind, its end filled by a large EF so that new objects must
    /// go into the gaps the script's deletions leave.
    /// </summary>
    private static byte[] BaseImage()
    {
        var nvm = new RamNvm(Layout.Size, Layout.PageSize);
        var store = new CardStore(nvm, Layout);
        store.Allocate(1, ObjectKind.TransparentEf, 700, 0x11);
        store.Allocate(2, ObjectKind.PinValue, 50, 0x22);
        store.AllocateCounter(2, 3).Set(2);
        store.Allocate(3, ObjectKind.AppletData, 40, 0x33);
        store.AllocateCounter(3, 5).Set(4);
        store.Allocate(4, ObjectKind.Key, 933, 0x44);
        store.Allocate(5, ObjectKind.TransparentEf, 3000, 0x55);
        store.Allocate(6, ObjectKind.AppletData, 20, 0x66);
        var shared = store.Allocate(12, ObjectKind.TransparentEf, 200, 0xCC);
        var last = store.Allocate(13, ObjectKind.AppletData, 16, 0xDD);
        Assert.Equal(Layout.RoundUp(shared.Address + shared.Size), Layout.RoundUp(last.Address + 1));
        store.Allocate(7, ObjectKind.TransparentEf, (short)(Layout.Size - Layout.RoundUp(last.Address + last.Size) - 10), 0x77);
        Assert.True(store.FreeBytes < 2500, "the gaps the script fills must be the ones its deletions leave");
        return nvm.Snapshot();
    }

    private static ScriptRun Run(byte[] image, long cutAt, bool garble)
    {
        var nvm = new RamNvm((byte[])image.Clone(), Layout.PageSize);
        var store = new CardStore(nvm, Layout);
        var run = new ScriptRun(nvm);
        nvm.ResetCounters();
        if (cutAt > 0) nvm.CutPowerAfter(cutAt, garble, seed: (int)cutAt);
        for (int i = 0; i < Script.Length; i++)
        {
            run.States.Add(StoreState.Of(store));
            try
            {
                Script[i].Run(store);
            }
            catch (PowerLossException)
            {
                run.Interrupted = i;
                return run;
            }
            StoreAudit.Check(store, Script[i].Name);
        }
        run.States.Add(StoreState.Of(store));
        run.Writes = nvm.TotalPageWrites;
        return run;
    }

    private sealed class ScriptRun(RamNvm nvm)
    {
        public RamNvm Nvm { get; } = nvm;
        public List<string> States { get; } = [];
        public int Interrupted { get; set; } = -1;
        public long Writes { get; set; }
    }
}
