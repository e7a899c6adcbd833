namespace NanoCheck;

/// <summary>Something a signature holds that nanoCLR v1 cannot run, with the text that shows it.</summary>
internal readonly record struct SigProblem(FindingKind Kind, string Text);

/// <summary>
/// A decoded signature type: its display name, what is wrong with this node itself, and the types it is
/// built from. A tree rather than a flat list so that <c>Holder&lt;Holder&lt;int&gt;&gt;</c> is reported
/// once, as the outer instantiation, and not once per nesting level.
/// </summary>
internal sealed record SigType(string Name, SigProblem? Problem, IReadOnlyList<SigType> Parts)
{
    public static SigType Plain(string name) => new(name, null, []);

    /// <summary>The outermost problems: a flagged node hides the nodes inside it.</summary>
    public IEnumerable<SigProblem> TopProblems() =>
        Problem is { } own ? [own] : Parts.SelectMany(part => part.TopProblems());

    public static IReadOnlyList<SigProblem> TopProblems(IEnumerable<SigType> types) =>
        types.SelectMany(type => type.TopProblems()).ToList();
}
