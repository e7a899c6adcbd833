using System.CommandLine;
using NanoCard.Issuance.Revocation;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// <c>flasher revoke</c>: revokes a certificate a CA in the CA folder issued and writes that CA's
/// new CRL (docs/revocation.md). Reason death is written as affiliationChanged with NanoCard's
/// private sub-reason, so RFC 5280 clients see affiliationChanged.
/// </summary>
public static class RevokeCommand
{
    private static readonly string ReasonNames = string.Join(", ", RevocationReasons.All.Select(RevocationReasons.Name));

    public static Command Create()
    {
        var ca = new Option<string>("--ca") { Description = "the CA folder (issued.json, revoked.json, <ca>.crt.pem, <ca>.key.pem)", Required = true };
        var serial = new Option<string>("--serial") { Description = "the certificate's serial number in hex", Required = true };
        var reason = new Option<string>("--reason") { Description = $"why, in any case: {ReasonNames}", Required = true };
        var command = new Command("revoke", "revoke a certificate and write its CA's CRL") { ca, serial, reason };
        command.SetAction(result => Run(result.GetValue(ca)!, result.GetValue(serial)!, result.GetValue(reason)!, Console.Out));
        return command;
    }

    public static int Run(string caDirectory, string serial, string reasonName, TextWriter output)
    {
        RevocationReason reason = RevocationReasons.Parse(reasonName)
            ?? throw new UserError($"unknown reason '{reasonName}'; use one of {ReasonNames}");
        if (!Directory.Exists(caDirectory))
        {
            throw new UserError($"CA folder '{caDirectory}' not found");
        }
        RevocationEntry entry;
        try
        {
            entry = CaRegistry.Revoke(caDirectory, serial, reason, DateTimeOffset.UtcNow);
        }
        catch (Exception e) when (e is RevocationException or IOException or UnauthorizedAccessException)
        {
            throw new UserError(e.Message);
        }
        output.WriteLine($"{entry.Serial}: revoked by {entry.CaName} as {RevocationReasons.Name(entry.Reason)}; wrote {CaFiles.CrlPath(caDirectory, entry.CaName)} (CRL number {entry.CrlNumber})");
        return 0;
    }
}
