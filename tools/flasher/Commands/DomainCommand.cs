using System.CommandLine;
using NanoCard.Flasher.Cards;
using NanoCard.Issuance;
using NanoCard.Issuance.Content;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// <c>flasher domain create|list|delete</c>: the issuer's side of supplementary security domains
/// (docs/apdu-spec.md §11.2). <c>create</c> makes a fresh random key set, writes it to the key
/// file the new domain's owner keeps (readable by its owner only, like the issuer's), and
/// installs the domain with its quota through the issuer's session.
/// </summary>
public static class DomainCommand
{
    public static Command Create()
    {
        var command = new Command("domain", "supplementary security domains: create one for another authority, list them, delete one");
        command.Subcommands.Add(CreateCommand());
        command.Subcommands.Add(ListCommand());
        command.Subcommands.Add(DeleteCommand());
        return command;
    }

    internal static Option<string> CardOption() => new("--card") { Description = "sim:PATH (an EEPROM image file), pcsc:READER or serial:PORT", Required = true };

    internal static Option<string?> CaOption() => new("--ca") { Description = "the CA folder that issued the card (its issuer key set, as flasher issue keeps it); without it, the test key set" };

    private static Command CreateCommand()
    {
        var card = CardOption();
        var ca = CaOption();
        var aid = new Option<string>("--aid") { Description = "the new domain's AID (5 to 16 bytes in hex)", Required = true };
        var quota = new Option<int>("--quota") { Description = "bytes the domain's APs may take", Required = true };
        var keys = new Option<string>("--keys") { Description = "the key file to write for the domain (JSON; must not exist yet)", Required = true };
        var reserve = new Option<bool>("--reserve") { Description = "reserve the quota for the domain's APs alone (a municipality's 条例利用 area): no other install may take it" };
        var command = new Command("create", "create a security domain with a fresh key set and a quota") { card, ca, aid, quota, keys, reserve };
        command.SetAction(result => Create(result.GetValue(card)!, result.GetValue(ca), result.GetValue(aid)!, result.GetValue(quota), result.GetValue(keys)!, Console.Out, result.GetValue(reserve)));
        return command;
    }

    public static int Create(string target, string? caDirectory, string aidHex, int quota, string keyFile, TextWriter output, bool reserve = false)
    {
        byte[] aid = ContentAuthority.Hex(aidHex, "--aid");
        if (quota < 0)
        {
            throw new UserError($"--quota {quota}: a quota is a number of bytes, 0 or more");
        }
        if (File.Exists(keyFile))
        {
            throw new UserError($"{keyFile} exists: a new domain gets a new key file (move the old one away first)");
        }
        using CardConnection card = CardConnection.Open(target, access: ImageAccess.Existing);
        DomainSession issuer = ContentAuthority.Open(card.Client, target, caDirectory, null, null);
        Scp03Keys keys = Scp03Keys.Random(0x01);
        ContentAuthority.Run(target, () =>
        {
            issuer.CreateDomain(aid, keys, quota, reserve);
            return 0;
        });
        Scp03KeyFile.Save(keyFile, keys);
        output.WriteLine($"{target}: domain {Convert.ToHexString(aid)} created with a {(reserve ? "reserved " : "")}quota of {quota} bytes; its key set (version {keys.Version:X2}) is in {keyFile}");
        return 0;
    }

    private static Command ListCommand()
    {
        var card = CardOption();
        var ca = CaOption();
        var command = new Command("list", "the card's free bytes and every installed domain and AP (the issuer's GET STATUS)") { card, ca };
        command.SetAction(result => List(result.GetValue(card)!, result.GetValue(ca), Console.Out));
        return command;
    }

    public static int List(string target, string? caDirectory, TextWriter output)
    {
        using CardConnection card = CardConnection.Open(target, access: ImageAccess.Existing);
        DomainSession issuer = ContentAuthority.Open(card.Client, target, caDirectory, null, null);
        ContentStatus self = ContentAuthority.Run(target, issuer.Issuer);
        output.WriteLine($"{target}: issuer domain {Convert.ToHexString(self.Aid)}, {self.BytesUsed} bytes in its installed APs, {self.FreeBytes} bytes free on the card");
        foreach (ContentStatus s in ContentAuthority.Run(target, issuer.List))
        {
            output.WriteLine("  " + ContentAuthority.Describe(s));
        }
        return 0;
    }

    private static Command DeleteCommand()
    {
        var card = CardOption();
        var ca = CaOption();
        var aid = new Option<string>("--aid") { Description = "the domain's AID", Required = true };
        var withAps = new Option<bool>("--with-aps") { Description = "delete the domain's APs with it (otherwise a domain with APs is refused)" };
        var command = new Command("delete", "delete a security domain and give its space back") { card, ca, aid, withAps };
        command.SetAction(result => Delete(result.GetValue(card)!, result.GetValue(ca), result.GetValue(aid)!, result.GetValue(withAps), Console.Out));
        return command;
    }

    public static int Delete(string target, string? caDirectory, string aidHex, bool withAps, TextWriter output)
    {
        byte[] aid = ContentAuthority.Hex(aidHex, "--aid");
        using CardConnection card = CardConnection.Open(target, access: ImageAccess.Existing);
        DomainSession issuer = ContentAuthority.Open(card.Client, target, caDirectory, null, null);
        ContentAuthority.Run(target, () =>
        {
            issuer.Delete(aid, withAps);
            return 0;
        });
        ContentStatus self = ContentAuthority.Run(target, issuer.Issuer);
        output.WriteLine($"{target}: domain {Convert.ToHexString(aid)} deleted{(withAps ? " with its APs" : "")}; {self.FreeBytes} bytes free on the card");
        return 0;
    }
}
