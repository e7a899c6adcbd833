using System.Reflection.Metadata;

namespace NanoCheck.NativeTable;

/// <summary>
/// A type in a method signature as the MetadataProcessor sees it: the name it mangles into native
/// method names (<c>I4</c>, <c>SZARRAY_U1</c>, <c>NanoCardHalCryptoEcKey</c>) and the type of this
/// assembly it resolves to, if any (Mono.Cecil's <c>Resolve()</c> strips arrays, byrefs and generic
/// arguments down to the element type), which decides the type order.
/// </summary>
internal sealed record NativeSigType(string Mangled, TypeDefinitionHandle Local)
{
    public bool IsLocal => !Local.IsNil;
}
