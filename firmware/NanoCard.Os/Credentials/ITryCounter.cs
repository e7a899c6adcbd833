namespace NanoCard.Os.Credentials
{
    /// <summary>
    /// A PIN's try counter. <see cref="OwnerPin"/> calls <see cref="Decrement"/> before it compares
    /// (Java Card's OwnerPINxWithPredecrement), so a durable implementation that has returned from
    /// Decrement can never give the try back, whenever the power is cut.
    /// </summary>
    public interface ITryCounter
    {
        /// <summary>Tries allowed after a correct value (1–15: 63Cx has four bits).</summary>
        byte TryLimit { get; }

        /// <summary>Tries left; 0 means blocked.</summary>
        byte TriesRemaining { get; }

        /// <summary>Uses one try; returns only once the new value is durable.</summary>
        void Decrement();

        /// <summary>Back to <see cref="TryLimit"/> (after a correct value or an unblock).</summary>
        void Reset();
    }
}
