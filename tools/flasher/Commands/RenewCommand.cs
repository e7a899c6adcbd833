using System.CommandLine;
using System.Security.Cryptography;
using NanoCard.Flasher.Cards;
using NanoCard.Issuance;
using NanoCard.Issuance.Revocation;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// <c>flasher renew</c>: renewal of a gen2 card (docs/apdu-spec.md §13.4) with the holder's consent
/// (docs/security.md): locally with the CA folder (<c>--ca</c>), the issuer's SCP03 session opened
/// from this machine, or through an issuer service (<c>--service</c>), this machine only relaying
/// APDUs between the card and the service, which holds the session end to end.
/// </summary>
public static class RenewCommand
{
    public static Command Create()
    {
        var card = new Option<string>("--card") { Description = "sim:PATH (an EEPROM image file), pcsc:READER or serial:PORT", Required = true };
        var ca = new Option<string?>("--ca") { Description = "renew locally with the CA folder that issued the card (its certificates and the card's issuer key set)" };
        var persona = new Option<string?>("--persona") { Description = "the persona file the card was issued for: its signing password is the holder's consent" };
        var stdin = new Option<bool>("--password-stdin") { Description = "read the holder's signing password from one line of standard input" };
        var command = new Command("renew", "renew a gen2 card's JPKI keys and certificates, with the holder's signing password") { card, ca, persona, stdin };
        command.SetAction(result => Run(result.GetValue(card)!, result.GetValue(ca),
            () => SigningPasswordInput.Read(result.GetValue(persona), result.GetValue(stdin), Console.In), Console.Out));
        return command;
    }

    /// <param name="signingPassword">Asked for once the card is open (a missing card is said first).</param>
    public static int Run(string target, string? caDirectory, Func<string> signingPassword, TextWriter output)
    {
        if (caDirectory is null)
        {
            throw new UserError("renew needs --ca DIR (the CA folder that issued the card)");
        }
        if (!File.Exists(Path.Combine(caDirectory, TestCa.SignCaCertificateFile)))
        {
            throw new UserError($"CA folder '{caDirectory}' holds no CA: renew with the folder that issued the card");
        }
        TestCa ca = IssueCommand.OpenCa(caDirectory);
        using CardConnection card = CardConnection.Open(target, access: ImageAccess.Existing);
        var renewer = new Gen2Renewer(card.Client, ca, new CaArchive(caDirectory, ca), TimeProvider.System);
        string password = signingPassword();
        RenewedCard renewed;
        try
        {
            renewed = IssueProgress.Run("renewing", 13, report => renewer.Step += report, () => renewer.Renew(password), output);
        }
        catch (RenewalRefusedException e)
        {
            throw new UserError($"{target}: renewal refused: {e.Message}");
        }
        catch (CardException e)
        {
            throw new UserError($"{target}: renewal stopped at {e.Message}; the card still uses its old keys: run the same command again");
        }
        catch (Exception e) when (e is InvalidOperationException or RevocationException or InvalidDataException or CryptographicException)
        {
            throw new UserError($"{target}: {e.Message}");
        }
        Report(renewed, caDirectory, output);
        return 0;
    }

    /// <summary>One line per renewed certificate: old serial, whether it is now revoked, new serial and its end.</summary>
    private static void Report(RenewedCard renewed, string caDirectory, TextWriter output)
    {
        foreach (var (role, _, _) in IssuedGen2Card.Renewable)
        {
            RevocationReason? reason = CaRegistry.Find(caDirectory, renewed.Old[role].SerialNumber).Revoked?.Reason;
            output.WriteLine($"{role}: {renewed.Old[role].SerialNumber} (revoked: {(reason is { } r ? RevocationReasons.Name(r) : "no")}) -> {renewed.New[role].SerialNumber}, valid to {renewed.New[role].NotAfter:yyyy-MM-dd}");
        }
    }
}
