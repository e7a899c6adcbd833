using BenchmarkDotNet.Running;
using NanoCard.Bench.Wear;

// dotnet run -c Release --project tools/bench -- --filter '*'   crypto speed (see docs/performance.md)
// dotnet run -c Release --project tools/bench -- wear          store wear: page writes per operation and per page
// dotnet run -c Release --project tools/bench -- photo         gen2 colour photo: APDUs, bytes and time per transport
// dotnet run -c Release --project tools/bench -- nfc           NFC timing model: PN532 exchanges and air time of sessions
// dotnet run -c Release --project tools/bench -- soak [--apdus N]   pcscd + vpcd soak against flasher sim, latency vs the transport floor
// dotnet run -c Release --project tools/bench -- soak --faults PROFILE [--apdus N]   the soak under a built-in fault profile with card removals
// dotnet run -c Release --project tools/bench -- killrestart [--kills N --seed S]   SIGKILL flasher sim mid-stream, restart, check
// dotnet run -c Release --project tools/bench -- killrestart --renewal [--kills N --seed S]   the same, SIGKILLs inside gen2 renewals
// dotnet run -c Release --project tools/bench -- heap [--config desktop] [--installed [--must-fit gen2]] [--by-type]   retained managed heap per component vs the device budget
// dotnet run -c Release --project tools/bench -- diffcrypto [--cases N --rsa-keys K --seed S]   managed vs .NET vs native crypto, random cases
if (args.Length > 0 && args[0] == "heap")
{
    return NanoCard.Bench.Memory.HeapBenchmark.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "diffcrypto")
{
    return NanoCard.Bench.Differential.DiffCryptoBenchmark.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "wear")
{
    return WearBenchmark.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "killrestart")
{
    return NanoCard.Bench.KillRestart.KillRestartCampaign.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "soak")
{
    return NanoCard.Bench.Soak.SoakBenchmark.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "nfc")
{
    return NanoCard.Bench.Nfc.NfcTimingModel.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "photo")
{
    return NanoCard.Bench.Photo.PhotoReadBenchmark.Run(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(NanoCard.Bench.CryptoBenchmarks).Assembly).Run(args);
return 0;
