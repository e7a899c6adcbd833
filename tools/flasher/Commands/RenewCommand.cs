using System.CommandLine;
using System.Security.Cryptography;
using NanoCard.Flasher.Cards;
using NanoCard.Flasher.Service;
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
        var service = new Option<string?>("--service") { Description = "renew through the issuer service at this URL (flasher ca serve): this machine only relays APDUs" };
        var command = new Command("renew", "renew a gen2 card's JPKI keys and certificates, with the holder's signing password") { card, ca, service, persona, stdin };
        command.SetAction(result =>
        {
            string target = result.GetValue(card)!;
            Func<string> password = () => SigningPasswordInput.Read(result.GetValue(persona), result.GetValue(stdin), Console.In);
            return result.GetValue(service) is { } url
                ? RunOnline(target, result.GetValue(ca) is null ? url : throw new UserError("renew takes --ca DIR (local) or --service URL (online), not both"), password, Console.Out)
                : Run(target, result.GetValue(ca), password, Console.Out);
        });
        return command;
    }

    /// <summary>Online renewal: the service at <paramref name="serviceUrl"/> runs it; this machine relays its APDUs to the card.</summary>
    public static int RunOnline(string target, string serviceUrl, Func<string> signingPassword, TextWriter output)
    {
        if (!Uri.TryCreate(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/", UriKind.Absolute, out Uri? service) || service.Scheme is not ("http" or "https"))
        {
            throw new UserError($"--service '{serviceUrl}' is not an http:// or https:// URL");
        }
        using CardConnection card = CardConnection.Open(target, access: ImageAccess.Existing);
        string password = signingPassword();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        IReadOnlyList<string> report;
        try
        {
            report = RelayClient.Renew(http, service, password, card.Client);
        }
        catch (RelayException e)
        {
            throw new UserError(e.Refused ? $"{target}: renewal refused by {service}: {e.Message}" : $"{target}: renewal failed at {service}: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            throw new UserError($"{target}: the issuer service {service} cannot be reached ({e.Message}); the card still uses its old keys: run the same command again");
        }
        foreach (string line in report)
        {
            output.WriteLine(line);
        }
        return 0;
    }

    /// <param name="signingPassword">Asked for once the card is open (a missing card is said first).</param>
    public static int Run(string target, string? caDirectory, Func<string> signingPassword, TextWriter output)
    {
        if (caDirectory is null)
        {
            throw new UserError("renew needs --ca DIR (the CA folder that issued the card) or --service URL (its issuer service)");
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
        foreach (string line in renewed.Lines(caDirectory))
        {
            output.WriteLine(line);
        }
        return 0;
    }
}
