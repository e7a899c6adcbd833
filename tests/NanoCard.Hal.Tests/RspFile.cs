namespace NanoCard.Hal.Tests;

/// <summary>
/// Reads the known-answer files in tests/vectors (format: tests/vectors/README.md): '#' lines are
/// comments, '[...]' lines are ignored, a record is a group of "Name = value" lines ended by a blank
/// line (or the end of the file).
/// </summary>
public static class RspFile
{
    /// <summary>All records of <c>vectors/<paramref name="fileName"/></c> in the test output directory, in file order.</summary>
    public static IReadOnlyList<RspRecord> Load(string fileName)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "vectors", fileName);
        var records = new List<RspRecord>();
        Dictionary<string, string>? fields = null;
        int firstLine = 0;
        int lineNumber = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0)
            {
                if (fields != null)
                {
                    records.Add(new RspRecord(fileName, firstLine, fields));
                    fields = null;
                }
                continue;
            }
            if (line[0] == '#' || line[0] == '[')
            {
                continue;
            }
            int eq = line.IndexOf('=');
            if (eq <= 0)
            {
                throw new FormatException($"{fileName}:{lineNumber}: expected 'Name = value'");
            }
            if (fields == null)
            {
                fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                firstLine = lineNumber;
            }
            string name = line[..eq].Trim();
            if (!fields.TryAdd(name, line[(eq + 1)..].Trim()))
            {
                throw new FormatException($"{fileName}:{lineNumber}: '{name}' given twice in one record");
            }
        }
        if (fields != null)
        {
            records.Add(new RspRecord(fileName, firstLine, fields));
        }
        return records;
    }
}

/// <summary>One record: case-insensitive field names to their (trimmed) text.</summary>
public sealed class RspRecord
{
    private readonly IReadOnlyDictionary<string, string> fields;

    internal RspRecord(string fileName, int line, IReadOnlyDictionary<string, string> fields)
    {
        FileName = fileName;
        Line = line;
        this.fields = fields;
    }

    /// <summary>The file the record came from.</summary>
    public string FileName { get; }

    /// <summary>Line number of the record's first field (for failure messages).</summary>
    public int Line { get; }

    /// <summary>True when the record has a field called <paramref name="name"/>.</summary>
    public bool Has(string name) => this.fields.ContainsKey(name);

    /// <summary>The field's text as written; throws <see cref="KeyNotFoundException"/> if absent.</summary>
    public string Text(string name) =>
        this.fields.TryGetValue(name, out string? value)
            ? value
            : throw new KeyNotFoundException($"{this}: no field '{name}'");

    /// <summary>The field decoded from hex (an empty value gives an empty array).</summary>
    public byte[] Hex(string name) => Convert.FromHexString(Text(name));

    /// <summary>"file:line", to name the record in assertion messages.</summary>
    public override string ToString() => $"{FileName}:{Line}";
}
