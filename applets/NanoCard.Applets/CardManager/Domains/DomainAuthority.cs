using NanoCard.Os.SecureChannel;

namespace NanoCard.Applets.CardManager.Domains
{
    /// <summary>Whether the command at hand carries a domain's authority: it came through that domain's session at a level.</summary>
    public static class DomainAuthority
    {
        /// <summary>
        /// True when the command came through <paramref name="domain"/>'s session with every bit of
        /// <paramref name="level"/>; for the issuer domain the session must also be the issuer's
        /// (<see cref="IssuerDomain.SessionIsIssuers"/>).
        /// </summary>
        public static bool Allows(SecurityDomain domain, byte level)
        {
            IssuerDomain issuer = domain as IssuerDomain;
            return issuer != null ? issuer.SessionIsIssuers(level) : domain.CameThroughSession(level);
        }
    }
}
