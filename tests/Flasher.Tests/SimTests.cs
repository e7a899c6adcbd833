using System.Net;
using System.Net.Sockets;
using NanoCard.Flasher.Commands;
using NanoCard.Issuance;
using static NanoCard.Flasher.Tests.VpcdWire;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// <c>flasher sim</c> against a stand-in for vpcd on loopback: the vpcd protocol (get ATR, power,
/// APDUs), reconnection when vpcd goes away, state kept in the image file, and the error for an
/// unreachable vpcd.
/// </summary>
public sealed class SimTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("flasher-sim-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public async Task Serves_vpcd_reconnects_and_keeps_state()
    {
        string image = Path.Combine(work, "card.img");
        PersonaCommand.New("gen1", 5, Path.Combine(work, "p.json"), TextWriter.Null);
        IssueCommand.Run(Path.Combine(work, "p.json"), Path.Combine(work, "ca"), "sim:" + image, null, TextWriter.Null);
        Persona persona = PersonaFile.Load(Path.Combine(work, "p.json"));

        using var vpcd = new TcpListener(IPAddress.Loopback, 0);
        vpcd.Start();
        int port = ((IPEndPoint)vpcd.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string trace = Path.Combine(work, "trace.txt");
        Task<int> sim = Task.Run(() => SimCommand.Run(image, $"127.0.0.1:{port}", trace, "host", 10, TextWriter.Null, stop.Token));

        string wrong = persona.Pin[..3] + (persona.Pin[3] == '0' ? '1' : '0');
        using (TcpClient first = await vpcd.AcceptTcpClientAsync(stop.Token))
        {
            NetworkStream s = first.GetStream();
            Control(s, 0x01);
            byte[] atr = Request(s, [0x04]);
            Assert.Equal("3B8580018073C601C0", Convert.ToHexString(atr[..^1]));
            Assert.Equal("9000", Hex(Request(s, Apdus.SelectAid(NanoCard.Applets.Jpki.JpkiAp.Aid))));
            Assert.Equal("63C2", Hex(Request(s, Apdus.Verify(0x98, System.Text.Encoding.ASCII.GetBytes(wrong)))));
        }

        using (TcpClient second = await vpcd.AcceptTcpClientAsync(stop.Token))
        {
            NetworkStream s = second.GetStream();
            Control(s, 0x02);
            Assert.Equal("9000", Hex(Request(s, Apdus.SelectAid(NanoCard.Applets.Jpki.JpkiAp.Aid))));
            Assert.Equal("63C2", Hex(Request(s, Apdus.VerifyStatus(0x98))));
        }
        await stop.CancelAsync();
        Assert.Equal(0, await sim.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.DoesNotContain(Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(wrong)), File.ReadAllText(trace), StringComparison.Ordinal);

        // The used try is in the image file: a new process (here: a new power-up) still sees it.
        using (var reopened = NanoCard.Flasher.Cards.CardImage.Open(image))
        {
            reopened.Card.Client.Expect(Apdus.SelectAid(NanoCard.Applets.Jpki.JpkiAp.Aid), "SELECT");
            Assert.Equal(0x63C2, reopened.Card.Client.Send(Apdus.VerifyStatus(0x98)).Sw);
        }
        Assert.Contains("wrong value, 2 tries left", File.ReadAllText(trace), StringComparison.Ordinal);
    }

    /// <summary>With <c>--crypto managed</c> the simulator signs with the portable C# the device runs.</summary>
    [Fact]
    public async Task Signs_with_the_managed_engine()
    {
        string image = Path.Combine(work, "card.img");
        PersonaCommand.New("gen1", 6, Path.Combine(work, "p.json"), TextWriter.Null);
        IssueCommand.Run(Path.Combine(work, "p.json"), Path.Combine(work, "ca"), "sim:" + image, null, TextWriter.Null);
        Persona persona = PersonaFile.Load(Path.Combine(work, "p.json"));
        using var vpcd = new TcpListener(IPAddress.Loopback, 0);
        vpcd.Start();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Task<int> sim = Task.Run(() => SimCommand.Run(image, $"127.0.0.1:{((IPEndPoint)vpcd.LocalEndpoint).Port}", null, "managed", 10, TextWriter.Null, stop.Token));
        using (TcpClient client = await vpcd.AcceptTcpClientAsync(stop.Token))
        {
            NetworkStream s = client.GetStream();
            Assert.Equal("9000", Hex(Request(s, Apdus.SelectAid(NanoCard.Applets.Jpki.JpkiAp.Aid))));
            Assert.Equal("9000", Hex(Request(s, Apdus.Verify(0x98, System.Text.Encoding.ASCII.GetBytes(persona.Pin)))));
            byte[] signature = Request(s, Apdus.ComputeSignature(0x97, IssuerSignature.DigestInfo([1, 2, 3])));
            Assert.Equal(258, signature.Length);
            Assert.Equal("9000", Hex(signature));
        }
        await stop.CancelAsync();
        Assert.Equal(0, await sim.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void An_unreachable_vpcd_is_a_one_line_error()
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        int port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var error = Assert.Throws<UserError>(() => SimCommand.Run(Path.Combine(work, "blank.img"), $"127.0.0.1:{port}", null, "host", 1, TextWriter.Null, CancellationToken.None));
        Assert.Contains("no vpcd at", error.Message, StringComparison.Ordinal);
    }

    private static void Control(NetworkStream s, byte code) => Send(s, [code]);

    private static string Hex(byte[] reply) => Convert.ToHexString(reply[^2..]);
}
