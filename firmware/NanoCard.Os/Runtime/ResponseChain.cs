namespace NanoCard.Os.Runtime
{
    /// <summary>
    /// Delivers a reply that is longer than Ne or than one transport frame: the first part with
    /// 61xx, the rest on GET RESPONSE (ISO/IEC 7816-4:2020 §5.3.4 and §11.7.1). The data stays in
    /// the APDU buffer until it is fetched or another command replaces it; the applet's own
    /// status word comes with the last part.
    /// </summary>
    internal sealed class ResponseChain
    {
        private readonly byte[] buffer;
        private readonly int maxFrame;
        private int position;
        private int remaining;
        private ushort finalSw;

        public ResponseChain(byte[] buffer, int maxFrame)
        {
            this.buffer = buffer;
            this.maxFrame = maxFrame;
        }

        /// <summary>True while reply data waits for GET RESPONSE.</summary>
        public bool HasData { get { return remaining > 0; } }

        public void Clear()
        {
            position = 0;
            remaining = 0;
        }

        /// <summary>Takes the reply <c>buffer[0..length)</c> with status word <paramref name="sw"/>.</summary>
        public void Start(int length, ushort sw)
        {
            position = 0;
            remaining = length;
            finalSw = sw;
        }

        /// <summary>
        /// Writes the next part (at most <paramref name="ne"/> bytes, one frame, and what fits in
        /// <paramref name="response"/>) followed by its status word; returns the frame length.
        /// </summary>
        public int NextFrame(int ne, byte[] response)
        {
            int n = remaining;
            if (n > ne)
            {
                n = ne;
            }
            if (n > maxFrame)
            {
                n = maxFrame;
            }
            if (n > response.Length - 2)
            {
                n = response.Length - 2;
            }
            System.Array.Copy(buffer, position, response, 0, n);
            position += n;
            remaining -= n;
            ushort sw = remaining > 0 ? Sw.MoreData(remaining) : finalSw;
            if (remaining == 0)
            {
                Clear();
            }
            response[n] = (byte)(sw >> 8);
            response[n + 1] = (byte)sw;
            return n + 2;
        }
    }
}
