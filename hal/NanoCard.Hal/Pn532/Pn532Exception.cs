namespace NanoCard.Hal.Pn532
{
    /// <summary>The PN532 did not answer as the protocol says (no ACK, no response, error frame, checksums that stay wrong after retries).</summary>
    public sealed class Pn532Exception : System.Exception
    {
        public Pn532Exception(string message)
            : base(message)
        {
        }
    }
}
