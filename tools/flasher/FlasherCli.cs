using System.CommandLine;
using NanoCard.Flasher.Commands;
using NanoCard.Issuance;

namespace NanoCard.Flasher;

/// <summary>The flasher's command tree and how a run ends: its exit code, and one line for an error the user can fix.</summary>
public static class FlasherCli
{
    public static RootCommand Create() => new("NanoCard flasher: test personas, card issuance, the virtual card in pcscd, the EEPROM map and picture, the card face, certificate revocation, security domains and APs installed after issuance.")
    {
        DemoCommand.Create(),
        PersonaCommand.Create(),
        IssueCommand.Create(),
        SimCommand.Create(),
        BridgeCommand.Create(),
        ReplayCommand.Create(),
        FlashCommand.Create(),
        MapCommand.Create(),
        FaceCommand.Create(),
        RenewCommand.Create(),
        ResetCommand.Create(),
        VerifyCommand.Create(),
        RevokeCommand.Create(),
        CaCommand.Create(),
        SignCommand.Create(),
        DomainCommand.Create(),
        ApCommand.Create(),
        ReadCommand.Create(),
    };

    /// <summary>Runs one command line; <paramref name="error"/> gets the one-line errors (Console.Error in the tool).</summary>
    public static int Run(string[] args, TextWriter error)
    {
        ParseResult parsed = Create().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // A mistyped command line is an error the user can fix like any other: one line, exit 2 (not a page of help).
            error.WriteLine("flasher: " + ParseErrorLine.For(parsed.Errors) + " (see flasher --help)");
            return UserError.ExitCode;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Error = error });
        }
        catch (Exception e) when (e is UserError or MissingFontException)
        {
            error.WriteLine("flasher: " + e.Message);
            return UserError.ExitCode;
        }
    }
}
