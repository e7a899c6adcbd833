using NanoCard.Flasher;

// flasher: the one command line NanoCard users meet (README.md, docs/persona.md).
return FlasherCli.Run(args, Console.Error);
