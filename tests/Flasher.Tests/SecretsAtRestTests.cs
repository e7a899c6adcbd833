using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NanoCard.Flasher.Commands;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// docs/security.md, "Secrets at rest": no PIN, password, PUK or private key appears in clear in a
/// card image file, a trace or a log. A gen2 card (every kind of credential) is issued into an image
/// by the flasher, then used through <c>flasher sim --trace</c> with each credential; the image, the
/// trace (text and JSON lines) and everything the commands printed are searched.
/// </summary>
public sealed class SecretsAtRestTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("flasher-secrets-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private string In(string name) => Path.Combine(work, name);

    [Fact]
    public async Task Image_trace_and_logs_hold_no_pin_password_puk_or_private_key()
    {
        var log = new StringWriter();
        PersonaCommand.New("gen2", 41, In("p.json"), log);
        Persona persona = PersonaFile.Load(In("p.json"));
        Assert.Equal(0, IssueCommand.Run(In("p.json"), In("ca"), "sim:" + In("card.img"), null, log));
        await UseEveryCredential(persona, log);

        byte[] image = File.ReadAllBytes(In("card.img"));
        byte[] deviceKey = File.ReadAllBytes(DeviceKeyFile.PathFor(In("card.img")));
        string text = log + File.ReadAllText(In("trace.txt")) + File.ReadAllText(In("trace.txt.jsonl"));

        // The 9 keys, opened with the device key: RSA for JPKI authentication and signing, the text AP and the
        // common AP; EC for JPKI authentication, signing and AP authentication, text AP authentication and card authentication.
        List<byte[]> keyParts = KeyMaterial.SecretParts(image, deviceKey);
        Assert.Equal(9, keyParts.Count);
        Assert.Empty(KeyMaterial.SecretParts(image, new byte[SecretSeal.DeviceKeyLength]));
        foreach (byte[] window in KeyMaterial.Windows(keyParts))
        {
            Assert.Equal(-1, image.AsSpan().IndexOf(window));
            Assert.DoesNotContain(Convert.ToHexString(window), text, StringComparison.OrdinalIgnoreCase);
        }

        // The long credentials: nowhere in the image, as bytes or as hex in the text.
        foreach (string secret in new[] { persona.SignPassword, persona.Puk })
        {
            Assert.Equal(-1, image.AsSpan().IndexOf(Encoding.ASCII.GetBytes(secret)));
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(Encoding.ASCII.GetBytes(secret)), text, StringComparison.OrdinalIgnoreCase);
        }

        // 4 digits may occur by chance in public data (dates, numbers), so the PIN is looked for in every
        // credential record and, as the hex a trace would show, in the text.
        Assert.DoesNotContain(Convert.ToHexString(Encoding.ASCII.GetBytes(persona.Pin)), text, StringComparison.OrdinalIgnoreCase);
        List<byte[]> records = CredentialRecords(image);
        Assert.Equal(8, records.Count); // card PIN, PUK, signing password, text AP A and B, visual AP birth date, B and A
        foreach (byte[] record in records)
        {
            foreach (string secret in new[] { persona.Pin, persona.SignPassword, persona.Puk })
            {
                Assert.Equal(-1, record.AsSpan().IndexOf(Encoding.ASCII.GetBytes(secret)));
            }
        }
    }

    /// <summary>The scan finds what a platform without a device key keeps: the same search on such a card fails.</summary>
    [Fact]
    public void The_scan_finds_keys_kept_in_clear()
    {
        var nvm = new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize);
        var card = new SimulatedCard(nvm, new HostCrypto(), CardConfig.Desktop(), deviceKey: null);
        card.Client.Expect(Apdus.SelectAid(NanoCard.Applets.Jpki.JpkiAp.Aid), "SELECT");
        card.Client.Expect(Apdus.GenerateKeyPair(0x0017), "GENERATE");
        byte[] image = nvm.Snapshot();
        byte[] part = Assert.Single(KeyMaterial.SecretParts(image, null));
        Assert.NotEqual(-1, image.AsSpan().IndexOf(KeyMaterial.Windows([part])[0]));
    }

    /// <summary>Through <c>flasher sim --trace</c>: the card PIN, the signing password, the PUK (RESET RETRY COUNTER with a new PIN).</summary>
    private async Task UseEveryCredential(Persona persona, TextWriter log)
    {
        using var vpcd = new TcpListener(IPAddress.Loopback, 0);
        vpcd.Start();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string endpoint = $"127.0.0.1:{((IPEndPoint)vpcd.LocalEndpoint).Port}";
        var simLog = new StringWriter();
        Task<int> sim = Task.Run(() => SimCommand.Run(In("card.img"), endpoint, In("trace.txt"), "host", 10, simLog, stop.Token));
        using (TcpClient client = await vpcd.AcceptTcpClientAsync(stop.Token))
        {
            NetworkStream s = client.GetStream();
            VpcdWire.Send(s, [0x01]);
            Assert.Equal(0x9000, Sw(VpcdWire.Request(s, Apdus.SelectAid(NanoCard.Applets.Jpki.JpkiAp.Aid))));
            byte[] pin = Encoding.ASCII.GetBytes(persona.Pin);
            Assert.Equal(0x9000, Sw(VpcdWire.Request(s, Apdus.Verify(0x98, pin))));
            Assert.Equal(0x9000, Sw(VpcdWire.Request(s, Apdus.Verify(0x9B, Encoding.ASCII.GetBytes(persona.SignPassword)))));
            Assert.Equal(0x9000, Sw(VpcdWire.Request(s, Apdus.ResetRetryCounter(0x98, Encoding.ASCII.GetBytes(persona.Puk), pin))));
        }
        await stop.CancelAsync();
        Assert.Equal(0, await sim.WaitAsync(TimeSpan.FromSeconds(30)));
        log.Write(simLog.ToString());
    }

    private static ushort Sw(byte[] reply) => BinaryPrimitives.ReadUInt16BigEndian(reply.AsSpan(reply.Length - 2));

    /// <summary>The records of every PIN, password and PUK on the card (object kind PinValue).</summary>
    private static List<byte[]> CredentialRecords(byte[] image)
    {
        var store = new CardStore(new RamNvm((byte[])image.Clone(), StoreLayout.DefaultPageSize), StoreLayout.Default());
        return [.. StoreDirectory.Objects(store).Where(o => o.Kind == ObjectKind.PinValue).Select(o => image[o.Address..(o.Address + o.Size)])];
    }
}
