using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NanoCheck.Tests;

/// <summary>
/// Compiles C# the way a netnano1.0 project does: C# 13, a library, against the nano mscorlib and nothing
/// else (plus whatever test assemblies are passed), so nanocheck sees what Roslyn really emits for nano.
/// </summary>
internal static class NanoCompiler
{
    public static string Compile(
        TempFolder folder, string assemblyName, string source, bool allowUnsafe = false, params string[] references)
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp13))],
            [MetadataReference.CreateFromFile(NanoCorlib.Path), .. references.Select(r => MetadataReference.CreateFromFile(r))],
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Debug,
                allowUnsafe: allowUnsafe,
                nullableContextOptions: NullableContextOptions.Disable));

        string path = folder.File(assemblyName + ".dll");
        using (FileStream output = File.Create(path))
        {
            Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(output);
            IEnumerable<Diagnostic> problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning);
            if (!result.Success || problems.Any())
            {
                throw new InvalidOperationException(
                    $"test source {assemblyName} did not compile cleanly:\n{string.Join("\n", result.Diagnostics)}");
            }
        }

        return path;
    }
}
