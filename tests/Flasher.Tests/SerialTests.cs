using System.Net;
using System.Net.Sockets;
using NanoCard.Applets.Jpki;
using NanoCard.Flasher.Cards;
using NanoCard.Flasher.Commands;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Hal.Serial;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;
using static NanoCard.Flasher.Tests.VpcdWire;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// The serial path end to end over a pseudo-terminal: a simulated board (the card OS with the
/// firmware's <see cref="SerialCardLink"/> on the contactless configuration) on the master side,
/// the flasher's <c>serial:PORT</c> target and <c>bridge</c> on the slave side as on /dev/ttyUSB0.
/// </summary>
public sealed class SerialTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("flasher-serial-").FullName;
    private readonly PseudoTerminal pty = new();
    private readonly SimulatedCard board = new(new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize), new HostCrypto(), CardConfig.Contactless());
    private readonly CancellationTokenSource stop = new();
    private readonly Thread firmware;
    private static readonly byte[] BoardAtr = AnswerToReset.Build([0x80, 0x73, 0xC6, 0x01, 0xC0], 5);

    public SerialTests()
    {
        firmware = Serve(pty, board, stop.Token);
    }

    /// <summary>The board's firmware loop on its own thread: the card's serial link on the master side of <paramref name="port"/>.</summary>
    private static Thread Serve(PseudoTerminal port, SimulatedCard card, CancellationToken stopping)
    {
        var link = new SerialCardLink(port, card.Runtime, BoardAtr, CardConfig.Contactless().MaxCommandData + 7, 258);
        var thread = new Thread(() =>
        {
            while (!stopping.IsCancellationRequested)
            {
                if (!link.ServeOne(200))
                {
                    Thread.Sleep(1);
                }
            }
        })
        { IsBackground = true, Name = "board firmware" };
        thread.Start();
        return thread;
    }

    public void Dispose()
    {
        stop.Cancel();
        firmware.Join();
        pty.Dispose();
        Directory.Delete(work, recursive: true);
    }

    private string In(string name) => Path.Combine(work, name);

    [Fact]
    public void Issue_personalizes_a_board_over_the_cable()
    {
        Assert.Equal(0, PersonaCommand.New("gen1", 41, In("p.json"), TextWriter.Null));
        var output = new StringWriter();
        Assert.Equal(0, IssueCommand.Run(In("p.json"), In("ca"), "serial:" + pty.SlavePath, null, output));
        Assert.Contains("issuing: 100% done", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(LifeCycle.Secured, board.Store.LifeCycle);
        // The board signs with the key it generated, as a client on the cable sees it.
        using CardConnection card = CardConnection.Open("serial:" + pty.SlavePath);
        Persona persona = PersonaFile.Load(In("p.json"));
        card.Client.Expect(Apdus.SelectAid(JpkiAp.Aid), "SELECT");
        card.Client.Expect(Apdus.Verify(0x98, System.Text.Encoding.ASCII.GetBytes(persona.Pin)), "VERIFY");
        Assert.Equal(256, card.Client.Expect(Apdus.ComputeSignature(0x97, IssuerSignature.DigestInfo([1, 2])), "SIGN").Length);
    }

    [Fact]
    public void A_board_takes_a_domain_and_an_installed_ap_over_the_cable_and_gives_its_space_back()
    {
        using var gen2Port = new PseudoTerminal();
        var gen2Board = new SimulatedCard(new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize), new HostCrypto(), CardConfig.Contactless(), NanoCard.Applets.MynaCard.Gen2);
        using var stopping = new CancellationTokenSource();
        Thread gen2Firmware = Serve(gen2Port, gen2Board, stopping.Token);
        try
        {
            OnGen2Board("serial:" + gen2Port.SlavePath, gen2Board);
        }
        finally
        {
            stopping.Cancel();
            gen2Firmware.Join();
        }
    }

    [Fact]
    public void The_licence_reader_reads_a_board_over_the_cable()
    {
        const string police = "F04E616E6F506F6C696365";
        using var gen2Port = new PseudoTerminal();
        var gen2Board = new SimulatedCard(new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize), new HostCrypto(), CardConfig.Contactless(), NanoCard.Applets.MynaCard.Gen2);
        using var stopping = new CancellationTokenSource();
        Thread gen2Firmware = Serve(gen2Port, gen2Board, stopping.Token);
        try
        {
            string target = "serial:" + gen2Port.SlavePath;
            Assert.Equal(0, PersonaCommand.New("gen2", 44, In("p.json"), TextWriter.Null, "P-256"));
            Assert.Equal(0, IssueCommand.Run(In("p.json"), In("ca"), target, null, TextWriter.Null));
            Assert.Equal(0, DomainCommand.Create(target, In("ca"), police, 2048, In("police.json"), TextWriter.Null));
            Assert.Equal(0, PackageCommand.Install(target, In("ca"), police, In("police.json"), "licence", In("p.json"), TextWriter.Null));

            Persona persona = PersonaFile.Load(In("p.json"));
            var output = new StringWriter();
            Assert.Equal(0, ReadCommand.Licence(target, In("ca"), persona.Licence!.Pin1, persona.Licence.Pin2, output));
            Assert.Contains($"免許証の番号 (number): {persona.Licence.Number}", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("police signature over the items: ok", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("police signature over the domicile: ok", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            stopping.Cancel();
            gen2Firmware.Join();
        }
    }

    private void OnGen2Board(string target, SimulatedCard gen2Board)
    {
        const string police = "F04E616E6F506F6C696365";
        const string licenceAid = "F04E616E6F4C6963656E6365";
        string licence = Path.Combine(FaultProfileTests.RepositoryRoot(), "docs", "examples", "licence-ap.json");
        Assert.Equal(0, PersonaCommand.New("gen2", 42, In("p.json"), TextWriter.Null, "P-256"));
        Assert.Equal(0, IssueCommand.Run(In("p.json"), In("ca"), target, null, TextWriter.Null));
        int freeBefore = gen2Board.Store.UnusedBytes;

        Assert.Equal(0, DomainCommand.Create(target, In("ca"), police, 4096, In("police.json"), TextWriter.Null));
        var output = new StringWriter();
        Assert.Equal(0, ApCommand.Install(target, null, police, In("police.json"), licence, output));
        Assert.Contains($"AP {licenceAid} installed and personalized", output.ToString(), StringComparison.Ordinal);
        using (CardConnection card = CardConnection.Open(target))
        {
            card.Client.Expect(Apdus.SelectAid(Convert.FromHexString(licenceAid)), "SELECT");
            Assert.Equal("NANO-LICENCE-001", System.Text.Encoding.ASCII.GetString(card.Client.Expect(Convert.FromHexString("00B0820010"), "READ BINARY")));
        }

        Assert.Equal(0, ApCommand.Delete(target, null, police, In("police.json"), licenceAid, TextWriter.Null));
        Assert.Equal(0, DomainCommand.Delete(target, In("ca"), police, false, TextWriter.Null));
        Assert.Equal(freeBefore, gen2Board.Store.UnusedBytes);
    }

    [Fact]
    public async Task Bridge_relays_vpcd_to_the_board_and_traces_without_secrets()
    {
        var vpcd = new TcpListener(IPAddress.Loopback, 0);
        vpcd.Start();
        int port = ((IPEndPoint)vpcd.LocalEndpoint).Port;
        using var cancel = new CancellationTokenSource();
        string trace = In("bridge.trace");
        var output = new StringWriter();
        Task<int> bridge = Task.Run(() =>
        {
            using var serial = CardConnection.OpenSerial(pty.SlavePath);
            return BridgeCommand.Relay(serial, "127.0.0.1", port, trace, 10, output, cancel.Token, pty.SlavePath);
        });
        using (TcpClient reader = await vpcd.AcceptTcpClientAsync())
        {
            NetworkStream s = reader.GetStream();
            Assert.Equal(BoardAtr, Request(s, [0x04]));
            Send(s, [0x01]);
            Assert.Equal([0x90, 0x00], Request(s, Apdus.SelectAid(JpkiAp.Aid)));
            Assert.Equal([0x69, 0x84], Request(s, Apdus.Verify(0x98, "1234"u8.ToArray()))); // a blank card's PIN has no value
        }
        cancel.Cancel();
        vpcd.Stop();
        Assert.Equal(0, await bridge.WaitAsync(TimeSpan.FromSeconds(20)));
        string text = File.ReadAllText(trace);
        Assert.Contains("SELECT AP: JPKI AP", text, StringComparison.Ordinal);
        Assert.DoesNotContain("31323334", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// A profile's link faults on the bridge's side of the cable: a delay before each SELECT, the
    /// card removed during command 2 (the board ran it) and back 700 ms later, on a clock that
    /// records the delays instead of waiting.
    /// </summary>
    [Fact]
    public async Task Bridge_applies_a_fault_profile_on_its_side()
    {
        File.WriteAllText(In("lab.json"), """{ "delayPerInsMs": { "A4": 30 }, "removeAtCommands": [2], "absentMs": 700 }""");
        var vpcd = new TcpListener(IPAddress.Loopback, 0);
        vpcd.Start();
        int port = ((IPEndPoint)vpcd.LocalEndpoint).Port;
        using var cancel = new CancellationTokenSource();
        var time = new RecordingTime();
        string trace = In("bridge.trace");
        Task<int> bridge = Task.Run(() =>
        {
            using var serial = CardConnection.OpenSerial(pty.SlavePath);
            return BridgeCommand.Relay(serial, "127.0.0.1", port, trace, 10, TextWriter.Null, cancel.Token, pty.SlavePath, Faults.FaultProfiles.Load(In("lab.json")), time);
        });
        using (TcpClient reader = await vpcd.AcceptTcpClientAsync())
        {
            NetworkStream s = reader.GetStream();
            Assert.Equal([0x90, 0x00], Request(s, Apdus.SelectAid(JpkiAp.Aid)));
            Send(s, Apdus.Verify(0x98, "1234"u8.ToArray()));
            Assert.Equal(0, s.Read(new byte[2]));
        }
        using (TcpClient reader = await vpcd.AcceptTcpClientAsync())
        {
            Assert.Equal([0x90, 0x00], Request(reader.GetStream(), Apdus.SelectAid(JpkiAp.Aid)));
        }
        cancel.Cancel();
        vpcd.Stop();
        Assert.Equal(0, await bridge.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal([30, 700, 30], time.DelaysMs);
        Assert.Equal(["! fault delay at command 1: 30 ms before INS A4",
            "! fault card-removed at command 2: the command ran, its reply is lost; the card is back after 700 ms",
            "! fault delay at command 3: 30 ms before INS A4"], File.ReadAllLines(trace).Where(l => l.StartsWith('!')));
        Assert.DoesNotContain("31323334", File.ReadAllText(trace), StringComparison.Ordinal);
    }

    [Fact]
    public void Bridge_refuses_the_faults_only_sim_can_apply()
    {
        using var serial = CardConnection.OpenSerial(pty.SlavePath);
        var error = Assert.Throws<UserError>(() => BridgeCommand.Relay(serial, "127.0.0.1", 1, null, 1, TextWriter.Null, CancellationToken.None, pty.SlavePath,
            Faults.FaultProfiles.Load("small-responses")));
        Assert.Contains("only flasher sim can apply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_without_a_board_is_a_one_line_error()
    {
        var error = Assert.Throws<UserError>(() => CardConnection.Open("serial:" + In("no-such-port")));
        Assert.Contains("no NanoCard board answers there", error.Message, StringComparison.Ordinal);
    }
}
