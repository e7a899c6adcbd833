using NanoCard.Os.Runtime;

namespace NanoCard.Applets.Tests;

/// <summary>
/// Bytes a scripted session allocates on the card's path once warmed up: the script goes straight
/// to the runtime (no client in between), and the lowest of three rounds counts (see
/// NanoCard.Os.Tests.AllocationTests: a real allocation shows in every round, runtime noise not).
/// </summary>
public static class SessionAllocation
{
    public static long Measure(CardRuntime runtime, byte[][] script, params int[] expected)
    {
        byte[] response = new byte[258];
        void Run()
        {
            foreach (byte[] command in script)
            {
                int n = runtime.Transmit(command, command.Length, response);
                int sw = (response[n - 2] << 8) | response[n - 1];
                if (Array.IndexOf(expected, sw) < 0)
                {
                    // Only on failure: building the message would itself allocate.
                    Assert.Fail($"{Convert.ToHexString(command)} answered {sw:X4}");
                }
            }
        }
        for (int i = 0; i < 5; i++)
        {
            Run();
        }
        long fewest = long.MaxValue;
        for (int round = 0; round < 3 && fewest != 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 3; i++)
            {
                Run();
            }
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return fewest;
    }
}
