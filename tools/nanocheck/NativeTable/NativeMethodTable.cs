using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;

namespace NanoCheck.NativeTable;

/// <summary>
/// What the MetadataProcessor writes for an assembly with InternalCall methods, computed from the
/// compiled .dll by the MetadataProcessor's rules (metadata-processor <c>nanoTablesContext</c>,
/// <c>NativeMethodsCrc</c>, <c>nanoSkeletonGenerator.GenerateAssemblyLookup</c>), and what nanoCLR
/// binds by: <see cref="Entries"/> is the <c>method_lookup</c> table, one entry per method of the
/// assembly in .pe order, the native index of a method being its position there;
/// <see cref="Checksum"/> is the native checksum the .pe carries and nanoCLR compares with the
/// firmware's <c>CLR_RT_NativeAssemblyData</c> before loading the assembly.
/// </summary>
public sealed class NativeMethodTable
{
    // Types the MetadataProcessor always leaves out of the .pe (nanoTablesContext.SetDefaultTypesToExclude).
    private static readonly string[] DefaultExcluded =
    [
        "ThisAssembly",
        "System.Runtime.CompilerServices.RefSafetyRulesAttribute",
        "System.Runtime.CompilerServices.AccessedThroughPropertyAttribute",
    ];

    /// <summary>The nanoCLR name of a native method, or null for a method with IL.</summary>
    public IReadOnlyList<string?> Entries { get; }

    public uint Checksum { get; }

    public string AssemblyName { get; }

    /// <summary>The <c>AssemblyNativeVersion</c> attribute's value, or null when the assembly has none.</summary>
    public Version? NativeVersion { get; }

    private NativeMethodTable(string assemblyName, Version? nativeVersion, List<string?> entries, uint checksum)
    {
        AssemblyName = assemblyName;
        NativeVersion = nativeVersion;
        Entries = entries;
        Checksum = checksum;
    }

    /// <summary>The C++ prefix of the assembly's names: the assembly name with '.' as '_'.</summary>
    public string SafeName => AssemblyName.Replace('.', '_');

    public static NativeMethodTable Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        MetadataReader reader = pe.GetMetadataReader();
        string assemblyName = reader.GetString(reader.GetAssemblyDefinition().Name);
        byte[] nameBytes = Encoding.ASCII.GetBytes(assemblyName);
        var provider = new NativeSigProvider(reader);
        HashSet<string> excluded = ExcludedTypes(reader);

        List<TypeDefinitionHandle> order = TypeOrder.Sort(reader, pe);
        var entries = new List<string?>();
        uint crc = 0;
        int natives = 0;
        foreach (TypeDefinitionHandle handle in order)
        {
            if (IsExcluded(reader, handle, excluded))
            {
                continue; // not in the .pe, not in the lookup table, not in the checksum
            }

            bool stubbed = IncludeInStub(reader, handle);
            string className = ClassName(reader, handle);
            foreach (MethodDefinitionHandle methodHandle in OrderedMethods(reader, handle))
            {
                MethodDefinition method = reader.GetMethodDefinition(methodHandle);
                bool native = stubbed && method.RelativeVirtualAddress == 0 && (method.Attributes & MethodAttributes.Abstract) == 0;
                string? name = native ? MethodName(reader, provider, method) : null;
                entries.Add(name is null ? null : $"Library_{assemblyName.Replace('.', '_')}_{className}::{name}");
                if (!stubbed)
                {
                    continue; // interfaces, enums and delegates add nothing to the checksum
                }

                // NativeMethodsCrc.UpdateCrc reads the running value as 0 until a native method has been
                // counted, so the first native contributes only its method name, and every method after it counts.
                if (name is not null)
                {
                    crc = MdpCrc32.Compute(nameBytes, natives > 0 ? crc : 0);
                    crc = MdpCrc32.Compute(Encoding.ASCII.GetBytes(className), natives > 0 ? crc : 0);
                    crc = MdpCrc32.Compute(Encoding.ASCII.GetBytes(name), natives > 0 ? crc : 0);
                    natives++;
                }
                else
                {
                    crc = MdpCrc32.Compute("NULL"u8, natives > 0 ? crc : 0);
                }
            }
        }

        return new NativeMethodTable(assemblyName, ReadNativeVersion(reader), entries, natives > 0 ? crc : 0);
    }
    /// <summary>Default exclusions plus the types marked <c>[ExcludeType]</c> (nanoTablesContext.ProcessTypesToExclude).</summary>
    private static HashSet<string> ExcludedTypes(MetadataReader reader)
    {
        var excluded = new HashSet<string>(DefaultExcluded, StringComparer.Ordinal);
        foreach (TypeDefinitionHandle handle in reader.TypeDefinitions)
        {
            foreach (CustomAttributeHandle attribute in reader.GetTypeDefinition(handle).GetCustomAttributes())
            {
                if (AttributeTypeName(reader, reader.GetCustomAttribute(attribute)) == "System.Runtime.CompilerServices.ExcludeTypeAttribute")
                {
                    excluded.Add(TypeOrder.FullName(reader, handle));
                }
            }
        }

        return excluded;
    }

    private static bool IsExcluded(MetadataReader reader, TypeDefinitionHandle handle, HashSet<string> excluded)
    {
        TypeDefinitionHandle outer = reader.GetTypeDefinition(handle).GetDeclaringType();
        return excluded.Contains(TypeOrder.FullName(reader, handle))
            || (!outer.IsNil && excluded.Contains(TypeOrder.FullName(reader, outer)));
    }

    /// <summary>Classes and value types get stubs; interfaces, enums and delegates do not (TypeDefinitionExtensions.IncludeInStub).</summary>
    private static bool IncludeInStub(MetadataReader reader, TypeDefinitionHandle handle)
    {
        TypeDefinition type = reader.GetTypeDefinition(handle);
        if ((type.Attributes & TypeAttributes.Interface) != 0)
        {
            return false;
        }

        string baseName = BaseTypeName(reader, type.BaseType);
        return baseName is not ("System.Enum" or "System.Delegate" or "System.MulticastDelegate");
    }

    /// <summary>Virtual methods first, then other instance methods, then static ones, each in declaration order (nanoTablesContext.GetOrderedMethods).</summary>
    private static IEnumerable<MethodDefinitionHandle> OrderedMethods(MetadataReader reader, TypeDefinitionHandle handle)
    {
        List<MethodDefinitionHandle> methods = reader.GetTypeDefinition(handle).GetMethods().ToList();
        MethodAttributes Flags(MethodDefinitionHandle m) => reader.GetMethodDefinition(m).Attributes;
        return methods.Where(m => (Flags(m) & MethodAttributes.Virtual) != 0)
            .Concat(methods.Where(m => (Flags(m) & (MethodAttributes.Virtual | MethodAttributes.Static)) == 0))
            .Concat(methods.Where(m => (Flags(m) & MethodAttributes.Static) != 0 && (Flags(m) & MethodAttributes.Virtual) == 0));
    }

    /// <summary><c>Ns_Outer__Inner</c> style: declaring class, namespace and name joined by '_', dots as '_' (NativeMethodsCrc.GetClassName).</summary>
    private static string ClassName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        if (handle.IsNil)
        {
            return "";
        }

        TypeDefinition type = reader.GetTypeDefinition(handle);
        string joined = string.Join("_", ClassName(reader, type.GetDeclaringType()), reader.GetString(type.Namespace), reader.GetString(type.Name));
        return joined.Replace(".", "_").TrimStart('_');
    }

    /// <summary><c>Name___STATIC__RET__ARG...</c> (NativeMethodsCrc.GetMethodName).</summary>
    private static string MethodName(MetadataReader reader, NativeSigProvider provider, MethodDefinition method)
    {
        MethodSignature<NativeSigType> signature = method.DecodeSignature(provider, null);
        IEnumerable<string> parts = new[] { signature.ReturnType.Mangled }.Concat(signature.ParameterTypes.Select(p => p.Mangled));
        bool isStatic = (method.Attributes & MethodAttributes.Static) != 0;
        string name = reader.GetString(method.Name) + (isStatic ? "___STATIC__" : "___") + string.Join("__", parts);
        return name.Replace(".", "_").Replace("/", "");
    }

    private static Version? ReadNativeVersion(MetadataReader reader)
    {
        foreach (CustomAttributeHandle handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            CustomAttribute attribute = reader.GetCustomAttribute(handle);
            if (AttributeTypeName(reader, attribute).EndsWith(".AssemblyNativeVersionAttribute", StringComparison.Ordinal))
            {
                BlobReader value = reader.GetBlobReader(attribute.Value);
                value.ReadUInt16(); // prolog 0x0001 (ECMA-335 II.23.3)
                return Version.Parse(value.ReadSerializedString() ?? "");
            }
        }

        return null;
    }

    private static string AttributeTypeName(MetadataReader reader, CustomAttribute attribute)
    {
        EntityHandle type = attribute.Constructor.Kind == HandleKind.MemberReference
            ? reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent
            : reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
        return BaseTypeName(reader, type);
    }

    private static string BaseTypeName(MetadataReader reader, EntityHandle type)
    {
        switch (type.Kind)
        {
            case HandleKind.TypeReference:
                TypeReference reference = reader.GetTypeReference((TypeReferenceHandle)type);
                return reader.GetString(reference.Namespace) + "." + reader.GetString(reference.Name);
            case HandleKind.TypeDefinition:
                return TypeOrder.FullName(reader, (TypeDefinitionHandle)type);
            default:
                return "";
        }
    }
}
