namespace NanoCard.Applets.Shared
{
    /// <summary>
    /// Which card the APs make: today's (gen1, docs/apdu-spec.md §8–§12) or the next-generation
    /// one (gen2, §13). Each AP's description and command table depend on it; the card keeps it
    /// in its EEPROM (<see cref="MynaCard.ProfileOf"/>).
    /// </summary>
    public static class CardProfile
    {
        public const byte Gen1 = 1;
        public const byte Gen2 = 2;
    }
}
