namespace NanoCard.Hal
{
    /// <summary>
    /// A command buffer and a response buffer for the board's card links. The board serves its links
    /// turn by turn (the cable, then a reader: firmware/NanoCard.Device/Program.cs) and neither link
    /// keeps anything in them between its turns, so one pair serves both: half the buffers of a link
    /// each (docs/performance.md, "Managed heap"). Each link still holds to its own length limits.
    /// </summary>
    public sealed class LinkBuffers
    {
        public LinkBuffers(int commandLength, int responseLength)
        {
            Command = new byte[commandLength];
            Response = new byte[responseLength];
        }

        public byte[] Command { get; }

        public byte[] Response { get; }
    }
}
