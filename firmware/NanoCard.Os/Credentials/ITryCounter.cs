namespace NanoCard.Os.Credentials
{
    /// <summary>
    /// A PIN's try counter. <see cref="OwnerPin"/> calls <see cref="Decrement"/> before it compares
    /// (Java Card's OwnerPINxWithPredecrement), so a durable implementation that has returned from
    /// Decrement can never give the try back, whenever the power is cut. The try limit belongs to
    /// the PIN (it is set at personalization), so the counter only holds the tries left.
    /// </summary>
    public interface ITryCounter
    {
        /// <summary>Tries left (0–15: 63Cx has four bits); 0 means blocked.</summary>
        byte TriesRemaining { get; }

        /// <summary>Uses one try; returns only once the new value is durable.</summary>
        void Decrement();

        /// <summary>Sets the tries left (the PIN's limit after a correct value, an unblock or personalization).</summary>
        void Set(byte tries);
    }
}
