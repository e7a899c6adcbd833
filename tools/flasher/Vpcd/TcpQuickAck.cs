using System.Net.Sockets;

namespace NanoCard.Flasher.Vpcd;

/// <summary>
/// vpcd sends each message as two writes (the 2-byte length, then the payload). With Nagle's
/// algorithm on vpcd's side, the payload waits for our ACK of the length, and Linux delays that
/// ACK by up to 40 ms: every APDU would cost about 44 ms (measured: docs/performance.md, "Soak").
/// TCP_QUICKACK makes the kernel acknowledge at once; it is not sticky, so it is armed again before
/// each read. Elsewhere than Linux the option does not exist and nothing is done.
/// </summary>
public static class TcpQuickAck
{
    /// <summary>IPPROTO_TCP and TCP_QUICKACK in Linux's netinet/in.h and netinet/tcp.h (a raw option: .NET has no name for it).</summary>
    private const int ProtocolTcp = 6;
    private const int QuickAck = 12;
    private static readonly byte[] On = [1, 0, 0, 0];

    public static void Arm(Stream stream)
    {
        if (OperatingSystem.IsLinux() && stream is NetworkStream network)
        {
            try
            {
                network.Socket.SetRawSocketOption(ProtocolTcp, QuickAck, On);
            }
            catch (SocketException)
            {
                // A socket that refuses the option keeps the delayed ACK: slower, still correct.
            }
        }
    }
}
