using System.Diagnostics;
using NanoCard.Applets;
using NanoCard.Flasher.Pcsc;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Bench;

/// <summary>
/// What the PC/SC campaigns (soak, kill and restart) share: pcscd's second vpcd slot
/// (127.0.0.1:35964, "Virtual PCD 00 01"), so the first stays free for the OpenSC tests; a
/// <c>flasher sim</c> process in it; the client's connection; and an issued card image.
/// </summary>
public static class SecondSlot
{
    public const string Reader = "Virtual PCD 00 01";
    public const int VpcdPort = 35964;

    /// <summary>A <c>flasher sim</c> process on <paramref name="image"/> in the slot (the flasher built next to the bench), with <paramref name="options"/> added.</summary>
    public static Process StartSim(string image, params string[] options)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "flasher.dll"), "sim", "--card", image, "--vpcd", $"127.0.0.1:{VpcdPort}" },
            RedirectStandardOutput = true,
        };
        foreach (string option in options)
        {
            start.ArgumentList.Add(option);
        }
        return Process.Start(start) ?? throw new InvalidOperationException("cannot start flasher sim");
    }

    /// <summary>The card in the slot, waited for up to 30 s.</summary>
    public static PcscChannel Connect()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return new PcscChannel(Reader);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>
    /// The card in the slot and what <paramref name="look"/> reads from it first. pcscd may still be
    /// reporting a killed card when the new one arrives, so a look that fails is retried for 30 s.
    /// </summary>
    public static (PcscChannel Channel, T Seen) FirstLook<T>(Func<CardClient, T> look)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            PcscChannel channel = Connect();
            try
            {
                return (channel, look(new CardClient(channel)));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                channel.Dispose();
                Thread.Sleep(200);
            }
        }
    }

    /// <summary>An image file holding a gen1 card issued for <paramref name="persona"/>.</summary>
    public static void IssueImage(string path, Persona persona) =>
        Issue(path, MynaCard.Gen1, client => new Gen1Issuer(client, TestCa.Create(DateTimeOffset.UtcNow), TimeProvider.System).Issue(persona));

    /// <summary>An image file holding a gen2 card issued for <paramref name="persona"/> by the CA folder of <paramref name="archive"/>.</summary>
    public static void IssueGen2Image(string path, Persona persona, TestCa ca, CaArchive archive) =>
        Issue(path, MynaCard.Gen2, client => new Gen2Issuer(client, ca, archive, TimeProvider.System).Issue(persona));

    private static void Issue(string path, byte profile, Action<CardClient> issue)
    {
        using var nvm = FileNvm.Open(path, StoreLayout.DefaultSize, StoreLayout.DefaultPageSize);
        var card = new SimulatedCard(nvm, new HostCrypto(), CardConfig.Desktop(), profile, deviceKey: DeviceKeyFile.Create(path));
        issue(card.Client);
    }
}
