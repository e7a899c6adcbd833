namespace NanoCheck;

/// <summary>
/// <c>nanocheck [--allow NAME]... FILE.dll...</c>. Small enough to parse by hand, which keeps the tool free
/// of package dependencies.
/// </summary>
internal sealed record Arguments(IReadOnlyList<string> Files, IReadOnlyList<string> Allowed, bool Help)
{
    public const string Usage =
        "usage: nanocheck [--allow NAME]... FILE.dll...\n" +
        "  Checks netnano1.0 assemblies for what the nanoCLR v1 runtime cannot run.\n" +
        "  References allowed: mscorlib, every FILE's own assembly, and each --allow NAME.\n" +
        "  Exit codes: 0 clean, 1 findings, 2 usage error or unreadable file.";

    /// <summary>Parses the command line; on failure returns null and says why in <paramref name="error"/>.</summary>
    public static Arguments? Parse(IReadOnlyList<string> args, out string error)
    {
        List<string> files = [];
        List<string> allowed = [];
        bool help = false;
        bool optionsEnded = false;
        error = "";
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (optionsEnded || !arg.StartsWith('-') || arg == "-")
            {
                files.Add(arg);
            }
            else if (arg == "--")
            {
                optionsEnded = true;
            }
            else if (arg is "-h" or "--help")
            {
                help = true;
            }
            else if (arg == "--allow")
            {
                if (i + 1 >= args.Count || args[i + 1].Length == 0)
                {
                    error = "--allow needs an assembly name";
                    return null;
                }

                allowed.Add(args[++i]);
            }
            else if (arg.StartsWith("--allow=", StringComparison.Ordinal) && arg.Length > "--allow=".Length)
            {
                allowed.Add(arg["--allow=".Length..]);
            }
            else
            {
                error = $"unknown option {arg}";
                return null;
            }
        }

        if (!help && files.Count == 0)
        {
            error = "no assembly given";
            return null;
        }

        return new Arguments(files, allowed, help);
    }
}
