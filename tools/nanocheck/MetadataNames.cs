using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace NanoCheck;

/// <summary>
/// Display names for metadata rows, ILAsm style (<c>Ns.Outer/Inner</c>, <c>Type::Member</c>), so every
/// finding names the type and member a developer has to go and fix.
/// </summary>
internal sealed class MetadataNames(MetadataReader reader)
{
    public string Type(TypeDefinitionHandle handle)
    {
        TypeDefinition type = reader.GetTypeDefinition(handle);
        string name = reader.GetString(type.Name);
        TypeDefinitionHandle outer = type.GetDeclaringType();
        if (!outer.IsNil)
        {
            return $"{Type(outer)}/{name}";
        }

        return Qualify(reader.GetString(type.Namespace), name);
    }

    public string Type(TypeReferenceHandle handle)
    {
        TypeReference type = reader.GetTypeReference(handle);
        string name = reader.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return $"{Type((TypeReferenceHandle)type.ResolutionScope)}/{name}";
        }

        return Qualify(reader.GetString(type.Namespace), name);
    }

    public Owner OwnerOf(TypeDefinitionHandle handle) => new(Type(handle), null);

    public Owner OwnerOf(MethodDefinitionHandle handle)
    {
        MethodDefinition method = reader.GetMethodDefinition(handle);
        return new(Type(method.GetDeclaringType()), reader.GetString(method.Name));
    }

    public Owner OwnerOf(FieldDefinitionHandle handle)
    {
        FieldDefinition field = reader.GetFieldDefinition(handle);
        return new(Type(field.GetDeclaringType()), reader.GetString(field.Name));
    }

    /// <summary>The owner of a custom attribute or generic parameter row; rows without a type own nothing.</summary>
    public Owner OwnerOf(EntityHandle parent) => parent.Kind switch
    {
        HandleKind.TypeDefinition => OwnerOf((TypeDefinitionHandle)parent),
        HandleKind.MethodDefinition => OwnerOf((MethodDefinitionHandle)parent),
        HandleKind.FieldDefinition => OwnerOf((FieldDefinitionHandle)parent),
        _ => Owner.Assembly,
    };

    public static string Token(EntityHandle handle) => $"0x{MetadataTokens.GetToken(handle):X8}";

    private static string Qualify(string ns, string name) => ns.Length == 0 ? name : $"{ns}.{name}";
}
