using NanoCard.Applets.CardManager;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Bench.Wear;

/// <summary>
/// Page writes of a whole gen1 issuance (personalization APDUs from a blank card to SET STATUS)
/// and of a factory reset of the issued card, on the default layout.
/// </summary>
public static class LifeCycleWear
{
    public static void Print(Persona persona)
    {
        var nvm = new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize);
        CardClient client = new SimulatedCard(nvm, new HostCrypto(), CardConfig.Desktop()).Client;
        long install = nvm.TotalPageWrites;
        int commands = 0;
        client.Exchanged += (_, _) => commands++;

        nvm.ResetCounters();
        new Gen1Issuer(client, TestCa.Create(DateTimeOffset.UtcNow), TimeProvider.System).Issue(persona);
        long issuance = nvm.TotalPageWrites;
        int issuanceCommands = commands;

        nvm.ResetCounters();
        client.Expect(Apdus.SelectCardManager(), "SELECT");
        IssuerAuthentication.Authenticate(client, IssuerKey.TestKey);
        client.Expect(Apdus.SetStatus(LifeCycle.OpReady), "factory reset");
        long reset = nvm.TotalPageWrites;

        Console.WriteLine("| card life cycle (gen1) | APDUs | page writes |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine($"| format and install on a blank memory | 0 | {install:N0} |");
        Console.WriteLine($"| issuance (keys, certificates, AP data, PINs, SET STATUS) | {issuanceCommands:N0} | {issuance:N0} |");
        Console.WriteLine($"| factory reset of the issued card | 1 | {reset:N0} |");
    }
}
