namespace NanoCard.Os
{
    /// <summary>
    /// Java Card's ISOException: ends command processing with a status word. There is one
    /// instance, made at start-up, so throwing never allocates on the device.
    /// </summary>
    /// <remarks>
    /// The OS's own paths return status words instead of throwing: exceptions are slow on the
    /// nanoCLR and the desktop CLR allocates a stack trace on every throw, which would break the
    /// no-allocation rule. Applets may still throw from deep inside a helper; the runtime turns
    /// the reason into the response's status word.
    /// </remarks>
    public sealed class IsoException : System.Exception
    {
        private static readonly IsoException Instance = new IsoException();

        private IsoException()
        {
        }

        /// <summary>The status word to answer with.</summary>
        public ushort Reason { get; private set; }

        /// <summary>Abort the current command with <paramref name="sw"/>.</summary>
        public static void Throw(ushort sw)
        {
            Instance.Reason = sw;
            throw Instance;
        }
    }
}
