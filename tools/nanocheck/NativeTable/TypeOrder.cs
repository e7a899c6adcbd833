using System.Globalization;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace NanoCheck.NativeTable;

/// <summary>
/// The order in which the MetadataProcessor lays out an assembly's types, and with them its method
/// table and native indexes (metadata-processor <c>nanoTablesContext.SortTypesAccordingUsages</c>):
/// types by full name, but each type after its declaring type, the interfaces it implements, and the
/// types of this assembly named in the return and parameter types of the methods its IL calls.
/// So adding a call can move a type, and every type before a native class moves its indexes.
/// </summary>
internal static class TypeOrder
{
    public static List<TypeDefinitionHandle> Sort(MetadataReader reader, PEReader pe)
    {
        var provider = new NativeSigProvider(reader);
        // Mono.Cecil full names sorted with .NET's default (culture-aware) string comparer, as MDP does.
        List<TypeDefinitionHandle> byName = reader.TypeDefinitions
            .Where(t => FullName(reader, t) != "<Module>")
            .OrderBy(t => FullName(reader, t), StringComparer.Create(CultureInfo.InvariantCulture, false))
            .ToList();
        var processed = new HashSet<TypeDefinitionHandle>();
        var order = new List<TypeDefinitionHandle>();
        Visit(byName, reader, pe, provider, processed, order);
        return order;
    }

    /// <summary>Cecil's FullName: <c>Ns.Name</c>, nested types as <c>Ns.Outer/Inner</c>.</summary>
    public static string FullName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        TypeDefinition type = reader.GetTypeDefinition(handle);
        string name = reader.GetString(type.Name);
        TypeDefinitionHandle outer = type.GetDeclaringType();
        if (!outer.IsNil)
        {
            return FullName(reader, outer) + "/" + name;
        }

        string ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    private static void Visit(IEnumerable<TypeDefinitionHandle> types, MetadataReader reader, PEReader pe,
        NativeSigProvider provider, HashSet<TypeDefinitionHandle> processed, List<TypeDefinitionHandle> order)
    {
        foreach (TypeDefinitionHandle handle in types)
        {
            if (processed.Contains(handle))
            {
                continue;
            }

            TypeDefinition type = reader.GetTypeDefinition(handle);
            if (!type.GetDeclaringType().IsNil)
            {
                Visit([type.GetDeclaringType()], reader, pe, provider, processed, order);
            }

            var interfaces = new List<TypeDefinitionHandle>();
            foreach (InterfaceImplementationHandle impl in type.GetInterfaceImplementations())
            {
                EntityHandle itf = reader.GetInterfaceImplementation(impl).Interface;
                if (itf.Kind == HandleKind.TypeDefinition)
                {
                    interfaces.Add((TypeDefinitionHandle)itf);
                }
            }

            Visit(interfaces, reader, pe, provider, processed, order);

            if (processed.Add(handle))
            {
                Visit(TypesUsedByCalls(reader, pe, provider, type), reader, pe, provider, processed, order);
                order.Add(handle);
            }
        }
    }

    /// <summary>This assembly's types in the return and parameter types of every method the type's IL refers to.</summary>
    private static List<TypeDefinitionHandle> TypesUsedByCalls(MetadataReader reader, PEReader pe, NativeSigProvider provider, TypeDefinition type)
    {
        var used = new List<TypeDefinitionHandle>();
        foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
        {
            MethodDefinition method = reader.GetMethodDefinition(methodHandle);
            if (method.RelativeVirtualAddress == 0)
            {
                continue;
            }

            foreach (EntityHandle token in MethodTokens(pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader()))
            {
                MethodSignature<NativeSigType>? signature = Signature(reader, provider, token);
                if (signature is null)
                {
                    continue;
                }

                if (signature.Value.ReturnType.IsLocal)
                {
                    used.Add(signature.Value.ReturnType.Local);
                }

                foreach (NativeSigType parameter in signature.Value.ParameterTypes)
                {
                    if (parameter.IsLocal)
                    {
                        used.Add(parameter.Local);
                    }
                }
            }
        }

        return used;
    }

    private static MethodSignature<NativeSigType>? Signature(MetadataReader reader, NativeSigProvider provider, EntityHandle token)
    {
        switch (token.Kind)
        {
            case HandleKind.MethodDefinition:
                return reader.GetMethodDefinition((MethodDefinitionHandle)token).DecodeSignature(provider, null);
            case HandleKind.MemberReference:
                MemberReference member = reader.GetMemberReference((MemberReferenceHandle)token);
                return member.GetKind() == MemberReferenceKind.Method ? member.DecodeMethodSignature(provider, null) : null;
            case HandleKind.MethodSpecification:
                return Signature(reader, provider, reader.GetMethodSpecification((MethodSpecificationHandle)token).Method);
            default:
                return null;
        }
    }

    /// <summary>The method tokens among the IL's operands (what Mono.Cecil gives as MethodReference operands).</summary>
    private static IEnumerable<EntityHandle> MethodTokens(BlobReader il)
    {
        var tokens = new List<EntityHandle>();
        while (il.RemainingBytes > 0)
        {
            byte first = il.ReadByte();
            ushort value = first == 0xFE ? (ushort)(0xFE00 | il.ReadByte()) : first;
            if (!OpCodeTable.TryGet(value, out System.Reflection.Emit.OpCode opCode))
            {
                throw new BadImageFormatException($"unknown opcode 0x{value:X2}");
            }

            switch (opCode.OperandType)
            {
                case System.Reflection.Emit.OperandType.InlineSwitch:
                    il.Offset += (int)il.ReadUInt32() * 4;
                    break;
                case System.Reflection.Emit.OperandType.InlineMethod:
                case System.Reflection.Emit.OperandType.InlineTok:
                    EntityHandle token = MetadataTokens.EntityHandle(il.ReadInt32());
                    if (token.Kind is HandleKind.MethodDefinition or HandleKind.MemberReference or HandleKind.MethodSpecification)
                    {
                        tokens.Add(token);
                    }

                    break;
                default:
                    il.Offset += OpCodeTable.OperandSize(opCode.OperandType);
                    break;
            }
        }

        return tokens;
    }
}
