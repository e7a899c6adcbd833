using System.Security.Cryptography.X509Certificates;

namespace NanoCard.Issuance.Revocation;

/// <summary>
/// Why a certificate was revoked, as an operator says it (<c>flasher revoke --reason</c>). All but
/// <see cref="Death"/> are RFC 5280 §5.3.1 reason codes with their <see cref="X509RevocationReason"/>
/// values. JPKI revokes with affiliationChanged both when a holder moves abroad and when they die;
/// <see cref="Death"/> tells the second apart without leaving RFC 5280: it is written as
/// affiliationChanged plus a private, non-critical sub-reason (<see cref="SubReasonExtension"/>).
/// </summary>
public enum RevocationReason
{
    Unspecified = (int)X509RevocationReason.Unspecified,
    KeyCompromise = (int)X509RevocationReason.KeyCompromise,
    CaCompromise = (int)X509RevocationReason.CACompromise,
    AffiliationChanged = (int)X509RevocationReason.AffiliationChanged,
    Superseded = (int)X509RevocationReason.Superseded,
    CessationOfOperation = (int)X509RevocationReason.CessationOfOperation,
    CertificateHold = (int)X509RevocationReason.CertificateHold,
    /// <summary>Not a CRL reason code (hence a value no code has): affiliationChanged with sub-reason death.</summary>
    Death = 0x100,
}

/// <summary>The names operators type and files store, and the mapping to and from a CRL entry.</summary>
public static class RevocationReasons
{
    /// <summary>Every reason, in the order of <see cref="RevocationReason"/>.</summary>
    public static IReadOnlyList<RevocationReason> All { get; } = Enum.GetValues<RevocationReason>();

    /// <summary>The RFC 5280 spelling with a lower-case first letter: <c>affiliationChanged</c>, <c>death</c>.</summary>
    public static string Name(RevocationReason reason)
    {
        string name = reason.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>The reason named <paramref name="name"/> in any case; null for anything else (numbers too).</summary>
    public static RevocationReason? Parse(string name)
    {
        foreach (RevocationReason reason in All)
        {
            if (string.Equals(Name(reason), name, StringComparison.OrdinalIgnoreCase))
            {
                return reason;
            }
        }
        return null;
    }

    /// <summary>The reasonCode an RFC 5280 client sees.</summary>
    public static X509RevocationReason CrlReason(RevocationReason reason)
        => reason == RevocationReason.Death ? X509RevocationReason.AffiliationChanged : (X509RevocationReason)reason;

    /// <summary>
    /// The reason a CRL entry carries. A sub-reason refines only affiliationChanged, and only death
    /// has a reason of its own: emigration and unspecified stay affiliationChanged. Codes NanoCard
    /// never issues (removeFromCRL and later) are a <see cref="RevocationException"/>.
    /// </summary>
    public static RevocationReason FromCrl(int reasonCode, RevocationSubReason? subReason)
    {
        if (reasonCode == (int)X509RevocationReason.AffiliationChanged && subReason == RevocationSubReason.Death)
        {
            return RevocationReason.Death;
        }
        if (reasonCode is < 0 or > (int)X509RevocationReason.CertificateHold)
        {
            throw new RevocationException($"CRL reason code {reasonCode} is not one NanoCard issues");
        }
        return (RevocationReason)reasonCode;
    }
}
