namespace NanoCard.Os.Store
{
    /// <summary>
    /// The card life-cycle states kept in the store header, with GlobalPlatform's card life-cycle
    /// coding (GPC 2.3 §11.1.1) so tools that know GP read them right.
    /// </summary>
    public static class LifeCycle
    {
        /// <summary>Formatted: applets may create objects and be personalized.</summary>
        public const byte OpReady = 0x01;
        public const byte Initialized = 0x07;
        /// <summary>Issued: personalization is over.</summary>
        public const byte Secured = 0x0F;
        public const byte CardLocked = 0x7F;
        public const byte Terminated = 0xFF;
    }
}
