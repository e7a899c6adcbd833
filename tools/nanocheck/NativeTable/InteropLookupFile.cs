using System.Text.RegularExpressions;

namespace NanoCheck.NativeTable;

/// <summary>
/// The firmware's side of the binding: the <c>method_lookup</c> table and the
/// <c>CLR_RT_NativeAssemblyData</c> (name, native checksum, version) of an interop's lookup .cpp, in
/// the shape the MetadataProcessor generates and nf-interpreter's <c>FindNF_NativeAssemblies.cmake</c>
/// parses.
/// </summary>
public sealed partial class InteropLookupFile
{
    public IReadOnlyList<string?> Entries { get; }

    public string AssemblyName { get; }

    public uint Checksum { get; }

    public Version Version { get; }

    private InteropLookupFile(List<string?> entries, string assemblyName, uint checksum, Version version)
    {
        Entries = entries;
        AssemblyName = assemblyName;
        Checksum = checksum;
        Version = version;
    }

    /// <summary>Parses the file; throws <see cref="FormatException"/> when the table or the assembly data is not there.</summary>
    public static InteropLookupFile Parse(string text)
    {
        string code = Comments().Replace(text, " ");
        Match table = LookupTable().Match(code);
        Match data = AssemblyData().Match(code);
        if (!table.Success || !data.Success)
        {
            throw new FormatException("no method_lookup[] table or no CLR_RT_NativeAssemblyData initializer found");
        }

        var entries = table.Groups["body"].Value
            .Split(',')
            .Select(e => e.Trim())
            .Where(e => e.Length > 0)
            .Select(e => e == "NULL" ? null : e)
            .ToList();
        var version = new Version(
            int.Parse(data.Groups["a"].Value), int.Parse(data.Groups["b"].Value),
            int.Parse(data.Groups["c"].Value), int.Parse(data.Groups["d"].Value));
        return new InteropLookupFile(entries, data.Groups["name"].Value,
            Convert.ToUInt32(data.Groups["crc"].Value, 16), version);
    }

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"CLR_RT_MethodHandler\s+method_lookup\s*\[\s*\]\s*=\s*\{(?<body>[^}]*)\}")]
    private static partial Regex LookupTable();

    [GeneratedRegex(@"CLR_RT_NativeAssemblyData\s+\w+\s*=\s*\{\s*""(?<name>[^""]*)""\s*,\s*0x(?<crc>[0-9A-Fa-f]{1,8})\s*,\s*method_lookup\s*,\s*\{\s*(?<a>\d+)\s*,\s*(?<b>\d+)\s*,\s*(?<c>\d+)\s*,\s*(?<d>\d+)\s*\}")]
    private static partial Regex AssemblyData();
}
