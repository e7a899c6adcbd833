namespace NanoCard.Os.SecureChannel
{
    /// <summary>
    /// A security domain as its applications see it (GlobalPlatform Card Specification v2.3.1 §10:
    /// an application uses its associated domain's secure channel, Java Card's
    /// <c>GPSystem.getSecureChannel()</c>). Every applet is registered with one (or none); the
    /// runtime hands INITIALIZE UPDATE and EXTERNAL AUTHENTICATE sent to the selected applet to the
    /// domain's channel and unwraps and wraps the applet's commands with it.
    /// </summary>
    public interface ISecurityDomain
    {
        /// <summary>The domain's channel, shared by all its applications; a session lives in one selection.</summary>
        ISecureChannel SecureChannel { get; }

        /// <summary>The domain's static key set, which PUT KEY replaces.</summary>
        Scp03KeySet KeySet { get; }

        /// <summary>False while the domain takes no new session (a terminated card, a locked domain): 6985.</summary>
        bool AcceptsSessions { get; }
    }
}
