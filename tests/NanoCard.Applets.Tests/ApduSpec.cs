using System.Globalization;
using System.Text.RegularExpressions;
using NanoCard.Applets.Common;
using NanoCard.Applets.Jpki;
using NanoCard.Applets.Juki;
using NanoCard.Applets.Text;
using NanoCard.Applets.Visual;
using NanoCard.Issuance;

namespace NanoCard.Applets.Tests;

/// <summary>
/// The gen1 tables of docs/apdu-spec.md §8 (files, PINs, keys) as data, so that tests check the
/// card against the document a client developer reads.
/// </summary>
public static partial class ApduSpec
{
    public sealed record FileRow(string Ap, int Fid, int Size, int[] ReadNeeds)
    {
        public bool IsFree => ReadNeeds.Length == 0;
    }

    public sealed record PinRow(string Ap, int Fid, int Tries);

    public sealed record KeyRow(string Ap, int Fid, int[] Needs);

    public static readonly IReadOnlyList<FileRow> Files = Rows("| AP | EF | contents | size | READ needs |")
        .Select(c => new FileRow(c[0], Fid(c[1]), int.Parse(c[3], CultureInfo.InvariantCulture), Needs(c[4]))).ToList();

    public static readonly IReadOnlyList<PinRow> Pins = Rows("| AP | PIN | what | format | tries |")
        .Select(c => new PinRow(c[0], Fid(c[1]), int.Parse(c[4], CultureInfo.InvariantCulture))).ToList();

    public static readonly IReadOnlyList<KeyRow> Keys = Rows("| AP | key | what | used by | needs |")
        .Select(c => new KeyRow(c[0], Fid(c[1]), Needs(c[4]))).ToList();

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

    public static IEnumerable<PinRow> PinsOf(string ap) => Pins.Where(p => p.Ap == ap);

    private static int Fid(string cell) => int.Parse(cell.Trim('`'), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

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
