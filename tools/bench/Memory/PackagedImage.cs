using System.Security.Cryptography;
using NanoCard.Applets;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Issuance.Content;
using NanoCard.Issuance.Packages;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Bench.Memory;

/// <summary>
/// An EEPROM image with issue 21's installed content (docs/apdu-spec.md §11.3–§11.4): the police
/// agency's domain with the licence AP, the city's domain holding the 条例利用 area with the
/// seal-registration and library APs. Made in the parent process, so that the measured power-up
/// (<c>heap --installed</c>) counts the installed applets and nothing of their making.
/// </summary>
public static class PackagedImage
{
    public static string Make(byte profile)
    {
        var nvm = new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize);
        var card = new SimulatedCard(nvm, new HostCrypto(), CardConfig.Desktop(), profile);
        Persona persona = PersonaGenerator.Create(21, profile == MynaCard.Gen2 ? "gen2" : "gen1", DateOnly.FromDateTime(DateTime.UtcNow));
        var channel = new ResponseFollowingChannel(card.Client);
        Scp03Keys police = Scp03Keys.Random(0x01);
        Scp03Keys city = Scp03Keys.Random(0x01);
        DomainSession issuer = DomainSession.OpenIssuer(channel, Scp03Keys.Test);
        issuer.CreateDomain(LicencePackage.DomainAid, police, 2048);
        issuer.CreateDomain(MunicipalPackage.DomainAid, city, 4096, reserve: true);
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        PackageInstaller.InstallLicence(DomainSession.Open(channel, LicencePackage.DomainAid, police), persona, signer);
        foreach (MunicipalPackage package in MunicipalPackage.All)
        {
            PackageInstaller.InstallMunicipal(DomainSession.Open(channel, MunicipalPackage.DomainAid, city), package, persona, signer);
        }
        string path = Path.Combine(Path.GetTempPath(), $"nanocard-heap-{Environment.ProcessId}-{profile}.img");
        File.WriteAllBytes(path, nvm.Snapshot());
        return path;
    }
}
