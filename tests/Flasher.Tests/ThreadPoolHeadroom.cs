using System.Runtime.CompilerServices;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// Many of these tests run <c>flasher sim</c> or a vpcd stand-in on thread-pool threads that block
/// for their whole life, while others wait on async reads (the serial board link). With the pool's
/// default minimum (one thread per core, 2 in CI) and its slow growth, a read's completion could
/// wait for a free thread longer than the link's timeout: seen once in CI as "the board did not
/// answer within 10 s". Enough threads from the start keep the tests about the card, not the pool.
/// </summary>
internal static class ThreadPoolHeadroom
{
    [ModuleInitializer]
    internal static void Raise()
    {
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }
}
