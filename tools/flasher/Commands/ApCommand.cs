using System.CommandLine;
using NanoCard.Flasher.Cards;
using NanoCard.Issuance.Content;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// <c>flasher ap install|list|lock|unlock|delete</c>: APs installed after issuance from a
/// description file (docs/apdu-spec.md §11.2), as a supplementary domain (<c>--domain</c> and
/// <c>--domain-keys</c>) or as the issuer. <c>install</c> installs the AP and personalizes it from
/// the file's content fields through the same domain's session: keys generated on the card, EFs
/// and records written, PINs set.
/// </summary>
public static class ApCommand
{
    public static Command Create()
    {
        var command = new Command("ap", "APs installed after issuance: install from a description file, list, lock, unlock, delete");
        command.Subcommands.Add(InstallCommand());
        command.Subcommands.Add(ListCommand());
        command.Subcommands.Add(LockCommand("lock", true));
        command.Subcommands.Add(LockCommand("unlock", false));
        command.Subcommands.Add(DeleteCommand());
        return command;
    }

    private sealed record Authority(Option<string> Card, Option<string?> Ca, Option<string?> Domain, Option<string?> DomainKeys);

    private static Authority AuthorityOptions(Command command)
    {
        var authority = new Authority(DomainCommand.CardOption(), DomainCommand.CaOption(),
            new Option<string?>("--domain") { Description = "act as this security domain (its AID); without it, as the issuer" },
            new Option<string?>("--domain-keys") { Description = "the domain's key file (from flasher domain create)" });
        command.Options.Add(authority.Card);
        command.Options.Add(authority.Ca);
        command.Options.Add(authority.Domain);
        command.Options.Add(authority.DomainKeys);
        return authority;
    }

    private static Command InstallCommand()
    {
        var command = new Command("install", "install an AP from a description file and personalize it");
        Authority a = AuthorityOptions(command);
        var description = new Option<string?>("--description") { Description = "the AP description file (JSON, docs/apdu-spec.md §11.2)" };
        var package = new Option<string?>("--package") { Description = "instead of a file, a package for the persona: licence (the police agency's), seal or library (the municipality's); signed with the authority's key in --ca" };
        var persona = new Option<string?>("--persona") { Description = "with --package: the persona file whose licence or municipal data the AP carries" };
        command.Options.Add(description);
        command.Options.Add(package);
        command.Options.Add(persona);
        command.SetAction(result =>
        {
            string? file = result.GetValue(description);
            string? name = result.GetValue(package);
            if (file is null == (name is null))
            {
                throw new UserError("ap install needs either --description FILE or --package NAME --persona FILE");
            }
            return name is null
                ? Install(result.GetValue(a.Card)!, result.GetValue(a.Ca), result.GetValue(a.Domain), result.GetValue(a.DomainKeys), file!, Console.Out)
                : PackageCommand.Install(result.GetValue(a.Card)!, result.GetValue(a.Ca), result.GetValue(a.Domain), result.GetValue(a.DomainKeys), name, result.GetValue(persona), Console.Out);
        });
        return command;
    }

    public static int Install(string target, string? caDirectory, string? domain, string? domainKeys, string descriptionFile, TextWriter output)
    {
        ApDescriptionFile description;
        try
        {
            description = ApDescriptionFile.Load(descriptionFile);
            description.Encode();
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new UserError($"{e.Message}; nothing on the card changed");
        }
        using CardConnection card = CardConnection.Open(target, access: ImageAccess.Existing);
        DomainSession session = ContentAuthority.Open(card.Client, target, caDirectory, domain, domainKeys);
        ContentAuthority.Run(target, () =>
        {
            session.InstallAp(description);
            return 0;
        });
        IReadOnlyDictionary<int, byte[]> keys;
        try
        {
            keys = session.Personalize(description);
        }
        catch (Exception e) when (e is ContentException or InvalidDataException)
        {
            // A personalization the card refuses (a PIN value outside its format, say) takes the AP off again.
            ContentAuthority.Open(card.Client, target, caDirectory, domain, domainKeys).Delete(description.AidBytes, false);
            throw new UserError($"{target}: {e.Message}; the AP was deleted again and its space given back");
        }
        ContentStatus installed = ContentAuthority.Run(target, session.List).Single(s => s.Aid.SequenceEqual(description.AidBytes));
        output.WriteLine($"{target}: AP {description.Aid} installed and personalized, {installed.BytesUsed} bytes");
        foreach (var (fid, publicKey) in keys)
        {
            output.WriteLine($"  key {fid:X4}: public key {Convert.ToHexString(publicKey)}");
        }
        return 0;
    }

    private static Command ListCommand()
    {
        var command = new Command("list", "the installed APs (and domains) the acting domain manages");
        Authority a = AuthorityOptions(command);
        command.SetAction(result => List(result.GetValue(a.Card)!, result.GetValue(a.Ca), result.GetValue(a.Domain), result.GetValue(a.DomainKeys), Console.Out));
        return command;
    }

    public static int List(string target, string? caDirectory, string? domain, string? domainKeys, TextWriter output)
    {
        using CardConnection card = CardConnection.Open(target, access: ImageAccess.Existing);
        DomainSession session = ContentAuthority.Open(card.Client, target, caDirectory, domain, domainKeys);
        IReadOnlyList<ContentStatus> all = ContentAuthority.Run(target, session.List);
        output.WriteLine($"{target}: {all.Count(s => !s.IsDomain)} installed AP(s) in reach of {Convert.ToHexString(session.DomainAid)}");
        foreach (ContentStatus s in all)
        {
            output.WriteLine("  " + ContentAuthority.Describe(s));
        }
        return 0;
    }

    private static Command LockCommand(string name, bool lockIt)
    {
        var command = new Command(name, lockIt ? "lock an installed AP (or domain): SELECT refuses it" : "unlock an installed AP (or domain)");
        Authority a = AuthorityOptions(command);
        var aid = new Option<string>("--aid") { Description = "the AP's AID", Required = true };
        command.Options.Add(aid);
        command.SetAction(result => Lock(result.GetValue(a.Card)!, result.GetValue(a.Ca), result.GetValue(a.Domain), result.GetValue(a.DomainKeys), result.GetValue(aid)!, lockIt, Console.Out));
        return command;
    }

    public static int Lock(string target, string? caDirectory, string? domain, string? domainKeys, string aidHex, bool lockIt, TextWriter output)
    {
        byte[] aid = ContentAuthority.Hex(aidHex, "--aid");
        using CardConnection card = CardConnection.Open(target, access: ImageAccess.Existing);
        DomainSession session = ContentAuthority.Open(card.Client, target, caDirectory, domain, domainKeys);
        ContentAuthority.Run(target, () =>
        {
            session.SetLock(aid, lockIt);
            return 0;
        });
        output.WriteLine($"{target}: {Convert.ToHexString(aid)} {(lockIt ? "locked" : "unlocked")}");
        return 0;
    }

    private static Command DeleteCommand()
    {
        var command = new Command("delete", "delete an installed AP and give its space back");
        Authority a = AuthorityOptions(command);
        var aid = new Option<string>("--aid") { Description = "the AP's AID", Required = true };
        command.Options.Add(aid);
        command.SetAction(result => Delete(result.GetValue(a.Card)!, result.GetValue(a.Ca), result.GetValue(a.Domain), result.GetValue(a.DomainKeys), result.GetValue(aid)!, Console.Out));
        return command;
    }

    public static int Delete(string target, string? caDirectory, string? domain, string? domainKeys, string aidHex, TextWriter output)
    {
        byte[] aid = ContentAuthority.Hex(aidHex, "--aid");
        using CardConnection card = CardConnection.Open(target, access: ImageAccess.Existing);
        DomainSession session = ContentAuthority.Open(card.Client, target, caDirectory, domain, domainKeys);
        ContentAuthority.Run(target, () =>
        {
            session.Delete(aid, false);
            return 0;
        });
        output.WriteLine($"{target}: AP {Convert.ToHexString(aid)} deleted, its space given back");
        return 0;
    }
}
