using System.CommandLine;
using System.Security.Cryptography;
using NanoCard.Flasher.Cards;
using NanoCard.Issuance;
using NanoCard.Issuance.Packages;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// <c>flasher read licence|municipal --card TARGET</c>: reads an AP installed after issuance as the
/// relying party's reader would (docs/apdu-spec.md §11.3, §11.4) — the licence AP with its two
/// PINs as a police or rental-car reader, the municipal APs as the city's counter — checks the
/// authority's signatures with the keys of the CA folder (<c>--ca</c>) and prints what it read.
/// PINs come from the persona file or the command line and are never printed. Exit 1 when a
/// check fails.
/// </summary>
public static class ReadCommand
{
    public static Command Create()
    {
        var command = new Command("read", "read an AP installed after issuance as its reader would: the licence AP or the municipal APs");
        command.Subcommands.Add(LicenceCommand());
        command.Subcommands.Add(MunicipalCommand());
        return command;
    }

    private static Option<string?> CaOption() => new("--ca") { Description = "the CA folder with the authorities' public keys (licence-signer.pub.pem, municipal-signer.pub.pem): without it, signatures are not checked" };

    private static Command LicenceCommand()
    {
        var card = DomainCommand.CardOption();
        var ca = CaOption();
        var persona = new Option<string?>("--persona") { Description = "the persona file: its licence PINs (keeps them off the command line)" };
        var pin1 = new Option<string?>("--pin1") { Description = "暗証番号1 (4 digits): opens the licence's items" };
        var pin2 = new Option<string?>("--pin2") { Description = "暗証番号2 (4 digits): opens the registered domicile" };
        var command = new Command("licence", "read the licence AP: common data, then the items after PIN 1 and the registered domicile after PIN 2") { card, ca, persona, pin1, pin2 };
        command.SetAction(result =>
        {
            (string? p1, string? p2) = Pins(result.GetValue(persona), result.GetValue(pin1), result.GetValue(pin2));
            return Licence(result.GetValue(card)!, result.GetValue(ca), p1, p2, Console.Out);
        });
        return command;
    }

    private static (string?, string?) Pins(string? persona, string? pin1, string? pin2)
    {
        if (persona is null)
        {
            return (pin1, pin2);
        }
        if (pin1 is not null || pin2 is not null)
        {
            throw new UserError("give the PINs either by --persona or by --pin1/--pin2, not both");
        }
        try
        {
            LicenceData licence = PersonaFile.Load(persona).Licence ?? throw new UserError($"{persona} has no licence data: make a new persona with flasher persona new");
            return (licence.Pin1, licence.Pin2);
        }
        catch (PersonaException e)
        {
            throw new UserError(e.Message);
        }
    }

    public static int Licence(string target, string? caDirectory, string? pin1, string? pin2, TextWriter output)
    {
        using CardConnection card = CardConnection.Open(target, access: ImageAccess.Existing);
        using ECDsa? police = caDirectory is null ? null : AuthoritySigner.PublicKey(caDirectory, AuthoritySigner.Police);
        LicenceReading reading;
        try
        {
            reading = LicenceReader.Read(card.Client, pin1, pin2, police);
        }
        catch (CardException e) when (e.Sw is 0x6A82 or 0x6999)
        {
            throw new UserError($"{target}: no licence AP to read ({(e.Sw == 0x6999 ? "it is locked" : "it is not installed")})");
        }
        catch (Exception e) when (e is CardException or InvalidDataException or KeyNotFoundException)
        {
            throw new UserError($"{target}: the licence AP did not read as a licence: {e.Message}");
        }
        output.WriteLine($"{target}: licence AP {Convert.ToHexString(LicencePackage.Aid)} (formats {reading.Version})");
        output.WriteLine($"  issued {reading.Issued:yyyy-MM-dd}, valid until {reading.ValidUntil:yyyy-MM-dd}");
        foreach ((int tag, string value) in reading.Items ?? [])
        {
            output.WriteLine($"  {LicenceLabels.Of(tag)}: {LicenceLabels.Show(tag, value)}");
        }
        if (reading.Domicile is not null)
        {
            output.WriteLine($"  本籍 (registered domicile): {reading.Domicile}");
        }
        foreach (string refusal in reading.Refusals)
        {
            output.WriteLine($"  not read: {refusal}");
        }
        var checks = new List<(string, bool?)>();
        if (reading.Items is not null)
        {
            checks.Add(("police signature over the items", reading.ItemsSigned));
        }
        if (reading.Domicile is not null)
        {
            checks.Add(("police signature over the domicile", reading.DomicileSigned));
        }
        return Report(checks, caDirectory is not null && police is null ? $"{caDirectory} has no {AuthoritySigner.Police}.pub.pem" : null, output)
            && reading.Refusals.Count == 0 ? 0 : 1;
    }

    private static Command MunicipalCommand()
    {
        var card = DomainCommand.CardOption();
        var ca = CaOption();
        var ap = new Option<string>("--ap") { Description = "seal (印鑑登録証), library (図書館利用カード) or all", DefaultValueFactory = _ => "all" };
        var command = new Command("municipal", "read the municipality's APs: the member record, the city's signature and a presence proof (INTERNAL AUTHENTICATE)") { card, ca, ap };
        command.SetAction(result => Municipal(result.GetValue(card)!, result.GetValue(ca), result.GetValue(ap)!, Console.Out));
        return command;
    }

    public static int Municipal(string target, string? caDirectory, string which, TextWriter output)
    {
        IReadOnlyList<MunicipalPackage> packages;
        try
        {
            packages = which == "all" ? MunicipalPackage.All : [MunicipalPackage.Named(which)];
        }
        catch (InvalidDataException e)
        {
            throw new UserError($"--ap: {e.Message}");
        }
        using CardConnection card = CardConnection.Open(target, access: ImageAccess.Existing);
        using ECDsa? city = caDirectory is null ? null : AuthoritySigner.PublicKey(caDirectory, AuthoritySigner.Municipality);
        bool ok = true;
        int found = 0;
        foreach (MunicipalPackage package in packages)
        {
            MunicipalReading reading;
            try
            {
                reading = MunicipalReader.Read(card.Client, package, city);
            }
            catch (CardException e) when (e.Sw is 0x6A82 or 0x6999 && which == "all")
            {
                output.WriteLine($"{target}: no {package.Kind} AP ({(e.Sw == 0x6999 ? "locked" : "not installed")})");
                continue;
            }
            catch (CardException e) when (e.Sw is 0x6A82 or 0x6999)
            {
                throw new UserError($"{target}: no {package.Kind} AP to read ({(e.Sw == 0x6999 ? "it is locked" : "it is not installed")})");
            }
            catch (Exception e) when (e is CardException or InvalidDataException or KeyNotFoundException or CryptographicException)
            {
                throw new UserError($"{target}: the {package.Kind} AP did not read as one: {e.Message}");
            }
            found++;
            output.WriteLine($"{target}: {reading.Kind} AP {Convert.ToHexString(package.Aid)}: {reading.Municipality}, number {reading.Number}");
            ok &= Report([($"{reading.Municipality}'s signature over the record and the card's key", reading.Signed), ("presence (INTERNAL AUTHENTICATE on a fresh challenge)", reading.Present)],
                caDirectory is not null && city is null ? $"{caDirectory} has no {AuthoritySigner.Municipality}.pub.pem" : null, output);
        }
        if (found == 0)
        {
            throw new UserError($"{target}: no municipal AP installed");
        }
        return ok ? 0 : 1;
    }

    /// <summary>One line per check; a check that could not be made (no key) is said so. True when none failed.</summary>
    private static bool Report(IEnumerable<(string What, bool? Passed)> checks, string? missingKey, TextWriter output)
    {
        bool ok = true;
        foreach ((string what, bool? passed) in checks)
        {
            string verdict = passed switch
            {
                true => "ok",
                false => "FAILED",
                null => missingKey is null ? "not checked (no --ca)" : $"not checked ({missingKey})",
            };
            output.WriteLine($"  {what}: {verdict}");
            ok &= passed != false;
        }
        return ok;
    }
}
