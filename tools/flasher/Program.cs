using System.CommandLine;
using NanoCard.Flasher;
using NanoCard.Flasher.Commands;

// flasher: the one command line NanoCard users meet (README.md, docs/persona.md).
var root = new RootCommand("NanoCard flasher: test personas, card issuance, the virtual card in pcscd, and the EEPROM map.")
{
    DemoCommand.Create(),
};
try
{
    return root.Parse(args).Invoke();
}
catch (UserError e)
{
    Console.Error.WriteLine("flasher: " + e.Message);
    return UserError.ExitCode;
}
