namespace NanoCheck.NativeTable;

/// <summary>
/// <c>nanocheck native-table FILE.dll [--expect LOOKUP.cpp]</c>: prints the native method table and
/// checksum the MetadataProcessor will give FILE.dll; with <c>--expect</c>, fails unless the interop's
/// lookup .cpp binds exactly those methods at exactly those indexes, under the same assembly name,
/// checksum and AssemblyNativeVersion, so a firmware built from it can only load the matching .pe.
/// </summary>
public static class NativeTableCommand
{
    public const string Usage =
        "usage: nanocheck native-table FILE.dll [--expect LOOKUP.cpp]\n" +
        "  Prints the native method table and checksum the MetadataProcessor computes for FILE.dll;\n" +
        "  with --expect, exits 1 unless LOOKUP.cpp's method_lookup and assembly data match them.";

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        string? file = null;
        string? expect = null;
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--expect" && i + 1 < args.Count)
            {
                expect = args[++i];
            }
            else if (file is null && !args[i].StartsWith('-'))
            {
                file = args[i];
            }
            else
            {
                stderr.WriteLine($"nanocheck: native-table: unexpected argument {args[i]}");
                stderr.WriteLine(Usage);
                return Program.UsageOrReadError;
            }
        }

        if (file is null)
        {
            stderr.WriteLine(Usage);
            return Program.UsageOrReadError;
        }

        NativeMethodTable table;
        InteropLookupFile? lookup = null;
        try
        {
            table = NativeMethodTable.Read(file);
            if (expect is not null)
            {
                lookup = InteropLookupFile.Parse(File.ReadAllText(expect));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or BadImageFormatException or FormatException)
        {
            stderr.WriteLine($"nanocheck: native-table: {ex.Message}");
            return Program.UsageOrReadError;
        }

        if (lookup is null)
        {
            Print(table, stdout);
            return Program.Clean;
        }

        List<string> mismatches = Compare(table, lookup);
        foreach (string mismatch in mismatches)
        {
            stdout.WriteLine($"{expect}: {mismatch}");
        }

        if (mismatches.Count > 0)
        {
            stderr.WriteLine($"nanocheck: {expect} does not match {file}; the expected table is:");
            Print(table, stderr);
            return Program.FindingsFound;
        }

        stdout.WriteLine($"nanocheck: {expect} matches {table.AssemblyName} (checksum 0x{table.Checksum:X8}, {table.Entries.Count(e => e is not null)} native methods)");
        return Program.Clean;
    }

    /// <summary>Every difference between what the assembly needs and what the lookup file gives; empty when they match.</summary>
    public static List<string> Compare(NativeMethodTable table, InteropLookupFile lookup)
    {
        var mismatches = new List<string>();
        if (table.NativeVersion is null)
        {
            mismatches.Add($"{table.AssemblyName} has no AssemblyNativeVersion attribute (the MetadataProcessor refuses to generate stubs)");
        }
        else if (table.NativeVersion != lookup.Version)
        {
            mismatches.Add($"version {lookup.Version}, the assembly's AssemblyNativeVersion is {table.NativeVersion}");
        }

        if (lookup.AssemblyName != table.AssemblyName)
        {
            mismatches.Add($"assembly name \"{lookup.AssemblyName}\", the assembly is \"{table.AssemblyName}\"");
        }

        if (lookup.Checksum != table.Checksum)
        {
            mismatches.Add($"checksum 0x{lookup.Checksum:X8}, the assembly's is 0x{table.Checksum:X8}");
        }

        int count = Math.Max(lookup.Entries.Count, table.Entries.Count);
        for (int i = 0; i < count; i++)
        {
            string? expected = i < table.Entries.Count ? table.Entries[i] : "(no method)";
            string? actual = i < lookup.Entries.Count ? lookup.Entries[i] : "(no entry)";
            if (expected != actual)
            {
                mismatches.Add($"method_lookup[{i}] is {actual ?? "NULL"}, the assembly needs {expected ?? "NULL"}");
            }
        }

        return mismatches;
    }

    private static void Print(NativeMethodTable table, TextWriter writer)
    {
        writer.WriteLine($"assembly {table.AssemblyName}, AssemblyNativeVersion {table.NativeVersion?.ToString() ?? "(none)"}, native checksum 0x{table.Checksum:X8}, {table.Entries.Count} methods");
        for (int i = 0; i < table.Entries.Count; i++)
        {
            if (table.Entries[i] is not null)
            {
                writer.WriteLine($"  [{i}] {table.Entries[i]}");
            }
        }
    }
}
