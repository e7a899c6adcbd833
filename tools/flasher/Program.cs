using System.CommandLine;
using System.CommandLine.Invocation;
using NanoCard.Flasher;
using NanoCard.Flasher.Commands;

// flasher: the one command line NanoCard users meet (README.md, docs/persona.md).
var root = new RootCommand("NanoCard flasher: test personas, card issuance, the virtual card in pcscd, and the EEPROM map, certificate revocation.")
{
    DemoCommand.Create(),
    PersonaCommand.Create(),
    IssueCommand.Create(),
    SimCommand.Create(),
    BridgeCommand.Create(),
    FlashCommand.Create(),
    MapCommand.Create(),
    RenewCommand.Create(),
    VerifyCommand.Create(),
    RevokeCommand.Create(),
};
try
{
    return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (UserError e)
{
    Console.Error.WriteLine("flasher: " + e.Message);
    return UserError.ExitCode;
}
