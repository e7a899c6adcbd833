using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoCard.Applets.Jpki;
using NanoCard.Flasher.Cards;
using NanoCard.Flasher.Commands;
using NanoCard.Flasher.Faults;
using NanoCard.Issuance;
using static NanoCard.Flasher.Tests.VpcdWire;

namespace NanoCard.Flasher.Tests;

/// <summary>One gen1 card issued for all fault tests (issuing takes seconds); each test runs on a copy.</summary>
public sealed class FaultLabCard : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("flasher-faultcard-").FullName;

    public FaultLabCard()
    {
        Image = Path.Combine(work, "card.img");
        PersonaCommand.New("gen1", 17, Path.Combine(work, "p.json"), TextWriter.Null);
        IssueCommand.Run(Path.Combine(work, "p.json"), Path.Combine(work, "ca"), "sim:" + Image, null, TextWriter.Null);
        Persona = PersonaFile.Load(Path.Combine(work, "p.json"));
        using CardImage card = CardImage.Open(Image);
        card.Card.Client.Expect(Apdus.SelectAid(JpkiAp.Aid), "SELECT");
        card.Card.Client.Expect(Apdus.SelectEf(JpkiAp.AuthCertificate), "SELECT certificate");
        Certificate = NanoCard.Flasher.Cards.TlvFileReader.ReadAll(card.Card.Client);
    }

    public string Image { get; }

    public Persona Persona { get; }

    /// <summary>The JPKI authentication certificate as issued: the data that must stay intact.</summary>
    public byte[] Certificate { get; }

    public byte[] Pin => System.Text.Encoding.ASCII.GetBytes(Persona.Pin);

    public byte[] WrongPin => System.Text.Encoding.ASCII.GetBytes(Persona.Pin[..3] + (Persona.Pin[3] == '0' ? '1' : '0'));

    public void Dispose() => Directory.Delete(work, recursive: true);

    /// <summary>
    /// A clean session on the image after a faulty one: the PIN counter is as the test expects,
    /// the certificate is intact, and the card still signs with the certified key.
    /// </summary>
    public void AssertConsistent(string image, int triesLeft)
    {
        using CardImage card = CardImage.Open(image);
        CardClient client = card.Card.Client;
        client.Expect(Apdus.SelectAid(JpkiAp.Aid), "SELECT");
        Assert.Equal(0x63C0 | triesLeft, client.Send(Apdus.VerifyStatus(0x98)).Sw);
        client.Expect(Apdus.SelectEf(JpkiAp.AuthCertificate), "SELECT certificate");
        Assert.Equal(Certificate, NanoCard.Flasher.Cards.TlvFileReader.ReadAll(client));
        client.Expect(Apdus.Verify(0x98, Pin), "VERIFY");
        byte[] challenge = "fault lab"u8.ToArray();
        byte[] signature = client.Expect(Apdus.ComputeSignature(0x97, IssuerSignature.DigestInfo(challenge)), "SIGN");
        using X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(Certificate);
        using RSA key = certificate.GetRSAPublicKey()!;
        Assert.True(key.VerifyData(challenge, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }
}

/// <summary>
/// <c>flasher sim --faults</c> on a copy of the issued card, with the test playing vpcd on a
/// loopback port of its own, and a clock that records every delay asked for instead of waiting.
/// </summary>
public sealed class FaultLab : IAsyncDisposable
{
    private readonly TcpListener vpcd = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new(TimeSpan.FromSeconds(120));
    private readonly List<TcpClient> connections = [];
    private readonly Task<int> sim;

    public FaultLab(string work, FaultLabCard card, string profile)
    {
        Image = Path.Combine(work, "card.img");
        File.Copy(card.Image, Image);
        File.Copy(DeviceKeyFile.PathFor(card.Image), DeviceKeyFile.PathFor(Image));
        Trace = Path.Combine(work, "trace.txt");
        vpcd.Start();
        string address = $"127.0.0.1:{((IPEndPoint)vpcd.LocalEndpoint).Port}";
        sim = Task.Run(() => SimCommand.Run(Image, address, Trace, "host", 10, Output, stop.Token, "gen1", FaultProfiles.Load(profile), Time));
    }

    public string Image { get; }

    public string Trace { get; }

    public RecordingTime Time { get; } = new();

    public StringWriter Output { get; } = new();

    /// <summary>Waits for the card to come into the reader, and powers it on.</summary>
    public async Task<NetworkStream> Connect()
    {
        Task<TcpClient> accepted = vpcd.AcceptTcpClientAsync(stop.Token).AsTask();
        if (await Task.WhenAny(accepted, sim) == sim)
        {
            // The simulator stopped before coming in (a bad image or profile): say why, now.
            await sim;
            Assert.Fail("flasher sim exited before connecting: " + Output);
        }
        TcpClient client = await accepted;
        connections.Add(client);
        NetworkStream stream = client.GetStream();
        Send(stream, [0x01]);
        return stream;
    }

    /// <summary>Sends a command the card never answers: the card side closes the connection instead.</summary>
    public static void RequestAndSeeTheCardLeave(NetworkStream s, byte[] payload)
    {
        Send(s, payload);
        int read;
        try
        {
            read = s.Read(new byte[2]);
        }
        catch (IOException)
        {
            read = 0;
        }
        Assert.Equal(0, read);
    }

    /// <summary>Stops the simulator; returns the trace's fault lines and JSON fault records.</summary>
    public async Task<(string[] Text, string[] Json)> Stop()
    {
        await stop.CancelAsync();
        Assert.Equal(0, await sim.WaitAsync(TimeSpan.FromSeconds(30)));
        return (File.ReadAllLines(Trace).Where(l => l.StartsWith("! fault ", StringComparison.Ordinal)).ToArray(),
            File.ReadAllLines(Trace + ".jsonl").Where(l => l.StartsWith("{\"fault\":", StringComparison.Ordinal)).ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await sim.ContinueWith(_ => { }, TaskScheduler.Default);
        connections.ForEach(c => c.Dispose());
        vpcd.Stop();
        stop.Dispose();
    }
}

/// <summary>A clock whose timers fire at once and remember the delay they were asked for.</summary>
public sealed class RecordingTime : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> delays = new();

    public IReadOnlyList<double> DelaysMs => [.. delays.Select(d => d.TotalMilliseconds)];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        delays.Enqueue(dueTime);
        return System.CreateTimer(callback, state, TimeSpan.Zero, period);
    }
}
