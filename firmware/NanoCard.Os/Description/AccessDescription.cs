namespace NanoCard.Os.Description
{
    /// <summary>
    /// An access rule as data: always, never, or when any one of the DF's PINs (named by FID) is
    /// verified. The card turns it into a <see cref="Files.AccessRule"/> over the PIN objects; the
    /// tools print it.
    /// </summary>
    public sealed class AccessDescription
    {
        /// <summary>No condition.</summary>
        public static readonly AccessDescription Always = new AccessDescription(null, true);

        /// <summary>Not over the interface at all (personalization writes bypass rules).</summary>
        public static readonly AccessDescription Never = new AccessDescription(null, false);

        private readonly short[] pins;
        private readonly bool always;

        private AccessDescription(short[] pins, bool always)
        {
            this.pins = pins;
            this.always = always;
        }

        /// <summary>Satisfied when any one of the PINs with these FIDs is verified in the session.</summary>
        public static AccessDescription AnyOf(short[] pinFids)
        {
            if (pinFids == null || pinFids.Length == 0)
            {
                throw new System.ArgumentException("at least one PIN");
            }
            return new AccessDescription(pinFids, false);
        }

        /// <summary>True for <see cref="Always"/>.</summary>
        public bool IsAlways { get { return pins == null && always; } }

        /// <summary>True for <see cref="Never"/>.</summary>
        public bool IsNever { get { return pins == null && !always; } }

        /// <summary>How many PINs the rule names (0 for always and never).</summary>
        public int PinCount { get { return pins == null ? 0 : pins.Length; } }

        /// <summary>The FID of the <paramref name="index"/>-th PIN.</summary>
        public short PinAt(int index)
        {
            return pins[index];
        }
    }
}
