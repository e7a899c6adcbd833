using System.Reflection;
using System.Runtime.Loader;

namespace NanoCard.Fuzz;

/// <summary>
/// The harness as it was before this work on its speed (commit 310c0d5: a newly built card, the
/// whole session and a power cycle for every input, over the card OS, APs and .NET engine of that
/// day), built from its own checkout (tools/fuzz/bench-before.sh) and loaded into an
/// AssemblyLoadContext of its own, so that its assemblies, which have this build's names, run
/// beside this build's in one process and <c>--bench</c> times both on the same inputs.
/// </summary>
public sealed class BeforeHarness
{
    private readonly ExecuteInput execute;

    public BeforeHarness(string fuzzAssembly, string apduSpecPath)
    {
        var context = new Isolated(fuzzAssembly);
        Type target = context.LoadFromAssemblyPath(fuzzAssembly).GetType("NanoCard.Fuzz.FuzzTarget", throwOnError: true)!;
        var images = ((byte[], byte[]))target.GetMethod("IssueImages")!.Invoke(null, null)!;
        object instance = Activator.CreateInstance(target, apduSpecPath, images.Item1, images.Item2)!;
        execute = target.GetMethod("Execute")!.CreateDelegate<ExecuteInput>(instance);
    }

    private delegate void ExecuteInput(ReadOnlySpan<byte> input);

    public void Execute(ReadOnlySpan<byte> input) => execute(input);

    /// <summary>Resolves the old build's own assemblies from its folder; the framework's stay shared.</summary>
    private sealed class Isolated(string mainAssembly) : AssemblyLoadContext("harness before", isCollectible: false)
    {
        private readonly AssemblyDependencyResolver resolver = new(mainAssembly);

        protected override Assembly? Load(AssemblyName assemblyName) =>
            resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
            resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
    }
}
