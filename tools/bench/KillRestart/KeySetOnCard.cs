using System.Security.Cryptography.X509Certificates;
using NanoCard.Applets.Jpki;
using NanoCard.Issuance;

namespace NanoCard.Bench.KillRestart;

/// <summary>
/// The JPKI AP's authentication certificates as the card shows them (free to read): the RSA and the
/// EC one, which say which key set is in use.
/// </summary>
public sealed class KeySetOnCard(byte[] rsaAuth, byte[] ecAuth)
{
    public static KeySetOnCard Read(CardClient client)
    {
        var reader = new CardPersonalizer(client);
        reader.Select(JpkiAp.Aid);
        return new KeySetOnCard(reader.ReadDer(JpkiAp.AuthCertificate), reader.ReadDer(JpkiAp.EcAuthCertificate));
    }

    /// <summary>True when both certificates are those of <paramref name="set"/>: wholly that set.</summary>
    public bool Is(Dictionary<string, X509Certificate2>? set) => set is not null && Matches(set, IssuedGen2Card.RsaAuth, rsaAuth) && Matches(set, IssuedGen2Card.EcAuth, ecAuth);

    /// <summary>Which set each certificate belongs to, for a failure message.</summary>
    public string Describe(Dictionary<string, X509Certificate2> current, Dictionary<string, X509Certificate2>? pending) =>
        $"RSA authentication: {Owner(current, pending, IssuedGen2Card.RsaAuth, rsaAuth)}, EC authentication: {Owner(current, pending, IssuedGen2Card.EcAuth, ecAuth)}";

    private static string Owner(Dictionary<string, X509Certificate2> current, Dictionary<string, X509Certificate2>? pending, string role, byte[] onCard) =>
        Matches(current, role, onCard) ? "current" : pending is not null && Matches(pending, role, onCard) ? "pending" : "neither";

    private static bool Matches(Dictionary<string, X509Certificate2> set, string role, byte[] onCard) => set[role].RawData.AsSpan().SequenceEqual(onCard);
}
