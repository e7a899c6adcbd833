using System.Reflection.Metadata;

namespace NanoCheck;

/// <summary>
/// Judges a metadata token as a place uses it: an IL operand, a base type, an attribute constructor.
/// Only the tables that can carry generics or array shapes are of interest (ECMA-335 II.22): TypeSpec,
/// MethodSpec, MemberRef (its class and its signature) and StandaloneSig. TypeDef, TypeRef, MethodDef and
/// FieldDef rows are judged where they are defined.
/// </summary>
internal sealed class ReferenceInspector(CheckContext context)
{
    private MetadataReader Reader => context.Reader;

    private SignatureInspector Signatures => context.Signatures;

    public void Inspect(EntityHandle handle, Owner owner, string suffix = "")
    {
        try
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeSpecification:
                    context.Covered.Add(handle);
                    context.ReportSignature(() => [Signatures.TypeSpec((TypeSpecificationHandle)handle)], owner, "TypeSpec", suffix);
                    break;
                case HandleKind.MethodSpecification:
                    InspectMethodSpec((MethodSpecificationHandle)handle, owner, suffix);
                    break;
                case HandleKind.MemberReference:
                    InspectMemberRef((MemberReferenceHandle)handle, owner, suffix);
                    break;
                case HandleKind.StandaloneSignature:
                    context.Covered.Add(handle);
                    context.ReportSignature(() => Signatures.Standalone((StandaloneSignatureHandle)handle), owner, "StandaloneSig", suffix);
                    break;
            }
        }
        catch (BadImageFormatException ex)
        {
            context.Report(FindingKind.Undecodable, owner, $"(token {MetadataNames.Token(handle)}) {ex.Message}{suffix}");
        }
    }

    /// <summary>
    /// A MethodSpec is one finding: the instantiated method. Its MemberRef (whose signature is written in
    /// MVARs) and that MemberRef's TypeSpec class are the same finding, so they are only marked seen.
    /// </summary>
    private void InspectMethodSpec(MethodSpecificationHandle handle, Owner owner, string suffix)
    {
        context.Covered.Add(handle);
        MethodSpecification spec = Reader.GetMethodSpecification(handle);
        context.Covered.Add(spec.Method);
        if (spec.Method.Kind == HandleKind.MemberReference)
        {
            context.Covered.Add(Reader.GetMemberReference((MemberReferenceHandle)spec.Method).Parent);
        }

        string arguments = string.Join(", ", Signatures.MethodSpecArguments(spec).Select(a => a.Name));
        context.Report(
            FindingKind.GenericMethodInstantiation,
            owner,
            $"(MethodSpec) {Signatures.MemberName(spec.Method)}<{arguments}>{suffix}");
    }

    /// <summary>
    /// A MemberRef whose class is a TypeSpec is a member of a constructed generic type (or of an array
    /// type: <c>int32[,]::Get</c> is how multidimensional element access is compiled; SZARRAY members are
    /// fine). Its signature may also carry instantiations of its own (a parameter of type Holder&lt;int&gt;).
    /// </summary>
    private void InspectMemberRef(MemberReferenceHandle handle, Owner owner, string suffix)
    {
        context.Covered.Add(handle);
        MemberReference member = Reader.GetMemberReference(handle);
        bool parentFlagged = false;
        if (member.Parent.Kind == HandleKind.TypeSpecification)
        {
            context.Covered.Add(member.Parent);
            SigType parent = Signatures.TypeSpec((TypeSpecificationHandle)member.Parent);
            List<SigProblem> problems = parent.TopProblems().ToList();
            if (problems.Count > 0)
            {
                parentFlagged = true;
                FindingKind kind = problems.Any(p => p.Kind == FindingKind.GenericInstantiation)
                    ? FindingKind.GenericMemberReference
                    : problems[0].Kind;
                context.Report(kind, owner, $"(MemberRef on TypeSpec) {parent.Name}::{Reader.GetString(member.Name)}{suffix}");
            }
        }

        // A member of a constructed type is declared in terms of the type's VARs: reporting those again
        // would say the same thing twice.
        IEnumerable<SigProblem> own = SigType.TopProblems(Signatures.MemberReference(member))
            .Where(p => !parentFlagged || p.Kind != FindingKind.GenericParameterUse);
        context.Report(own, owner, "MemberRef signature", $" in {Signatures.MemberName(handle)}{suffix}");
    }
}
