using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace NanoCheck.NativeTable;

/// <summary>
/// Decodes signatures into <see cref="NativeSigType"/> with the MetadataProcessor's naming
/// (metadata-processor <c>NativeMethodsCrc.GetParameterType</c> / <c>GetnanoClrTypeName</c>): primitives
/// by their nanoCLR data type, arrays as <c>SZARRAY_</c> + element, byrefs as <c>BYREF_</c> + element,
/// every other type as its full name without dots.
/// </summary>
internal sealed class NativeSigProvider(MetadataReader reader) : ISignatureTypeProvider<NativeSigType, object?>
{
    public NativeSigType GetPrimitiveType(PrimitiveTypeCode typeCode) => new(typeCode switch
    {
        PrimitiveTypeCode.Void => "VOID",
        PrimitiveTypeCode.Boolean => "BOOLEAN",
        PrimitiveTypeCode.SByte => "I1",
        PrimitiveTypeCode.Byte => "U1",
        PrimitiveTypeCode.Char => "CHAR",
        PrimitiveTypeCode.Int16 => "I2",
        PrimitiveTypeCode.UInt16 => "U2",
        PrimitiveTypeCode.Int32 => "I4",
        PrimitiveTypeCode.UInt32 => "U4",
        PrimitiveTypeCode.Int64 => "I8",
        PrimitiveTypeCode.UInt64 => "U8",
        PrimitiveTypeCode.Single => "R4",
        PrimitiveTypeCode.Double => "R8",
        PrimitiveTypeCode.String => "STRING",
        PrimitiveTypeCode.Object => "OBJECT",
        PrimitiveTypeCode.IntPtr => "I4",
        PrimitiveTypeCode.UIntPtr => "U4",
        _ => "System" + typeCode,
    }, default);

    public NativeSigType GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle handle, byte rawTypeKind) =>
        new(Flatten(TypeOrder.FullName(reader, handle)), handle);

    public NativeSigType GetTypeFromReference(MetadataReader r, TypeReferenceHandle handle, byte rawTypeKind)
    {
        string fullName = ReferenceName(handle);
        return new(fullName == "System.WeakReference" ? "WEAKCLASS" : Flatten(fullName), default);
    }

    public NativeSigType GetTypeFromSpecification(MetadataReader r, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, context);

    public NativeSigType GetSZArrayType(NativeSigType elementType) =>
        new("SZARRAY_" + elementType.Mangled, elementType.Local);

    public NativeSigType GetArrayType(NativeSigType elementType, ArrayShape shape) => GetSZArrayType(elementType);

    public NativeSigType GetByReferenceType(NativeSigType elementType) =>
        new("BYREF_" + elementType.Mangled, elementType.Local);

    public NativeSigType GetPointerType(NativeSigType elementType) => elementType;

    public NativeSigType GetPinnedType(NativeSigType elementType) => elementType;

    public NativeSigType GetModifiedType(NativeSigType modifier, NativeSigType unmodifiedType, bool isRequired) => unmodifiedType;

    public NativeSigType GetGenericInstantiation(NativeSigType genericType, ImmutableArray<NativeSigType> typeArguments) => genericType;

    public NativeSigType GetGenericMethodParameter(object? context, int index) => new("GENERICTYPE", default);

    public NativeSigType GetGenericTypeParameter(object? context, int index) => new("GENERICTYPE", default);

    public NativeSigType GetFunctionPointerType(MethodSignature<NativeSigType> signature) => new("I4", default);

    /// <summary>Cecil's FullName with the dots removed, as the MetadataProcessor writes non-primitive types.</summary>
    private static string Flatten(string fullName) => fullName.Replace(".", "");

    private string ReferenceName(TypeReferenceHandle handle)
    {
        TypeReference type = reader.GetTypeReference(handle);
        string name = reader.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return ReferenceName((TypeReferenceHandle)type.ResolutionScope) + "/" + name;
        }

        string ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }
}
