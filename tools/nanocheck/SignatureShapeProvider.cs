using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace NanoCheck;

/// <summary>
/// Turns signature blobs (ECMA-335 II.23.2) into <see cref="SigType"/> trees, flagging on the way the
/// encodings nanoCLR v1 has no runtime support for: GENERICINST, VAR, MVAR and ARRAY. SZARRAY, pointers,
/// byrefs and custom modifiers are plain shapes.
/// </summary>
internal sealed class SignatureShapeProvider(MetadataNames names) : ISignatureTypeProvider<SigType, object?>
{
    // TypeSpecs may point at TypeSpecs; a malformed file could make that a cycle, and a stack overflow
    // cannot be caught, so the nesting is bounded and a deeper one is reported as undecodable.
    private const int MaxSpecDepth = 64;
    private int specDepth;

    public SigType GetPrimitiveType(PrimitiveTypeCode typeCode) => SigType.Plain(typeCode switch
    {
        PrimitiveTypeCode.Boolean => "bool",
        PrimitiveTypeCode.Byte => "uint8",
        PrimitiveTypeCode.SByte => "int8",
        PrimitiveTypeCode.Char => "char",
        PrimitiveTypeCode.Int16 => "int16",
        PrimitiveTypeCode.UInt16 => "uint16",
        PrimitiveTypeCode.Int32 => "int32",
        PrimitiveTypeCode.UInt32 => "uint32",
        PrimitiveTypeCode.Int64 => "int64",
        PrimitiveTypeCode.UInt64 => "uint64",
        PrimitiveTypeCode.Single => "float32",
        PrimitiveTypeCode.Double => "float64",
        PrimitiveTypeCode.IntPtr => "native int",
        PrimitiveTypeCode.UIntPtr => "native uint",
        PrimitiveTypeCode.Object => "object",
        PrimitiveTypeCode.String => "string",
        PrimitiveTypeCode.TypedReference => "typedref",
        PrimitiveTypeCode.Void => "void",
        _ => typeCode.ToString(),
    });

    public SigType GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
        SigType.Plain(names.Type(handle));

    public SigType GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
        SigType.Plain(names.Type(handle));

    public SigType GetTypeFromSpecification(
        MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
    {
        if (specDepth >= MaxSpecDepth)
        {
            throw new BadImageFormatException("TypeSpec nesting too deep (cyclic TypeSpec?)");
        }

        specDepth++;
        try
        {
            return reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
        }
        finally
        {
            specDepth--;
        }
    }

    public SigType GetSZArrayType(SigType elementType) =>
        new($"{elementType.Name}[]", null, [elementType]);

    public SigType GetArrayType(SigType elementType, ArrayShape shape)
    {
        string name = $"{elementType.Name}[{new string(',', Math.Max(0, shape.Rank - 1))}]";
        return new(name, new SigProblem(FindingKind.MultidimensionalArray, name), [elementType]);
    }

    public SigType GetGenericInstantiation(SigType genericType, ImmutableArray<SigType> typeArguments)
    {
        string name = $"{genericType.Name}<{string.Join(", ", typeArguments.Select(a => a.Name))}>";
        return new(name, new SigProblem(FindingKind.GenericInstantiation, name), [.. typeArguments]);
    }

    public SigType GetGenericTypeParameter(object? genericContext, int index) =>
        new($"!{index}", new SigProblem(FindingKind.GenericParameterUse, $"!{index}"), []);

    public SigType GetGenericMethodParameter(object? genericContext, int index) =>
        new($"!!{index}", new SigProblem(FindingKind.GenericParameterUse, $"!!{index}"), []);

    public SigType GetByReferenceType(SigType elementType) => new($"{elementType.Name}&", null, [elementType]);

    public SigType GetPointerType(SigType elementType) => new($"{elementType.Name}*", null, [elementType]);

    public SigType GetPinnedType(SigType elementType) => new($"{elementType.Name} pinned", null, [elementType]);

    public SigType GetModifiedType(SigType modifier, SigType unmodifiedType, bool isRequired) =>
        new(unmodifiedType.Name, null, [unmodifiedType]);

    public SigType GetFunctionPointerType(MethodSignature<SigType> signature) =>
        new("method*", null, [signature.ReturnType, .. signature.ParameterTypes]);
}
