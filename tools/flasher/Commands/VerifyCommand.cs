using System.CommandLine;
using NanoCard.Flasher.Cards;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// <c>flasher verify</c>: is this a genuine gen2 card of this CA folder, and are its certificates
/// good? Card and JPKI AP authentication (certificate chain and a fresh challenge), then the JPKI
/// authentication certificates against the CA's CRLs. Exit 0 when every check holds, 1 otherwise.
/// </summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var card = new Option<string>("--card") { Description = "sim:PATH (an EEPROM image file) or pcsc:READER", Required = true };
        var ca = new Option<string>("--ca") { Description = "the CA folder to trust (its card CA, JPKI CAs and CRLs)", Required = true };
        var command = new Command("verify", "check a gen2 card's authenticity and its certificates' revocation status, without a PIN") { card, ca };
        command.SetAction(result => Run(result.GetValue(card)!, result.GetValue(ca)!, Console.Out));
        return command;
    }

    public static int Run(string target, string caDirectory, TextWriter output)
    {
        if (!File.Exists(Path.Combine(caDirectory, TestCa.SignCaCertificateFile)))
        {
            throw new UserError($"CA folder '{caDirectory}' holds no CA");
        }
        TestCa ca = IssueCommand.OpenCa(caDirectory);
        // A report: an image file is read through a copy and never written.
        using CardConnection card = CardConnection.Open(target, access: ImageAccess.ReadOnly);
        VerificationReport report;
        try
        {
            report = new CardVerifier(card.Client, ca, caDirectory, TimeProvider.System).Verify();
        }
        catch (Exception e) when (e is CardException or InvalidDataException or System.Security.Cryptography.CryptographicException)
        {
            output.WriteLine($"{target}: NOT GENUINE: {e.Message}");
            return 1;
        }
        foreach (VerificationCheck check in report.Checks)
        {
            output.WriteLine($"{(check.Ok ? "ok  " : "FAIL")} {check.What}: {check.Detail}");
        }
        output.WriteLine(report.Genuine
            ? $"{target}: genuine card of {caDirectory}, certificates good"
            : $"{target}: NOT GOOD: {string.Join("; ", report.Checks.Where(c => !c.Ok).Select(c => c.What))}");
        return report.Genuine ? 0 : 1;
    }
}
