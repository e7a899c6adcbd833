namespace NanoCard.Os.Store
{
    /// <summary>What a directory entry holds. An object is found by its id and kind together.</summary>
    public static class ObjectKind
    {
        public const byte TransparentEf = 0x01;
        public const byte RecordEf = 0x02;
        public const byte PinValue = 0x03;
        public const byte Key = 0x04;
        /// <summary>A try counter: the entry's address is its index in the counter snapshot, its size the try limit.</summary>
        public const byte TryCounter = 0x05;
        public const byte AppletData = 0x06;
    }
}
