using CsCheck;
using NanoCard.Hal.Host.Storage;
using NanoCard.Os.Store;

namespace NanoCard.Os.Tests.Store;

/// <summary>
/// Model-based property test: random writes, transactions, aborts, power cycles and power cuts on
/// three objects (one sharing a page with its neighbours), checked after every step against two
/// byte arrays per object (committed, and the open transaction's view).
/// </summary>
public class StoreModelTests
{
    private static readonly short[] Sizes = [40, 24, 700];

    private enum Op { Write, Begin, Commit, Abort, PowerCycle, CutCommit }

    private sealed record Step(Op Op, int Object, int Offset, byte[] Data, int CutAt, bool Garble);

    private static readonly Gen<Step> StepGen =
        Gen.Select(Gen.Enum<Op>(), Gen.Int[0, Sizes.Length - 1], Gen.Int[0, 699], Gen.Byte.Array[1, 90], Gen.Int[1, 12], Gen.Bool)
            .Select((op, o, offset, data, cut, garble) => new Step(op, o, offset, data, cut, garble));

    [Fact]
    public void The_store_behaves_as_its_model_through_transactions_power_cycles_and_cuts()
    {
        StepGen.Array[1, 40].Sample(steps =>
        {
            var nvm = CardHarness.NewMemory();
            var store = new CardStore(nvm, StoreLayout.Default());
            var objects = Allocate(store);
            var committed = Sizes.Select(s => new byte[s]).ToArray();
            byte[][]? pending = null;
            foreach (var step in steps)
            {
                var o = step.Object;
                int offset = step.Offset % Sizes[o];
                int length = Math.Min(step.Data.Length, Sizes[o] - offset);
                switch (step.Op)
                {
                    case Op.Write:
                        objects[o].Write((short)offset, step.Data, 0, (short)length);
                        Array.Copy(step.Data, 0, (pending ?? committed)[o], offset, length);
                        break;
                    case Op.Begin when pending == null:
                        store.BeginTransaction();
                        pending = committed.Select(a => (byte[])a.Clone()).ToArray();
                        break;
                    case Op.Commit when pending != null:
                        store.CommitTransaction();
                        committed = pending;
                        pending = null;
                        break;
                    case Op.Abort when pending != null:
                        store.AbortTransaction();
                        pending = null;
                        break;
                    case Op.PowerCycle:
                        (store, objects) = PowerUp(nvm);
                        pending = null;
                        break;
                    case Op.CutCommit when pending != null:
                        nvm.CutPowerAfter(step.CutAt, step.Garble, seed: step.CutAt);
                        try { store.CommitTransaction(); nvm.Disarm(); committed = pending; }
                        catch (PowerLossException)
                        {
                            (store, objects) = PowerUp(nvm);
                            var now = Read(objects);
                            if (Same(now, pending)) committed = pending;
                            else Assert.True(Same(now, committed), "a cut commit left a mix of old and new");
                        }
                        pending = null;
                        break;
                }
                Assert.True(Same(Read(objects), pending ?? committed), $"after {step.Op}");
            }
        }, iter: 400, seed: "2Mx0_T0lRk81", threads: 1);
    }

    private static (CardStore, PersistentBytes[]) PowerUp(RamNvm nvm)
    {
        nvm.PowerUp();
        var store = new CardStore(nvm, StoreLayout.Default());
        Assert.True(store.IsHealthy);
        return (store, Allocate(store));
    }

    private static PersistentBytes[] Allocate(CardStore store)
        => Sizes.Select((size, i) => store.Allocate((uint)i + 1, ObjectKind.AppletData, size, 0x00)).ToArray();

    private static byte[][] Read(PersistentBytes[] objects) => objects.Select(o =>
    {
        var bytes = new byte[o.Size];
        o.Read(0, bytes, 0, o.Size);
        return bytes;
    }).ToArray();

    private static bool Same(byte[][] a, byte[][] b) => a.Zip(b).All(p => p.First.AsSpan().SequenceEqual(p.Second));
}
