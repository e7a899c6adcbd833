using BenchmarkDotNet.Attributes;
using NanoCard.Hal.Crypto.Managed;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Os.Credentials;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Bench;

/// <summary>
/// Does a VERIFY's comparison time tell how many leading characters were right? Three candidates
/// against the stored signing password <c>ABC123XYZ</c>: wrong from the first character, wrong
/// only in the last, and right; the Ratio column is time / the first's. The try counter is a
/// stand-in that never changes, so only the comparison and the record read are timed (a real
/// VERIFY adds the counter's durable write, the same for every candidate).
/// Command: <c>dotnet run -c Release --project tools/bench -- --filter '*PinComparison*'</c>.
/// </summary>
public class PinComparisonBenchmarks
{
    private static readonly byte[] WrongFirst = "XBC123XYZ"u8.ToArray();
    private static readonly byte[] WrongLast = "ABC123XYA"u8.ToArray();
    private static readonly byte[] Right = "ABC123XYZ"u8.ToArray();

    private OwnerPin pin = null!;

    [GlobalSetup]
    public void Setup()
    {
        var store = new CardStore(new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize), StoreLayout.Default());
        var format = new PinFormat(6, 16, PinFormat.UpperAlphanumeric);
        var seal = new SecretSeal(new ManagedCrypto(new SystemRandom()), new byte[SecretSeal.DeviceKeyLength]);
        pin = new OwnerPin(0x1B, 0x1B, format, new FixedCounter(), store.Allocate(0x00AA001B, ObjectKind.PinValue, OwnerPin.RecordSize, 0x00), seal);
        pin.Personalize(5, Right, 0, (byte)Right.Length);
    }

    [Benchmark(Baseline = true)]
    public ushort Wrong_first_character() => pin.Check(WrongFirst, 0, (short)WrongFirst.Length);

    [Benchmark]
    public ushort Wrong_last_character() => pin.Check(WrongLast, 0, (short)WrongLast.Length);

    [Benchmark]
    public ushort Right_value() => pin.Check(Right, 0, (short)Right.Length);

    /// <summary>A try counter that stays at 5: nothing durable, so the comparison is what is timed.</summary>
    private sealed class FixedCounter : ITryCounter
    {
        public byte TriesRemaining => 5;

        public void Decrement()
        {
        }

        public void Set(byte tries)
        {
        }
    }
}
