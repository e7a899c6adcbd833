namespace NanoCheck;

/// <summary>What nanoCLR v1 cannot run. One value per rule in README.md.</summary>
public enum FindingKind
{
    /// <summary>A GenericParam row (ECMA-335 II.22.20): a generic type or method definition.</summary>
    GenericDefinition,

    /// <summary>GENERICINST (II.23.2.12) in a TypeSpec or in a member, local or MemberRef signature.</summary>
    GenericInstantiation,

    /// <summary>A MethodSpec row (II.22.29): a call to an instantiated generic method.</summary>
    GenericMethodInstantiation,

    /// <summary>A MemberRef (II.22.25) whose class is a generic TypeSpec: a member of a constructed type.</summary>
    GenericMemberReference,

    /// <summary>VAR or MVAR (II.23.2.12) in a signature: code written in terms of a type parameter.</summary>
    GenericParameterUse,

    /// <summary>ARRAY (II.23.2.13), i.e. any array that is not SZARRAY.</summary>
    MultidimensionalArray,

    /// <summary>An opcode that nf-interpreter src/CLR/Core/Interpreter.cpp lists as unsupported.</summary>
    UnsupportedOpcode,

    /// <summary>An AssemblyRef (II.22.5) to an assembly that is not on the device.</summary>
    ForbiddenReference,

    /// <summary>A method body, IL stream or signature nanocheck could not decode (so could not check).</summary>
    Undecodable,
}

/// <summary>
/// One thing wrong in one assembly. <see cref="TypeName"/> and <see cref="MemberName"/> are null when the
/// finding belongs to no type (an AssemblyRef, or a metadata row that nothing in the assembly points at).
/// </summary>
public sealed record Finding(string File, FindingKind Kind, string? TypeName, string? MemberName, string Detail)
{
    /// <summary>ILAsm style: <c>Ns.Type::Member</c>, <c>Ns.Type</c>, or <c>&lt;assembly&gt;</c>.</summary>
    public string Owner => (TypeName, MemberName) switch
    {
        (null, _) => "<assembly>",
        (_, null) => TypeName,
        _ => $"{TypeName}::{MemberName}",
    };

    /// <summary>The one line nanocheck prints: <c>file: owner: what detail</c>.</summary>
    public override string ToString() => $"{File}: {Owner}: {Describe(Kind)} {Detail}";

    public static string Describe(FindingKind kind) => kind switch
    {
        FindingKind.GenericDefinition => "generic definition",
        FindingKind.GenericInstantiation => "generic instantiation",
        FindingKind.GenericMethodInstantiation => "generic method instantiation",
        FindingKind.GenericMemberReference => "generic member reference",
        FindingKind.GenericParameterUse => "generic parameter",
        FindingKind.MultidimensionalArray => "multidimensional array",
        FindingKind.UnsupportedOpcode => "unsupported opcode",
        FindingKind.ForbiddenReference => "reference to an assembly not allowed",
        FindingKind.Undecodable => "cannot decode",
        _ => kind.ToString(),
    };
}

/// <summary>Where a finding is, before the file is attached: a type, a member of a type, or neither.</summary>
internal readonly record struct Owner(string? TypeName, string? MemberName)
{
    public static readonly Owner Assembly = new(null, null);
}
