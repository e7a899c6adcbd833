using NanoCard.Os.Runtime;

namespace NanoCard.Os.Tests;

/// <summary>
/// Once the card is installed, processing an APDU allocates nothing (docs/architecture.md, "No allocation after install"):
/// a mixed script of successes, every kind of error, chaining and GET RESPONSE runs many times
/// and the thread's allocated-bytes counter must not move. IsoException paths are left out: the
/// desktop CLR allocates a stack trace per throw (the nanoCLR does not), which is why the OS's own
/// paths return status words.
/// </summary>
public class AllocationTests
{
    private static readonly string[] Script =
    [
        "00A4040C05F04E430001",          // SELECT by name, no FCI
        "00A4040005F04E43000100",        // SELECT with FCI
        "00A4040C04F04E4300",            // prefix selection
        "00A4040C05A000000003",          // unknown AID: 6A82
        "00A4020C020001",                // SELECT EF
        "00B0000010",                    // READ BINARY
        "00B0810000",                    // READ BINARY by SFI
        "00B0812C01",                    // offset past the end: 6B00
        "00B2011C00",                    // READ RECORD
        "00B2091C00",                    // no record: 6A83
        "00B0820000",                    // protected: 6982
        "0020009104" + "30303030",       // wrong PIN: 63C2
        "00200091",                      // empty VERIFY: 63C2
        "0020009104" + "31323334",       // right PIN
        "0020009103" + "313233",         // bad format: 6A80
        "00B0820000",                    // now readable
        "00A4020C020001",
        "00D6001002CAFE",                // UPDATE BINARY
        "80140190" + "10",               // 400-byte reply, Le 16: 6100
        "00C0000000",                    // GET RESPONSE: 256 more, 6180
        "00C0000080",                    // the rest: 9000
        "9010000002AABB",                // chained link
        "8010000002CCDD00",              // last link: echo AABBCCDD
        "8012000004",                    // wrong exact Le: 6C08
        "801A000000",                    // warning with data, chained
        "801C000000",                    // error SW with data dropped
        "00FE0000",                      // 6D00
        "FFA40000",                      // 6E00
        "01A4040C05F04E430001",          // 6881
        "0CA4040C05F04E430001",          // 6882
        "00D6000002AA",                  // 6700
        "00C0000010",                    // nothing pending: 6985
        "00A4040C05F04E430009",          // applet refuses: 6999
    ];

    [Fact]
    public void Processing_apdus_allocates_nothing()
    {
        var card = new CardHarness();
        var frames = Script.Select(Convert.FromHexString).ToArray();
        var response = new byte[65538];
        RunScript(card.Card, frames, response, 50);   // warm up: JIT, statics, tiered compilation

        // The lowest of three rounds: the runtime itself (tiered JIT installing code while other
        // test classes run in parallel) can charge a few bytes to this thread now and then; an
        // allocation in the APDU path would show in every round, 2000 times over.
        long fewest = long.MaxValue;
        for (int round = 0; round < 3 && fewest != 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            RunScript(card.Card, frames, response, 2000);
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, fewest);
    }

    [Fact]
    public void The_allocation_probe_sees_allocations()
    {
        // Guards the test above against a probe that always reads the same value.
        long before = GC.GetAllocatedBytesForCurrentThread();
        var garbage = new byte[1024];
        long after = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(garbage);
        Assert.True(after - before >= 1024);
    }

    private static void RunScript(CardRuntime card, byte[][] frames, byte[] response, int times)
    {
        for (int i = 0; i < times; i++)
        {
            card.Reset();
            foreach (var frame in frames)
            {
                int n = card.Transmit(frame, frame.Length, response);
                if (n < 2 || response[n - 2] == 0x6F)
                {
                    throw new InvalidOperationException("script command failed: " + Convert.ToHexString(frame));
                }
            }
        }
    }
}
