namespace NanoCheck.Tests;

/// <summary>The command line: output lines and exit codes 0 (clean), 1 (findings), 2 (usage or read error).</summary>
public sealed class ProgramTests(LibraryFixture libraries) : IClassFixture<LibraryFixture>, IDisposable
{
    private const string Localloc = "public static unsafe int M() { int* p = stackalloc int[2]; return p[0]; }";

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Clean_assembly_exits_0_with_one_line()
    {
        string clean = NanoCompiler.Compile(folder, "Clean", Sources.Clean);

        (int exit, string stdout, string stderr) = Run(clean);

        Assert.Equal(0, exit);
        Assert.Equal("nanocheck: 1 assemblies clean" + Environment.NewLine, stdout);
        Assert.Empty(stderr);
    }

    [Fact]
    public void Dirty_assembly_exits_1_with_one_line_per_finding()
    {
        string clean = NanoCompiler.Compile(folder, "Clean", Sources.Clean);
        string dirty = NanoCompiler.Compile(folder, "Dirty", Sources.Probe(Localloc), allowUnsafe: true);

        (int exit, string stdout, string stderr) = Run(clean, dirty);

        Assert.Equal(1, exit);
        string line = Assert.Single(stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(dirty)}: Probe\\.C::M: unsupported opcode localloc at IL_[0-9a-f]{{4}}$", line);
        Assert.Contains("1 findings in 1 of 2 assemblies", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public void Main_returns_the_exit_code(bool dirty, int expected)
    {
        string path = dirty
            ? NanoCompiler.Compile(folder, "Dirty", Sources.Probe(Localloc), allowUnsafe: true)
            : NanoCompiler.Compile(folder, "Clean", Sources.Clean);

        Assert.Equal(expected, Program.Main([path]));
    }

    [Fact]
    public void Assemblies_named_together_may_reference_each_other()
    {
        string probe = NanoCompiler.Compile(folder, "Probe", Sources.UsesOther, references: libraries.OtherLibrary);

        Assert.Equal(1, Run(probe).Exit);
        Assert.Equal((0, "nanocheck: 2 assemblies clean" + Environment.NewLine), Pick(Run(probe, libraries.OtherLibrary)));
    }

    [Theory]
    [InlineData("--allow", "OtherLib")]
    [InlineData("--allow=OtherLib", null)]
    public void Allow_option_permits_a_reference(string option, string? value)
    {
        string probe = NanoCompiler.Compile(folder, "Probe", Sources.UsesOther, references: libraries.OtherLibrary);
        string[] args = value is null ? [option, probe] : [option, value, probe];

        Assert.Equal((0, "nanocheck: 1 assemblies clean" + Environment.NewLine), Pick(Run(args)));
    }

    [Fact]
    public void Help_exits_0_with_usage()
    {
        (int exit, string stdout, _) = Run("--help");

        Assert.Equal(0, exit);
        Assert.StartsWith("usage: nanocheck [--allow NAME]... FILE.dll...", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no assembly given")]
    [InlineData("unknown option --frobnicate", "--frobnicate", "x.dll")]
    [InlineData("--allow needs an assembly name", "x.dll", "--allow")]
    public void Usage_errors_exit_2(string message, params string[] args)
    {
        (int exit, string stdout, string stderr) = Run(args);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.StartsWith($"nanocheck: {message}", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_exits_2()
    {
        string missing = folder.File("missing.dll");

        (int exit, string stdout, string stderr) = Run(missing);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.StartsWith($"nanocheck: cannot read {missing}", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void File_that_is_not_an_assembly_exits_2_before_anything_is_checked()
    {
        string dirty = NanoCompiler.Compile(folder, "Dirty", Sources.Probe(Localloc), allowUnsafe: true);
        string text = folder.File("notes.dll");
        File.WriteAllText(text, "not a PE file");

        (int exit, string stdout, string stderr) = Run(dirty, text);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.StartsWith($"nanocheck: cannot read {text}", stderr, StringComparison.Ordinal);
    }

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        using StringWriter stdout = new();
        using StringWriter stderr = new();
        int exit = Program.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static (int Exit, string Stdout) Pick((int Exit, string Stdout, string Stderr) result) => (result.Exit, result.Stdout);
}
