using NanoCard.Flasher.Commands;
using NanoCard.Flasher.Service;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// A CA folder with its issuer service on 127.0.0.1 (a free port) and gen2 cards issued with the
/// service's URL in their certificates, in a temporary folder; disposing stops the service and
/// deletes the folder.
/// </summary>
internal sealed class IssuerServiceHarness : IAsyncDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("flasher-service-").FullName;

    private IssuerServiceHarness(TimeSpan relayTimeout, Uri? publicUrl)
    {
        TestCa.OpenOrCreate(CaDirectory, DateTimeOffset.UtcNow);
        Service = IssuerService.Start(new IssuerServiceSettings(CaDirectory, System.Net.IPAddress.Loopback, 0) { RelayTimeout = relayTimeout, PublicUrl = publicUrl }, TextWriter.Null);
    }

    /// <param name="publicUrl">The service's <c>--url</c>; none: the address it listens on.</param>
    public static IssuerServiceHarness Start(TimeSpan? relayTimeout = null, Uri? publicUrl = null) => new(relayTimeout ?? TimeSpan.FromSeconds(30), publicUrl);

    public IssuerService Service { get; }

    public string CaDirectory => In("ca");

    public string In(string name) => Path.Combine(work, name);

    /// <summary>Issues a gen2 card (persona seed <paramref name="seed"/>) into image <paramref name="image"/>, its JPKI certificates pointing to the service.</summary>
    public Persona Issue(int seed, string image, string curve = "P-256")
    {
        Assert.Equal(0, PersonaCommand.New("gen2", seed, In($"p{seed}.json"), TextWriter.Null, curve));
        Assert.Equal(0, IssueCommand.Run(In($"p{seed}.json"), CaDirectory, "sim:" + In(image), null, TextWriter.Null, serviceUrl: Service.Address.AbsoluteUri));
        return PersonaFile.Load(In($"p{seed}.json"));
    }

    /// <summary>The certificate of <paramref name="role"/> the CA folder lists for the card, as a PEM file for openssl.</summary>
    public string CertificatePem(Persona persona, string role, string file)
    {
        var archive = new CaArchive(CaDirectory, TestCa.OpenOrCreate(CaDirectory, DateTimeOffset.UtcNow));
        File.WriteAllText(In(file), archive.GetCard(persona.Serial)[role].ExportCertificatePem());
        return In(file);
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        Directory.Delete(work, recursive: true);
    }
}
