using System.Security.Cryptography;
using NanoCard.Issuance;
using NanoCard.Issuance.Content;
using NanoCard.Issuance.Packages;

namespace NanoCard.Applets.Tests.Domains;

/// <summary>
/// What the package tests share: the police agency's and the city's signing keys, their domains
/// (made by the issuer with <see cref="ContentCard"/>'s key sets) and the packages installed through them.
/// </summary>
public static class Packages
{
    public static readonly ECDsa Police = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public static readonly ECDsa City = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static DomainSession CitySession(TestCard card) => DomainSession.Open(ContentCard.Channel(card), ContentCard.CityAid, ContentCard.CityKeys);

    public static void InstallLicence(TestCard card, Persona persona) =>
        PackageInstaller.InstallLicence(ContentCard.Police(card), persona, Police);

    public static void InstallMunicipal(TestCard card, Persona persona, MunicipalPackage package) =>
        PackageInstaller.InstallMunicipal(CitySession(card), package, persona, City);

    public static LicenceReading ReadLicence(TestCard card, Persona persona) =>
        LicenceReader.Read(card.Client, persona.Licence!.Pin1, persona.Licence.Pin2, Police);
}
