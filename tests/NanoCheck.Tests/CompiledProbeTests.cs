namespace NanoCheck.Tests;

/// <summary>
/// C# that compiles against the nano mscorlib but cannot run on nanoCLR v1: each probe assembly holds one
/// forbidden thing and must produce exactly the expected finding, naming its type and member.
/// </summary>
public sealed class CompiledProbeTests(LibraryFixture libraries) : IClassFixture<LibraryFixture>, IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Everyday_code_is_clean()
    {
        string clean = NanoCompiler.Compile(folder, "Clean", Sources.Clean);

        Assert.Empty(AssemblyChecker.Check(clean, []));
    }

    [Theory]
    [InlineData("class generic", "", "public class Box<T>",
        FindingKind.GenericDefinition, "Probe.Box`1", null, "(GenericParam) <T>")]
    [InlineData("method generic", "public static void M<TKey, TValue>() { }", "public static class C",
        FindingKind.GenericDefinition, "Probe.C", "M", "(GenericParam) <TKey, TValue>")]
    [InlineData("field of constructed type", "public Lib.Holder<int> F;", "public class C",
        FindingKind.GenericInstantiation, "Probe.C", "F", "(field signature) Lib.Holder`1<int32>")]
    [InlineData("array of constructed type", "public Lib.Holder<int>[] Many;", "public class C",
        FindingKind.GenericInstantiation, "Probe.C", "Many", "(field signature) Lib.Holder`1<int32>")]
    [InlineData("constructed type of constructed type, reported once", "public Lib.Holder<Lib.Holder<int>> Nested;", "public class C",
        FindingKind.GenericInstantiation, "Probe.C", "Nested", "(field signature) Lib.Holder`1<Lib.Holder`1<int32>>")]
    [InlineData("mscorlib's own generic delegate", "public System.Action<int> Callback;", "public class C",
        FindingKind.GenericInstantiation, "Probe.C", "Callback", "(field signature) System.Action`1<int32>")]
    [InlineData("parameter of constructed type", "public static void M(Lib.Holder<string> h) { }", "public static class C",
        FindingKind.GenericInstantiation, "Probe.C", "M", "(method signature) Lib.Holder`1<string>")]
    [InlineData("local of constructed type", "public static bool M() { Lib.Holder<int> h = null; return h == null; }", "public static class C",
        FindingKind.GenericInstantiation, "Probe.C", "M", "(local signature) Lib.Holder`1<int32>")]
    [InlineData("type test against constructed type", "public static bool M(object o) => o is Lib.Holder<int>;", "public static class C",
        FindingKind.GenericInstantiation, "Probe.C", "M", "(TypeSpec) Lib.Holder`1<int32> at IL_")]
    [InlineData("call of a generic method", "public static int M() => Lib.G.Id(7);", "public static class C",
        FindingKind.GenericMethodInstantiation, "Probe.C", "M", "(MethodSpec) Lib.G::Id<int32> at IL_")]
    [InlineData("member of a constructed type", "public static int M() => Lib.Holder<byte>.Count();", "public static class C",
        FindingKind.GenericMemberReference, "Probe.C", "M", "(MemberRef on TypeSpec) Lib.Holder`1<uint8>::Count at IL_")]
    [InlineData("constructed type in a called method's signature", "public static int M() => Lib.Plain.Take(null);", "public static class C",
        FindingKind.GenericInstantiation, "Probe.C", "M", "(MemberRef signature) Lib.Holder`1<int32> in Lib.Plain::Take at IL_")]
    [InlineData("generic attribute", "", "[Lib.Marker<int>] public class C",
        FindingKind.GenericMemberReference, "Probe.C", null, "(MemberRef on TypeSpec) Lib.Marker`1<int32>::.ctor in custom attribute")]
    [InlineData("multidimensional field", "public int[,] Grid;", "public class C",
        FindingKind.MultidimensionalArray, "Probe.C", "Grid", "(field signature) int32[,]")]
    [InlineData("multidimensional parameter", "public static int M(byte[,,] cube) => 0;", "public static class C",
        FindingKind.MultidimensionalArray, "Probe.C", "M", "(method signature) uint8[,,]")]
    public void One_forbidden_thing_gives_one_finding(
        string what, string members, string header, FindingKind kind, string type, string? member, string detail)
    {
        string probe = NanoCompiler.Compile(folder, "Probe", Sources.Probe(members, header), references: libraries.GenericLibrary);

        IReadOnlyList<Finding> findings = AssemblyChecker.Check(probe, [LibraryFixture.GenericLibraryName]);

        Finding finding = Assert.Single(findings);
        Assert.True(finding.Kind == kind, $"{what}: expected {kind}, got {finding}");
        Assert.Equal(type, finding.TypeName);
        Assert.Equal(member, finding.MemberName);
        Assert.Contains(detail, finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Type_parameter_in_a_signature_is_reported_beside_the_definition()
    {
        string probe = NanoCompiler.Compile(folder, "Probe", Sources.Probe("public T Value;", "public class Box<T>"));

        IReadOnlyList<Finding> findings = AssemblyChecker.Check(probe, []);

        Assert.Collection(
            findings,
            f => Assert.Equal((FindingKind.GenericDefinition, "Probe.Box`1", (string?)null), (f.Kind, f.TypeName, f.MemberName)),
            f =>
            {
                Assert.Equal((FindingKind.GenericParameterUse, "Probe.Box`1", (string?)"Value"), (f.Kind, f.TypeName, f.MemberName));
                Assert.Equal("(field signature) !0", f.Detail);
            });
    }

    [Fact]
    public void Constructed_base_type_is_named_on_the_type_and_its_constructor()
    {
        string probe = NanoCompiler.Compile(
            folder, "Probe", Sources.Probe("", "public class C : Lib.Holder<int>"), references: libraries.GenericLibrary);

        IReadOnlyList<Finding> findings = AssemblyChecker.Check(probe, [LibraryFixture.GenericLibraryName]);

        Assert.Collection(
            findings,
            f =>
            {
                Assert.Equal((FindingKind.GenericInstantiation, "Probe.C", (string?)null), (f.Kind, f.TypeName, f.MemberName));
                Assert.Equal("(TypeSpec) Lib.Holder`1<int32> as base type", f.Detail);
            },
            f =>
            {
                Assert.Equal((FindingKind.GenericMemberReference, "Probe.C", (string?)".ctor"), (f.Kind, f.TypeName, f.MemberName));
                Assert.StartsWith("(MemberRef on TypeSpec) Lib.Holder`1<int32>::.ctor at IL_", f.Detail, StringComparison.Ordinal);
            });
    }

    [Fact]
    public void Multidimensional_array_code_is_found_in_locals_and_element_access()
    {
        const string members = "public static int M() { int[,] grid = new int[2, 3]; grid[1, 2] = 5; return grid[1, 2]; }";
        string probe = NanoCompiler.Compile(folder, "Probe", Sources.Probe(members));

        IReadOnlyList<Finding> findings = AssemblyChecker.Check(probe, []);

        Assert.All(findings, f => Assert.Equal((FindingKind.MultidimensionalArray, "Probe.C", (string?)"M"), (f.Kind, f.TypeName, f.MemberName)));
        string[] details = [.. findings.Select(f => f.Detail)];
        Assert.Contains("(local signature) int32[,]", details);
        Assert.Contains(details, d => d.StartsWith("(MemberRef on TypeSpec) int32[,]::.ctor at IL_", StringComparison.Ordinal));
        Assert.Contains(details, d => d.StartsWith("(MemberRef on TypeSpec) int32[,]::Set at IL_", StringComparison.Ordinal));
        Assert.Contains(details, d => d.StartsWith("(MemberRef on TypeSpec) int32[,]::Get at IL_", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("localloc", "public static unsafe int M() { int* p = stackalloc int[4]; p[1] = 3; return p[1]; }")]
    [InlineData("calli", "static int Twice(int x) => x * 2; public static unsafe int M() { delegate*<int, int> f = &Twice; return f(21); }")]
    public void Unsafe_code_the_interpreter_refuses_is_named_with_its_offset(string opcode, string members)
    {
        string probe = NanoCompiler.Compile(folder, "Probe", Sources.Probe(members), allowUnsafe: true);

        Finding finding = Assert.Single(AssemblyChecker.Check(probe, []));

        Assert.Equal((FindingKind.UnsupportedOpcode, "Probe.C", (string?)"M"), (finding.Kind, finding.TypeName, finding.MemberName));
        Assert.Matches($"^{opcode} at IL_[0-9a-f]{{4}}$", finding.Detail);
    }

    [Fact]
    public void Reference_to_an_assembly_not_allowed_is_named()
    {
        string probe = NanoCompiler.Compile(folder, "Probe", Sources.UsesOther, references: libraries.OtherLibrary);

        Finding finding = Assert.Single(AssemblyChecker.Check(probe, []));

        Assert.Equal(FindingKind.ForbiddenReference, finding.Kind);
        Assert.Null(finding.TypeName);
        Assert.Equal("(AssemblyRef) OtherLib 0.0.0.0", finding.Detail);
        Assert.Equal($"{probe}: <assembly>: reference to an assembly not allowed (AssemblyRef) OtherLib 0.0.0.0", finding.ToString());
    }

    [Fact]
    public void Reference_to_an_allowed_assembly_is_clean()
    {
        string probe = NanoCompiler.Compile(folder, "Probe", Sources.UsesOther, references: libraries.OtherLibrary);

        Assert.Empty(AssemblyChecker.Check(probe, ["otherlib"]));
    }
}
