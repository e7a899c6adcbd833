using System.Collections.Concurrent;
using NanoCard.Flasher.Trace;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Lab;

/// <summary>
/// Names of APs and of their files and PINs, asked of the trace's own explainer (a SELECT it
/// explains), so that the lab view's state panel and its stream always use the same words.
/// </summary>
public static class CardNames
{
    private static readonly ResponseApdu Ok = new([], 0x9000);
    private static readonly ConcurrentDictionary<string, string> Known = new();

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
