using System.CommandLine;
using System.Security.Cryptography;
using NanoCard.Flasher.Cards;
using NanoCard.Issuance;
using NanoCard.Issuance.Revocation;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// <c>flasher renew</c>: online renewal of a gen2 card (docs/apdu-spec.md §13): in an SCP03 session
/// under the issuer key set the CA folder keeps for the card (<see cref="Scp03KeyFile"/>), the card
/// makes new key pairs in its standby key set, the CA certifies them and they are written, one
/// command switches sets, and the old certificates are revoked as superseded.
/// </summary>
public static class RenewCommand
{
    public static Command Create()
    {
        var card = new Option<string>("--card") { Description = "sim:PATH (an EEPROM image file) or pcsc:READER", Required = true };
        var ca = new Option<string>("--ca") { Description = "the CA folder that issued the card (its certificates and the card's issuer key set)", Required = true };
        var command = new Command("renew", "renew a gen2 card's JPKI keys and certificates") { card, ca };
        command.SetAction(result => Run(result.GetValue(card)!, result.GetValue(ca)!, Console.Out));
        return command;
    }

    public static int Run(string target, string caDirectory, TextWriter output)
    {
        if (!File.Exists(Path.Combine(caDirectory, TestCa.SignCaCertificateFile)))
        {
            throw new UserError($"CA folder '{caDirectory}' holds no CA: renew with the folder that issued the card");
        }
        TestCa ca = IssueCommand.OpenCa(caDirectory);
        using CardConnection card = CardConnection.Open(target, access: ImageAccess.Existing);
        var renewer = new Gen2Renewer(card.Client, ca, new CaArchive(caDirectory, ca), TimeProvider.System);
        RenewedCard renewed;
        try
        {
            Scp03Keys keys = IssuerKeySet.Of(card.Client, caDirectory);
            renewed = IssueProgress.Run("renewing", 11, report => renewer.Step += report, () => renewer.Renew(keys), output);
        }
        catch (CardException e)
        {
            throw new UserError($"{target}: renewal stopped at {e.Message}; the card still uses its old keys: run the same command again");
        }
        catch (Exception e) when (e is InvalidOperationException or RevocationException or InvalidDataException or CryptographicException)
        {
            throw new UserError($"{target}: {e.Message}");
        }
        foreach (var (role, _, _) in IssuedGen2Card.Renewable)
        {
            RevocationReason? reason = CaRegistry.Check(caDirectory, renewed.Old[role]).Reason;
            output.WriteLine($"{role}: {renewed.Old[role].SerialNumber} (revoked: {(reason is { } r ? RevocationReasons.Name(r) : "no")}) -> {renewed.New[role].SerialNumber}, valid to {renewed.New[role].NotAfter:yyyy-MM-dd}");
        }
        return 0;
    }
}
