using NanoCard.Os.SecureChannel;

namespace NanoCard.Os.Runtime
{
    /// <summary>
    /// The two commands that open a session, whichever applet of a domain is selected: INITIALIZE
    /// UPDATE (<c>80 50</c>) and EXTERNAL AUTHENTICATE (<c>84 82</c>, before the session is open —
    /// inside an open session the channel has unwrapped it to <c>80 82</c>, which no applet answers).
    /// They go to the domain's channel, as a GlobalPlatform applet hands them to
    /// <c>SecureChannel.processSecurity</c>, so no applet's INS table lists them.
    /// </summary>
    internal static class SessionCommands
    {
        private const byte ClassProprietary = 0x80;
        private const byte ClassSecured = 0x84;

        public static bool Opens(Apdu apdu)
        {
            return (apdu.Cla == ClassProprietary && apdu.Ins == Scp03Channel.InsInitializeUpdate)
                || (apdu.Cla == ClassSecured && apdu.Ins == Scp03Channel.InsExternalAuthenticate);
        }

        /// <summary>The domain's channel processes it; a domain that takes no session (terminated card, locked domain) answers 6985.</summary>
        public static ushort Open(ISecurityDomain domain, Apdu apdu)
        {
            if (!domain.AcceptsSessions)
            {
                domain.SecureChannel.ResetSecurity();
                return Sw.ConditionsNotSatisfied;
            }
            return domain.SecureChannel.ProcessSecurity(apdu);
        }
    }
}
