namespace NanoCard.Os.SecureChannel
{
    /// <summary>
    /// A security domain's secure channel, in the shape of GlobalPlatform's
    /// <c>org.globalplatform.SecureChannel</c> (GlobalPlatform Card Specification v2.3 §H.2),
    /// used by every applet of the domain (<see cref="ISecurityDomain"/>): the runtime hands the
    /// opening commands sent to the selected applet to <see cref="ProcessSecurity"/>, calls
    /// <see cref="Unwrap"/> before the applet's INS table and <see cref="Wrap"/> after it, so no
    /// applet handles a MAC or a cipher itself.
    /// </summary>
    public interface ISecureChannel
    {
        /// <summary>
        /// Processes one command that opens the channel (SCP03: INITIALIZE UPDATE, EXTERNAL
        /// AUTHENTICATE). Reply data goes through the APDU; returns the status word.
        /// </summary>
        ushort ProcessSecurity(Apdu apdu);

        /// <summary>
        /// Before the applet's INS table: checks and removes the command's protection in the APDU
        /// buffer (the class byte then reads without its secure-messaging bit). Returns
        /// <see cref="Sw.NoError"/> to go on, or the status word that answers the command; a
        /// failure closes the channel.
        /// </summary>
        ushort Unwrap(Apdu apdu);

        /// <summary>
        /// After the applet: protects the reply data (<c>Buffer[0..OutgoingLength)</c>) and the
        /// status word <paramref name="sw"/> as the channel's level asks. Returns the status word to send.
        /// </summary>
        ushort Wrap(Apdu apdu, ushort sw);

        /// <summary>The current level (<see cref="SecurityLevel"/> bits); 0 when no channel is open.</summary>
        byte SecurityLevel { get; }

        /// <summary>True while the command being processed came in protected and was unwrapped.</summary>
        bool CommandWasUnwrapped { get; }

        /// <summary>Closes the channel and wipes its session keys.</summary>
        void ResetSecurity();
    }
}
