using BenchmarkDotNet.Running;

// dotnet run -c Release --project tools/bench -- --filter '*'   (see docs/performance.md)
BenchmarkSwitcher.FromAssembly(typeof(NanoCard.Bench.CryptoBenchmarks).Assembly).Run(args);
