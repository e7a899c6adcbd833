using NanoCard.Applets;
using NanoCard.Applets.CardManager;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Bench.Wear;

/// <summary>
/// Page writes of a card's life on the default layout: install on a blank memory, a whole issuance
/// (personalization APDUs from a blank card to SET STATUS), a gen2 renewal, and a factory reset of
/// the issued card, for both profiles.
/// </summary>
public static class LifeCycleWear
{
    public static void Print(Persona gen1, Persona gen2)
    {
        Console.WriteLine("| card life cycle | APDUs | page writes |");
        Console.WriteLine("|---|---:|---:|");
        string caDirectory = Directory.CreateTempSubdirectory("nanocard-wear-ca-").FullName;
        try
        {
            Profile("gen1", MynaCard.Gen1, client => new Gen1Issuer(client, TestCa.Create(DateTimeOffset.UtcNow), TimeProvider.System).Issue(gen1), null,
                client => FactoryReset.Gen1(client, IssuerKey.TestKey));
            TestCa ca = TestCa.OpenOrCreate(caDirectory, DateTimeOffset.UtcNow);
            var archive = new CaArchive(caDirectory, ca);
            Profile("gen2", MynaCard.Gen2, client => new Gen2Issuer(client, ca, archive, TimeProvider.System).Issue(gen2),
                client => new Gen2Renewer(client, ca, archive, TimeProvider.System).Renew(Scp03Keys.Test, gen2.SignPassword),
                client => FactoryReset.Gen2(client, Scp03Keys.Test));
        }
        finally
        {
            Directory.Delete(caDirectory, recursive: true);
        }
    }

    private static void Profile(string name, byte profile, Action<CardClient> issue, Action<CardClient>? renew, Action<CardClient> reset)
    {
        var nvm = new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize);
        CardClient client = new SimulatedCard(nvm, new HostCrypto(), CardConfig.Desktop(), profile).Client;
        long install = nvm.TotalPageWrites;
        int commands = 0;
        client.Exchanged += (_, _) => commands++;

        nvm.ResetCounters();
        issue(client);
        Console.WriteLine($"| {name}: format and install on a blank memory | 0 | {install:N0} |");
        Console.WriteLine($"| {name}: issuance (keys, certificates, AP data, PINs, SET STATUS) | {commands:N0} | {nvm.TotalPageWrites:N0} |");

        if (renew is not null)
        {
            nvm.ResetCounters();
            commands = 0;
            renew(client);
            Console.WriteLine($"| {name}: renewal (four key pairs, four certificates, one switch) | {commands:N0} | {nvm.TotalPageWrites:N0} |");
        }

        nvm.ResetCounters();
        commands = 0;
        reset(client);
        Console.WriteLine($"| {name}: factory reset of the issued card (with the issuer's authentication) | {commands:N0} | {nvm.TotalPageWrites:N0} |");
    }
}
