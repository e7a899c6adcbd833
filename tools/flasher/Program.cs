using System.CommandLine;

// flasher: the one command line NanoCard users meet. Its commands (demo, persona, issue, sim,
// bridge, flash, verify, ...) arrive with the flasher issue; until then it only describes itself.
var root = new RootCommand("NanoCard flasher: test personas, card issuance, the virtual card in pcscd, and flashing the ESP32 token.");
return root.Parse(args).Invoke();
