namespace NanoCheck;

/// <summary>The command line: read every file, check every file, print findings, set the exit code.</summary>
public static class Program
{
    public const int Clean = 0;
    public const int FindingsFound = 1;
    public const int UsageOrReadError = 2;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count > 0 && args[0] == "native-table")
        {
            return NativeTable.NativeTableCommand.Run(args.Skip(1).ToList(), stdout, stderr);
        }

        Arguments? parsed = Arguments.Parse(args, out string error);
        if (parsed is null)
        {
            stderr.WriteLine($"nanocheck: {error}");
            stderr.WriteLine(Arguments.Usage);
            return UsageOrReadError;
        }

        if (parsed.Help)
        {
            stdout.WriteLine(Arguments.Usage);
            return Clean;
        }

        // Our own portable assemblies may reference each other: every file named is allowed as a reference.
        HashSet<string> allowed = new(parsed.Allowed, StringComparer.OrdinalIgnoreCase) { AssemblyChecker.CoreLibrary };
        List<Finding> findings = [];
        foreach (string file in parsed.Files)
        {
            if (!TryRead(file, stderr, () => allowed.Add(AssemblyChecker.ReadAssemblyName(file))))
            {
                return UsageOrReadError;
            }
        }

        foreach (string file in parsed.Files)
        {
            if (!TryRead(file, stderr, () => findings.AddRange(AssemblyChecker.Check(file, allowed))))
            {
                return UsageOrReadError;
            }
        }

        if (findings.Count == 0)
        {
            stdout.WriteLine($"nanocheck: {parsed.Files.Count} assemblies clean");
            return Clean;
        }

        foreach (Finding finding in findings)
        {
            stdout.WriteLine(finding);
        }

        int dirty = findings.Select(f => f.File).Distinct().Count();
        stderr.WriteLine($"nanocheck: {findings.Count} findings in {dirty} of {parsed.Files.Count} assemblies");
        return FindingsFound;
    }

    private static bool TryRead(string file, TextWriter stderr, Action read)
    {
        try
        {
            read();
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or BadImageFormatException)
        {
            stderr.WriteLine($"nanocheck: cannot read {file}: {ex.Message}");
            return false;
        }
    }
}
