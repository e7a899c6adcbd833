using System.Security.Cryptography;
using NanoCard.Issuance.Content;

namespace NanoCard.Issuance.Packages;

/// <summary>
/// Installs a package through its authority's domain session (docs/apdu-spec.md §11.2): INSTALL
/// from the description, then personalization through the same domain's session. A
/// personalization the card refuses takes the AP off again, so the card is as before.
/// </summary>
public static class PackageInstaller
{
    /// <summary>The licence AP, by the police agency's domain; returns the AP's description.</summary>
    public static ApDescriptionFile InstallLicence(DomainSession police, Persona persona, ECDsa signer)
    {
        ApDescriptionFile description = LicencePackage.Describe(persona, signer);
        Install(police, description, () => police.Personalize(description));
        return description;
    }

    /// <summary>A municipal AP, by the city's domain: the card generates the key, the city signs the record with it.</summary>
    public static ApDescriptionFile InstallMunicipal(DomainSession city, MunicipalPackage package, Persona persona, ECDsa signer)
    {
        ApDescriptionFile description = package.Describe(persona, persona.Profile == "gen2");
        Install(city, description, () =>
        {
            IReadOnlyDictionary<int, byte[]> keys = city.Personalize(description);
            city.Personalize(package.Certificate(persona, keys[MunicipalPackage.Key], signer));
        });
        return description;
    }

    private static void Install(DomainSession session, ApDescriptionFile description, Action personalize)
    {
        session.InstallAp(description);
        try
        {
            personalize();
        }
        catch (Exception e) when (e is ContentException or InvalidDataException)
        {
            session.Delete(description.AidBytes, false);
            throw;
        }
    }
}
