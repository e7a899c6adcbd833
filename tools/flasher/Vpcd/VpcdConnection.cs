using System.Net.Sockets;
using NanoCard.Flasher.Faults;
using NanoCard.Hal;

namespace NanoCard.Flasher.Vpcd;

/// <summary>
/// Keeps a card in vpcd's reader: connects (waiting up to the connect timeout the first time),
/// serves the link until vpcd closes, resets the card and reconnects, until cancelled. Shared by
/// <c>flasher sim</c> and <c>flasher bridge</c>. A card removed by a fault profile closes the
/// connection itself, stays away for the profile's time (waited on the given TimeProvider), and comes back.
/// </summary>
public static class VpcdConnection
{
    public static void Run(string host, int port, VpcdLink link, IApduEndpoint card, int connectTimeout, TextWriter output, CancellationToken cancel,
        TimeProvider? time = null)
    {
        bool everConnected = false;
        DateTime deadline = DateTime.UtcNow.AddSeconds(connectTimeout);
        while (!cancel.IsCancellationRequested)
        {
            // Every APDU is one small write answered by one small read: without TCP_NODELAY, Nagle's
            // algorithm against the peer's delayed ACK holds each reply back about 40 ms.
            using var client = new TcpClient { NoDelay = true };
            try
            {
                client.Connect(host, port);
            }
            catch (SocketException)
            {
                if (!everConnected && DateTime.UtcNow > deadline)
                {
                    throw new UserError($"no vpcd at {host}:{port}: start pcscd with the vsmartcard-vpcd driver (apt install pcscd vsmartcard-vpcd), or name another address with --vpcd");
                }
                cancel.WaitHandle.WaitOne(250);
                continue;
            }
            output.WriteLine($"connected to vpcd at {host}:{port}: the card is in the reader");
            everConnected = true;
            using (cancel.Register(client.Close))
            {
                try
                {
                    link.Serve(client.GetStream(), cancel);
                }
                catch (ObjectDisposedException) when (cancel.IsCancellationRequested)
                {
                    // Stopped between connecting and serving: the registration closed the client.
                }
                catch (CardRemovedException removed)
                {
                    client.Close();
                    card.Reset();
                    output.WriteLine($"card removed (fault profile): back in {removed.Absent.TotalMilliseconds:0} ms");
                    (time ?? TimeProvider.System).Sleep(removed.Absent, cancel);
                    continue;
                }
            }
            if (!cancel.IsCancellationRequested)
            {
                output.WriteLine("vpcd closed the connection (pcscd stopped?); reconnecting");
                card.Reset();
            }
        }
    }
}
