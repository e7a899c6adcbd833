using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace NanoCheck;

/// <summary>
/// What the rules of one <see cref="AssemblyChecker.Check"/> run share: the open file, the decoders, the
/// findings so far, and which rows have already been looked at from a place that names an owner, so the
/// final table sweep (<see cref="LeftoverRowsRule"/>) only reports rows nothing points at.
/// </summary>
internal sealed class CheckContext
{
    private readonly List<Finding> findings = [];

    public CheckContext(string file, PEReader pe)
    {
        File = file;
        PE = pe;
        Reader = pe.GetMetadataReader();
        Names = new MetadataNames(Reader);
        Signatures = new SignatureInspector(Reader, Names);
        References = new ReferenceInspector(this);
    }

    public string File { get; }

    public PEReader PE { get; }

    public MetadataReader Reader { get; }

    public MetadataNames Names { get; }

    public SignatureInspector Signatures { get; }

    public ReferenceInspector References { get; }

    /// <summary>TypeSpec, MethodSpec, MemberRef and StandaloneSig rows already inspected.</summary>
    public HashSet<EntityHandle> Covered { get; } = [];

    public IReadOnlyList<Finding> Findings => this.findings;

    public void Report(FindingKind kind, Owner owner, string detail) =>
        this.findings.Add(new Finding(File, kind, owner.TypeName, owner.MemberName, detail));

    /// <summary>Reports each distinct problem as <c>(where) text suffix</c> (<c>T Id&lt;T&gt;(T)</c> says !!0 once).</summary>
    public void Report(IEnumerable<SigProblem> problems, Owner owner, string where, string suffix = "")
    {
        foreach (SigProblem problem in problems.Distinct())
        {
            Report(problem.Kind, owner, $"({where}) {problem.Text}{suffix}");
        }
    }

    /// <summary>Decodes signatures and reports their problems; a malformed blob becomes a finding, not a crash.</summary>
    public void ReportSignature(Func<IEnumerable<SigType>> decode, Owner owner, string where, string suffix = "")
    {
        IReadOnlyList<SigProblem> problems;
        try
        {
            problems = SigType.TopProblems(decode());
        }
        catch (BadImageFormatException ex)
        {
            Report(FindingKind.Undecodable, owner, $"({where}) {ex.Message}{suffix}");
            return;
        }

        Report(problems, owner, where, suffix);
    }
}
