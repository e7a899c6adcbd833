using System.CommandLine;
using System.CommandLine.Invocation;
using NanoCard.Flasher;
using NanoCard.Flasher.Commands;
using NanoCard.Issuance;

// flasher: the one command line NanoCard users meet (README.md, docs/persona.md).
var root = new RootCommand("NanoCard flasher: test personas, card issuance, the virtual card in pcscd, the EEPROM map and picture, the card face, certificate revocation.")
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
    VerifyCommand.Create(),
    RevokeCommand.Create(),
};
try
{
    return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is UserError or MissingFontException)
{
    Console.Error.WriteLine("flasher: " + e.Message);
    return UserError.ExitCode;
}
