using System.Collections.Concurrent;
using NanoCard.Applets;
using NanoCard.Flasher.Trace;
using NanoCard.Issuance;
using NanoCard.Os.Description;

namespace NanoCard.Flasher.Lab;

/// <summary>
/// Names of APs and of their files and PINs, asked of the trace's own explainer (a SELECT it
/// explains), so that the lab view's state panel and its stream always use the same words; and
/// the Japanese names the AP descriptions give, for the page's Japanese labels.
/// </summary>
public static class CardNames
{
    private static readonly ResponseApdu Ok = new([], 0x9000);
    private static readonly ConcurrentDictionary<string, string> Known = new();

    /// <summary>
    /// Each AP's names as the stream, the state and the map show them (the explainer's, then the
    /// description's English name) with the Japanese name to show instead; longest first, so
    /// that the page replaces "JPKI AP (公的個人認証AP)" before "JPKI AP".
    /// </summary>
    public static IReadOnlyList<object> Japanese { get; } = [.. MynaCard.Describe(MynaCard.Gen2)
        .SelectMany(d => (IEnumerable<(string Shown, string Japanese)>)(d.Aid is null
            ? [(d.Name, d.JapaneseName)]
            : [(Ap(d.Aid), d.JapaneseName), (d.Name, d.JapaneseName)]))
        .DistinctBy(n => n.Shown)
        .OrderByDescending(n => n.Shown.Length)
        .Select(n => (object)new { shown = n.Shown, ja = n.Japanese })];

    public static string Ap(byte[] aid)
        => Known.GetOrAdd(Convert.ToHexString(aid), _ => new ApduExplainer().Explain(SelectAid(aid), Ok).Detail);

    /// <summary>"0018 (user-authentication PIN)": the FID and, when the explainer knows it, its name.</summary>
    public static string Entry(byte[] aid, short fid) => Known.GetOrAdd($"{Convert.ToHexString(aid)}/{fid:X4}", _ =>
    {
        var explainer = new ApduExplainer();
        explainer.Explain(SelectAid(aid), Ok);
        return explainer.Explain([0x00, 0xA4, 0x02, 0x0C, 0x02, (byte)(fid >> 8), (byte)fid], Ok).Detail;
    });

    private static byte[] SelectAid(byte[] aid) => [0x00, 0xA4, 0x04, 0x0C, (byte)aid.Length, .. aid];
}
