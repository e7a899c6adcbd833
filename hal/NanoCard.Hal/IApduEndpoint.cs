namespace NanoCard.Hal
{
    /// <summary>
    /// What a transport hands whole APDUs to: the card OS's runtime (<c>CardRuntime</c> implements it).
    /// Transports live in the HAL and the OS above it, so they meet here.
    /// </summary>
    public interface IApduEndpoint
    {
        /// <summary>Processes <c>command[0..length)</c>; writes data and status word to <paramref name="response"/>; returns its length. Never throws.</summary>
        int Transmit(byte[] command, int length, byte[] response);

        /// <summary>Power-on or warm reset of the card (a reader's field came up, or the link was reset).</summary>
        void Reset();
    }
}
