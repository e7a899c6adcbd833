using System.Net;
using System.Net.Sockets;
using NanoCard.Flasher.Commands;
using NanoCard.Flasher.Lab;
using NanoCard.Issuance;
using static NanoCard.Flasher.Tests.VpcdWire;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// <c>flasher sim --web 127.0.0.1:0 [--web-control] --trace</c> on a copy of the issued card, with
/// the test playing vpcd on a loopback port of its own (the scripted reader).
/// </summary>
public sealed class LabSim : IAsyncDisposable
{
    private readonly TcpListener vpcd = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new(TimeSpan.FromSeconds(120));
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task<int> sim;
    private TcpClient? reader;

    public LabSim(string work, FaultLabCard card, bool control)
    {
        string image = Path.Combine(work, "card.img");
        File.Copy(card.Image, image);
        File.Copy(DeviceKeyFile.PathFor(card.Image), DeviceKeyFile.PathFor(image));
        Trace = Path.Combine(work, "trace.txt");
        vpcd.Start();
        string address = $"127.0.0.1:{((IPEndPoint)vpcd.LocalEndpoint).Port}";
        LabSettings web = LabOptions.Parse("127.0.0.1:0", control, allowRemote: false) with { Listening = listening.SetResult };
        sim = Task.Run(() => SimCommand.Run(image, address, Trace, "host", 10, Output, stop.Token, web: web));
    }

    public string Trace { get; }

    public StringWriter Output { get; } = new();

    public Task<Uri> Page => listening.Task.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>The card comes into the reader and is powered on: the session's stream.</summary>
    public async Task<NetworkStream> Connect()
    {
        Task<TcpClient> accepted = vpcd.AcceptTcpClientAsync(stop.Token).AsTask();
        if (await Task.WhenAny(accepted, sim) == sim)
        {
            // The simulator stopped before coming in: say why, now.
            await sim;
            Assert.Fail("flasher sim exited before connecting: " + Output);
        }
        reader = await accepted;
        NetworkStream stream = reader.GetStream();
        Send(stream, [0x01]);
        return stream;
    }

    public async Task<int> Stop()
    {
        await stop.CancelAsync();
        return await sim.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await sim.ContinueWith(_ => { }, TaskScheduler.Default);
        reader?.Dispose();
        vpcd.Stop();
        stop.Dispose();
    }
}
