using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace NanoCheck;

/// <summary>
/// Checks one assembly built for netnano1.0 against what the nanoCLR v1 runtime can load and run. The
/// library entry point used by <see cref="Program"/> and by the tests.
/// </summary>
public static class AssemblyChecker
{
    /// <summary>The one framework assembly on the device; always allowed.</summary>
    public const string CoreLibrary = "mscorlib";

    /// <summary>
    /// Returns every finding in <paramref name="path"/>; empty means clean. <paramref name="allowedRefs"/>
    /// names the assemblies it may reference besides <see cref="CoreLibrary"/> (case-insensitive).
    /// Throws <see cref="IOException"/>, <see cref="UnauthorizedAccessException"/> or
    /// <see cref="BadImageFormatException"/> when the file cannot be read as a .NET assembly at all.
    /// </summary>
    public static IReadOnlyList<Finding> Check(string path, IReadOnlyCollection<string> allowedRefs)
    {
        HashSet<string> allowed = new(allowedRefs, StringComparer.OrdinalIgnoreCase) { CoreLibrary };
        using FileStream stream = File.OpenRead(path);
        using PEReader pe = new(stream);
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException($"{path} is a PE file without .NET metadata");
        }

        CheckContext context = new(path, pe);
        AssemblyRefRule.Run(context, allowed);
        GenericDefinitionRule.Run(context);
        MemberSignatureRule.Run(context);
        IlScanner.Run(context);
        LeftoverRowsRule.Run(context);
        return context.Findings;
    }

    /// <summary>The simple name in the Assembly row (a module without one: the file name).</summary>
    public static string ReadAssemblyName(string path)
    {
        using FileStream stream = File.OpenRead(path);
        using PEReader pe = new(stream);
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException($"{path} is a PE file without .NET metadata");
        }

        MetadataReader reader = pe.GetMetadataReader();
        return reader.IsAssembly
            ? reader.GetString(reader.GetAssemblyDefinition().Name)
            : Path.GetFileNameWithoutExtension(path);
    }
}
