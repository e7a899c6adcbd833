using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace NanoCheck;

/// <summary>
/// Decodes the signature blobs of ECMA-335 II.23.2 (field, method, local, MemberRef, MethodSpec, TypeSpec)
/// into <see cref="SigType"/> trees. A <c>int[,]</c> field or a <c>Holder&lt;int&gt;</c> local never needs
/// a TypeSpec row, so the signatures themselves have to be read, not just the TypeSpec table.
/// Throws <see cref="BadImageFormatException"/> on a malformed blob; callers report that as undecodable.
/// </summary>
internal sealed class SignatureInspector(MetadataReader reader, MetadataNames names)
{
    private readonly SignatureShapeProvider provider = new(names);

    public SigType TypeSpec(TypeSpecificationHandle handle) =>
        reader.GetTypeSpecification(handle).DecodeSignature(provider, null);

    public SigType Field(BlobHandle signature) => Decoder(signature, out BlobReader blob).DecodeFieldSignature(ref blob);

    public IEnumerable<SigType> Method(BlobHandle signature)
    {
        MethodSignature<SigType> method = Decoder(signature, out BlobReader blob).DecodeMethodSignature(ref blob);
        return [method.ReturnType, .. method.ParameterTypes];
    }

    /// <summary>A StandaloneSig row: either locals (a method body's) or a method signature (calli's).</summary>
    public IEnumerable<SigType> Standalone(StandaloneSignatureHandle handle)
    {
        StandaloneSignature sig = reader.GetStandaloneSignature(handle);
        return sig.GetKind() == StandaloneSignatureKind.LocalVariables
            ? sig.DecodeLocalSignature(provider, null)
            : Method(sig.Signature);
    }

    public IEnumerable<SigType> MemberReference(MemberReference member) =>
        member.GetKind() == MemberReferenceKind.Field ? [Field(member.Signature)] : Method(member.Signature);

    /// <summary><c>Parent::Name</c> for a MethodDef, MemberRef or FieldDef, with a TypeSpec parent decoded.</summary>
    public string MemberName(EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
                MethodDefinition method = reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                return $"{names.Type(method.GetDeclaringType())}::{reader.GetString(method.Name)}";
            case HandleKind.FieldDefinition:
                FieldDefinition field = reader.GetFieldDefinition((FieldDefinitionHandle)handle);
                return $"{names.Type(field.GetDeclaringType())}::{reader.GetString(field.Name)}";
            case HandleKind.MemberReference:
                MemberReference member = reader.GetMemberReference((MemberReferenceHandle)handle);
                return $"{TypeName(member.Parent)}::{reader.GetString(member.Name)}";
            default:
                return MetadataNames.Token(handle);
        }
    }

    /// <summary>The name of a TypeDefOrRefOrSpec (or MemberRef parent) coded index.</summary>
    public string TypeName(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeDefinition => names.Type((TypeDefinitionHandle)handle),
        HandleKind.TypeReference => names.Type((TypeReferenceHandle)handle),
        HandleKind.TypeSpecification => TypeSpec((TypeSpecificationHandle)handle).Name,
        HandleKind.MethodDefinition => MemberName(handle),
        HandleKind.ModuleReference => reader.GetString(reader.GetModuleReference((ModuleReferenceHandle)handle).Name),
        _ => MetadataNames.Token(handle),
    };

    /// <summary>The type arguments of a MethodSpec row's instantiation blob.</summary>
    public IReadOnlyList<SigType> MethodSpecArguments(MethodSpecification spec) => spec.DecodeSignature(provider, null);

    private SignatureDecoder<SigType, object?> Decoder(BlobHandle signature, out BlobReader blob)
    {
        blob = reader.GetBlobReader(signature);
        return new SignatureDecoder<SigType, object?>(provider, reader, null);
    }
}
