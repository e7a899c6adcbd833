using System.Globalization;
using System.Text.RegularExpressions;
using NanoCard.Applets.CommonCard;
using NanoCard.Applets.Jpki;
using NanoCard.Applets.Juki;
using NanoCard.Applets.Text;
using NanoCard.Applets.Visual;
using NanoCard.Issuance;

namespace NanoCard.Applets.Tests;

/// <summary>
/// The tables of docs/apdu-spec.md §8 (gen1) and §13 (gen2): files, PINs and keys as data, so that
/// tests check the card against the document a client developer reads.
/// </summary>
public static partial class ApduSpec
{
    /// <summary>An EF row; <see cref="Fitted"/>: "up to N, fitted" — issuance fits the EF to its data (RESIZE), at most <see cref="Size"/> bytes.</summary>
    public sealed record FileRow(string Ap, int Fid, int Sfi, int Size, int[] ReadNeeds, bool Fitted = false)
    {
        public bool IsFree => ReadNeeds.Length == 0;
    }

    public sealed record PinRow(string Ap, int Fid, int Sfi, int Tries);

    public sealed record KeyRow(string Ap, int Fid, int Sfi, string UsedBy, int[] Needs);

    /// <summary>One profile's tables: every file, PIN and key of its card.</summary>
    public sealed record ProfileSpec(string Name, IReadOnlyList<FileRow> Files, IReadOnlyList<PinRow> Pins, IReadOnlyList<KeyRow> Keys)
    {
        public IEnumerable<PinRow> PinsOf(string ap) => Pins.Where(p => p.Ap == ap);
    }

    /// <summary>§8: gen1, where every SFI is its FID's low byte.</summary>
    public static readonly ProfileSpec Gen1 = new("gen1",
        Rows("| AP | EF | contents | size | READ needs |").Select(c => new FileRow(c[0], Fid(c[1]), Fid(c[1]) & 0xFF, Int(c[3]), Needs(c[4]))).ToList(),
        Rows("| AP | PIN | what | format | tries |").Select(c => new PinRow(c[0], Fid(c[1]), Fid(c[1]) & 0xFF, Int(c[4]))).ToList(),
        Rows("| AP | key | what | used by | needs |").Select(c => new KeyRow(c[0], Fid(c[1]), Fid(c[1]) & 0xFF, c[3], Needs(c[4]))).ToList());

    /// <summary>§13: gen2, with an SFI column.</summary>
    public static readonly ProfileSpec Gen2 = new("gen2",
        Rows("| AP | EF | SFI | contents | size | READ needs |").Select(c => new FileRow(c[0], Fid(c[1]), Fid(c[2]), Int(c[4].Replace("up to ", "", StringComparison.Ordinal).Replace(", fitted", "", StringComparison.Ordinal)), Needs(c[5]), c[4].EndsWith(", fitted", StringComparison.Ordinal))).ToList(),
        Rows("| AP | PIN | SFI | what | format | tries |").Select(c => new PinRow(c[0], Fid(c[1]), Fid(c[2]), Int(c[5]))).ToList(),
        Rows("| AP | key | SFI | what | used by | needs |").Select(c => new KeyRow(c[0], Fid(c[1]), Fid(c[2]), c[4], Needs(c[5]))).ToList());

    public static readonly IReadOnlyDictionary<string, byte[]> Aids = new Dictionary<string, byte[]>
    {
        ["JPKI"] = JpkiAp.Aid,
        ["Text"] = TextAp.Aid,
        ["Visual"] = VisualAp.Aid,
        ["Juki"] = JukiAp.Aid,
        ["Common"] = CommonAp.Aid,
    };

    /// <summary>The value that opens PIN <paramref name="fid"/> of <paramref name="ap"/> for <paramref name="persona"/>.</summary>
    public static string PinValue(Persona persona, string ap, int fid) => (ap, fid) switch
    {
        ("JPKI", 0x18) or ("Text", 0x11) or ("Juki", 0x1C) => persona.Pin,
        ("JPKI", 0x1E) => persona.Puk,
        ("JPKI", 0x1B) => persona.SignPassword,
        ("Text", 0x14) or ("Visual", 0x13) => persona.MyNumber,
        ("Text", 0x15) or ("Visual", 0x12) => persona.CodeB,
        ("Visual", 0x11) => persona.BirthDateKey,
        _ => throw new ArgumentException($"no PIN {fid:X4} in {ap}"),
    };

    /// <summary>A wrong value in the PIN's own format (so it uses a try).</summary>
    public static string WrongValue(Persona persona, string ap, int fid)
    {
        string right = PinValue(persona, ap, fid);
        char last = right[^1] == '0' ? '1' : '0';
        return right[..^1] + last;
    }

    private static int Fid(string cell) => int.Parse(cell.Trim('`'), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static int Int(string cell) => int.Parse(cell, CultureInfo.InvariantCulture);

    private static int[] Needs(string cell) => cell == "free" ? [] : [.. BacktickHex().Matches(cell).Select(m => Fid(m.Value))];

    /// <summary>The cells of every row of the table whose header line is <paramref name="header"/>.</summary>
    private static IEnumerable<string[]> Rows(string header)
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "apdu-spec.md"));
        int start = Array.IndexOf(lines, header);
        if (start < 0)
        {
            throw new InvalidDataException("docs/apdu-spec.md has no table " + header);
        }
        return lines.Skip(start + 2).TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray()).ToList();
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "nf.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new DirectoryNotFoundException("nf.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("`[0-9A-F]{4}`")]
    private static partial Regex BacktickHex();
}
