using System.Reflection.Metadata;

namespace NanoCheck;

/// <summary>
/// Every AssemblyRef row (ECMA-335 II.22.5) must name an assembly that will be deployed next to this one:
/// mscorlib, or one of our own assemblies. Anything else (a desktop System.Runtime, a NuGet library built
/// for net8.0) has no nanoFramework build and fails to resolve on the device.
/// </summary>
internal static class AssemblyRefRule
{
    public static void Run(CheckContext context, IReadOnlySet<string> allowed)
    {
        foreach (AssemblyReferenceHandle handle in context.Reader.AssemblyReferences)
        {
            AssemblyReference reference = context.Reader.GetAssemblyReference(handle);
            string name = context.Reader.GetString(reference.Name);
            if (!allowed.Contains(name))
            {
                context.Report(FindingKind.ForbiddenReference, Owner.Assembly, $"(AssemblyRef) {name} {reference.Version}");
            }
        }
    }
}
