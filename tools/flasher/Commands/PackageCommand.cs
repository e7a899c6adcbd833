using System.Security.Cryptography;
using NanoCard.Flasher.Cards;
using NanoCard.Issuance;
using NanoCard.Issuance.Content;
using NanoCard.Issuance.Packages;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// <c>flasher ap install --package licence|seal|library --persona FILE</c>: installs one of the
/// packages of docs/apdu-spec.md §11.3–§11.4 for a persona through its authority's domain, the
/// data signed with the authority's test key from the CA folder (made there on first use).
/// </summary>
public static class PackageCommand
{
    public static int Install(string target, string? caDirectory, string? domain, string? domainKeys, string package, string? personaFile, TextWriter output)
    {
        if (personaFile is null || caDirectory is null)
        {
            throw new UserError("--package needs --persona FILE (whose data the AP carries) and --ca DIR (the authority's signing key)");
        }
        Persona persona;
        try
        {
            persona = PersonaFile.Load(personaFile);
        }
        catch (PersonaException e)
        {
            throw new UserError(e.Message);
        }
        MunicipalPackage? municipal = package == "licence" ? null : MunicipalPackage.All.FirstOrDefault(p => p.Name == package)
            ?? throw new UserError($"--package {package}: use licence, seal or library");
        using CardConnection card = CardConnection.Open(target, access: ImageAccess.Existing);
        DomainSession session = ContentAuthority.Open(card.Client, target, caDirectory, domain, domainKeys);
        using ECDsa signer = AuthoritySigner.OpenOrCreate(caDirectory, municipal is null ? AuthoritySigner.Police : AuthoritySigner.Municipality);
        ApDescriptionFile description = ContentAuthority.Run(target, () => municipal is null
            ? PackageInstaller.InstallLicence(session, persona, signer)
            : PackageInstaller.InstallMunicipal(session, municipal, persona, signer));
        ContentStatus installed = ContentAuthority.Run(target, session.List).Single(s => s.Aid.SequenceEqual(description.AidBytes));
        output.WriteLine($"{target}: {(municipal is null ? "licence" : municipal.Kind)} AP {description.Aid} installed and personalized for {persona.Name}, {installed.BytesUsed} bytes");
        return 0;
    }
}
