namespace NanoCard.Hal.Storage
{
    /// <summary>
    /// The card's non-volatile memory: a fixed-size byte array written in pages, like an EEPROM.
    /// </summary>
    /// <remarks>
    /// The fault model every user must design for (docs/reliability.md): a <see cref="Write"/> touches
    /// the pages it covers one after another, lowest address first. If the power is cut during a
    /// write, the page being written holds the old bytes, the new bytes or any mix of them; pages
    /// written before it hold their new bytes, pages after it and every other page are untouched.
    /// After <see cref="Flush"/> returns, everything written before it survives a power cut.
    /// </remarks>
    public interface INvm
    {
        /// <summary>Bytes of memory; addresses run from 0 to Size - 1.</summary>
        int Size { get; }

        /// <summary>Bytes per page, the unit a power cut can tear.</summary>
        int PageSize { get; }

        /// <summary>Copies <paramref name="length"/> bytes from <paramref name="address"/> into <paramref name="dest"/>.</summary>
        void Read(int address, byte[] dest, int offset, int length);

        /// <summary>Writes <paramref name="length"/> bytes of <paramref name="source"/> at <paramref name="address"/>, page by page.</summary>
        void Write(int address, byte[] source, int offset, int length);

        /// <summary>Durability barrier: returns once every earlier write would survive a power cut.</summary>
        void Flush();
    }
}
