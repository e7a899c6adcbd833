namespace NanoCard.Os.Store
{
    /// <summary>
    /// Where each region of the EEPROM image lies, computed from a few parameters (docs/eeprom-layout.md
    /// has the table for the defaults; a test checks it against this class). Regions are whole pages,
    /// so a torn page write can only ever damage the region being written.
    /// </summary>
    public sealed class StoreLayout
    {
        public const int DefaultSize = 128 * 1024;
        public const int DefaultPageSize = 64;
        public const int DefaultDirectoryEntries = 128;
        public const int DefaultJournalSize = 3 * 1024;
        public const int DefaultCounterSlots = 16;
        public const int DefaultCounterCapacity = 32;

        /// <summary>Two commit slots, written alternately: a torn commit record leaves the other one standing.</summary>
        public const int CommitSlots = 2;
        /// <summary>The wear rule: counter writes rotate over at least this many slots (each takes at most 1/8).</summary>
        public const int MinCounterSlots = 8;
        /// <summary>Smallest page: the header and a commit record must each fit in one.</summary>
        public const int MinPageSize = 32;

        public StoreLayout(int size, int pageSize, int directoryEntries, int journalSize, int counterSlots, int counterCapacity)
        {
            if (pageSize < MinPageSize || pageSize > 4096)
            {
                throw new System.ArgumentOutOfRangeException("pageSize");
            }
            if (size <= 0 || size % pageSize != 0)
            {
                throw new System.ArgumentOutOfRangeException("size");
            }
            if (directoryEntries < 1 || directoryEntries > 0xFFFF)
            {
                throw new System.ArgumentOutOfRangeException("directoryEntries");
            }
            if (journalSize < pageSize || journalSize > 0x7FFF)
            {
                // Journal positions stay in a short, as the APDU buffer's offsets.
                throw new System.ArgumentOutOfRangeException("journalSize");
            }
            if (counterSlots < MinCounterSlots || counterSlots > 0xFFFF)
            {
                throw new System.ArgumentOutOfRangeException("counterSlots");
            }
            if (counterCapacity < 1 || counterCapacity > 0xFFFF)
            {
                throw new System.ArgumentOutOfRangeException("counterCapacity");
            }
            Size = size;
            PageSize = pageSize;
            DirectoryEntries = directoryEntries;
            JournalSize = RoundUp(journalSize);
            CounterSlots = counterSlots;
            CounterCapacity = counterCapacity;
            CounterSlotSize = RoundUp(CounterSnapshot.HeaderLength + counterCapacity + 4);

            HeaderAddress = 0;
            CommitAddress = HeaderAddress + pageSize;
            CounterAddress = CommitAddress + CommitSlots * pageSize;
            DirectoryAddress = CounterAddress + counterSlots * CounterSlotSize;
            JournalAddress = DirectoryAddress + RoundUp(directoryEntries * DirectoryEntry.Length);
            DataAddress = JournalAddress + JournalSize;
            if (DataAddress + pageSize > size)
            {
                throw new System.ArgumentOutOfRangeException("size", "no room left for data");
            }
        }

        /// <summary>128 KiB in 64-byte pages: the default image.</summary>
        public static StoreLayout Default()
        {
            return WithSize(DefaultSize, DefaultPageSize);
        }

        /// <summary>The default region sizes on a memory of another size or page size.</summary>
        public static StoreLayout WithSize(int size, int pageSize)
        {
            return new StoreLayout(size, pageSize, DefaultDirectoryEntries, DefaultJournalSize, DefaultCounterSlots, DefaultCounterCapacity);
        }

        public int Size { get; }
        public int PageSize { get; }
        public int DirectoryEntries { get; }
        public int JournalSize { get; }
        public int CounterSlots { get; }
        /// <summary>How many try counters one snapshot holds.</summary>
        public int CounterCapacity { get; }
        /// <summary>Bytes per counter snapshot slot (whole pages).</summary>
        public int CounterSlotSize { get; }

        public int HeaderAddress { get; }
        public int CommitAddress { get; }
        public int CounterAddress { get; }
        public int DirectoryAddress { get; }
        public int JournalAddress { get; }
        public int DataAddress { get; }

        public int DirectorySize { get { return JournalAddress - DirectoryAddress; } }
        public int DataSize { get { return Size - DataAddress; } }

        /// <summary>Address of commit slot <paramref name="slot"/> (0 or 1).</summary>
        public int CommitSlotAddress(int slot)
        {
            return CommitAddress + slot * PageSize;
        }

        /// <summary>Address of counter snapshot slot <paramref name="slot"/>.</summary>
        public int CounterSlotAddress(int slot)
        {
            return CounterAddress + slot * CounterSlotSize;
        }

        /// <summary>True when a journaled write may target <c>[address, address+length)</c>: the header, the directory or the data area.</summary>
        public bool IsJournaled(int address, int length)
        {
            if (length < 0 || address < 0)
            {
                return false;
            }
            int end = address + length;
            bool header = address >= HeaderAddress && end <= HeaderAddress + PageSize;
            bool directory = address >= DirectoryAddress && end <= JournalAddress;
            bool data = address >= DataAddress && end <= Size;
            return header || directory || data;
        }

        /// <summary><paramref name="value"/> rounded up to a whole number of pages.</summary>
        public int RoundUp(int value)
        {
            return (value + PageSize - 1) / PageSize * PageSize;
        }
    }
}
