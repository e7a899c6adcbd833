using System.Security.Cryptography;
using NanoCard.Issuance;
using NanoCard.Issuance.Content;

namespace NanoCard.Flasher.Cards;

/// <summary>
/// Who a <c>flasher domain</c> or <c>flasher ap</c> command acts as (docs/apdu-spec.md §11.2): a
/// supplementary domain (<c>--domain AID --domain-keys FILE</c>), or the issuer — the card
/// manager with the key set of the card's CA folder (<c>--ca</c>, as <c>flasher issue</c> left
/// it) or the test set. Opening the session turns a wrong key into one line (exit 2).
/// </summary>
public static class ContentAuthority
{
    public static DomainSession Open(CardClient client, string target, string? caDirectory, string? domainAid, string? domainKeys)
    {
        var channel = new ResponseFollowingChannel(client);
        try
        {
            if (domainAid is null != (domainKeys is null))
            {
                throw new UserError("--domain and --domain-keys go together: a domain's AID and its key file");
            }
            if (domainAid is not null)
            {
                Scp03Keys keys = Scp03KeyFile.Load(domainKeys!);
                return DomainSession.Open(channel, Hex(domainAid, "--domain"), keys);
            }
            Scp03Keys issuer = caDirectory is not null ? IssuerKeySet.Of(client, caDirectory) : Scp03KeyVersion.Choose(client, Scp03Keys.Test);
            return DomainSession.OpenIssuer(channel, issuer);
        }
        catch (ContentException e)
        {
            throw new UserError($"{target}: {e.Message}");
        }
        catch (CardException e) when (e.Sw == 0x6A88)
        {
            throw new UserError($"{target}: wrong key set for the domain: the card holds another key version ({e.Message})");
        }
        catch (Exception e) when (e is CardException or CryptographicException or InvalidOperationException or InvalidDataException or IOException)
        {
            throw new UserError($"{target}: no session with the domain: {e.Message}");
        }
    }

    /// <summary>Runs a content command; a refusal the user can fix is one line (the card changed nothing).</summary>
    public static T Run<T>(string target, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (ContentException e)
        {
            throw new UserError($"{target}: {e.Message}; nothing on the card changed");
        }
        catch (InvalidDataException e)
        {
            throw new UserError($"{e.Message}; nothing on the card changed");
        }
    }

    public static byte[] Hex(string text, string what)
    {
        try
        {
            byte[] bytes = Convert.FromHexString(text);
            return bytes.Length is >= 5 and <= 16 ? bytes : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new UserError($"{what} '{text}' is not an AID (5 to 16 bytes in hex)");
        }
    }

    /// <summary>A GET STATUS entry as one line.</summary>
    public static string Describe(ContentStatus s)
    {
        string kind = s.IsDomain ? "domain" : "AP";
        string state = s.IsLocked ? "locked" : s.IsDomain ? "personalized" : "selectable";
        string owner = s.Owner is null ? "" : $", owner {Convert.ToHexString(s.Owner)}";
        string quota = s.Quota is int q ? $", quota {q} bytes{(s.ReservedLeft is null ? "" : " reserved")}, {s.QuotaLeft} left" : "";
        return $"{kind} {Convert.ToHexString(s.Aid)}: {state} (life cycle {s.LifeCycle:X2}){owner}, {s.BytesUsed} bytes used{quota}";
    }
}
