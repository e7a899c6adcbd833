namespace NanoCard.Os.Store
{
    /// <summary>
    /// Java Card's TransactionException: a store write that cannot be made atomic. The store
    /// reports why, in its own terms; the runtime decides the status word (6A84 for a full journal,
    /// <see cref="Runtime.CardRuntime"/>). One instance, made at start-up, so throwing never allocates.
    /// </summary>
    public sealed class TransactionException : System.Exception
    {
        /// <summary>The journal cannot hold the transaction's writes (Java Card's BUFFER_FULL).</summary>
        public const byte BufferFull = 3;

        private static readonly TransactionException Instance = new TransactionException();

        private TransactionException()
        {
        }

        /// <summary>One of the reason constants above.</summary>
        public byte Reason { get; private set; }

        public static void Throw(byte reason)
        {
            Instance.Reason = reason;
            throw Instance;
        }
    }
}
