using NanoCard.Hal.Storage;

namespace NanoCard.Os.Store
{
    /// <summary>
    /// The object directory: entries in use from index 0 up, then free (erased) ones. Data objects
    /// lie one after another in the data area in the order they were made, and never move; try
    /// counters are numbered from 0 in the counter snapshot. Entries change only through the journal.
    /// </summary>
    internal sealed class ObjectDirectory
    {
        /// <summary>Small objects start on 16-byte boundaries and never straddle a page, so updating one tears at most one page.</summary>
        private const int SmallAlignment = 16;

        private readonly INvm nvm;
        private readonly StoreLayout layout;
        private readonly byte[] entry;
        private int count;
        private int counters;
        private int dataEnd;
        private int foundAddress;
        private int foundSize;

        public ObjectDirectory(INvm nvm, StoreLayout layout)
        {
            this.nvm = nvm;
            this.layout = layout;
            entry = new byte[DirectoryEntry.Length];
            dataEnd = layout.DataAddress;
        }

        public int Count { get { return count; } }

        public int Counters { get { return counters; } }

        /// <summary>First byte after the last data object.</summary>
        public int DataEnd { get { return dataEnd; } }

        public bool IsFull { get { return count == layout.DirectoryEntries; } }

        /// <summary>Address of the entry found by the last successful <see cref="Find"/>.</summary>
        public int FoundAddress { get { return foundAddress; } }

        public int FoundSize { get { return foundSize; } }

        public int EntryAddress(int index)
        {
            return layout.DirectoryAddress + index * DirectoryEntry.Length;
        }

        /// <summary>
        /// Power-up check: every entry in use is sound and in its place (data objects ascending inside
        /// the data area, counters numbered in order), and no entry in use follows a free one.
        /// </summary>
        public bool Load()
        {
            count = 0;
            counters = 0;
            dataEnd = layout.DataAddress;
            bool free = false;
            for (int i = 0; i < layout.DirectoryEntries; i++)
            {
                nvm.Read(EntryAddress(i), entry, 0, DirectoryEntry.Length);
                if (DirectoryEntry.IsFree(entry, 0))
                {
                    free = true;
                    continue;
                }
                if (free || !DirectoryEntry.IsSound(entry, 0) || !Admit())
                {
                    return false;
                }
                count++;
            }
            return true;
        }

        /// <summary>True when every counter in use holds a value from 0 to its limit in <paramref name="area"/>'s snapshot.</summary>
        public bool CountersFit(CounterArea area)
        {
            for (int i = 0; i < count; i++)
            {
                nvm.Read(EntryAddress(i), entry, 0, DirectoryEntry.Length);
                if (entry[DirectoryEntry.OffsetKind] == ObjectKind.TryCounter
                    && area.Get((int)BigEndian.GetUInt32(entry, DirectoryEntry.OffsetAddress)) > Util.GetUShort(entry, DirectoryEntry.OffsetSize))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Copies entry <paramref name="index"/> (below <see cref="Count"/>) to <paramref name="dest"/> (16 bytes, <see cref="DirectoryEntry"/>).</summary>
        public void ReadEntry(int index, byte[] dest)
        {
            nvm.Read(EntryAddress(index), dest, 0, DirectoryEntry.Length);
        }

        /// <summary>Finds the object <paramref name="id"/> of <paramref name="kind"/>; sets <see cref="FoundAddress"/> and <see cref="FoundSize"/>.</summary>
        public bool Find(uint id, byte kind)
        {
            for (int i = 0; i < count; i++)
            {
                nvm.Read(EntryAddress(i), entry, 0, DirectoryEntry.Length);
                if (BigEndian.GetUInt32(entry, DirectoryEntry.OffsetId) == id && entry[DirectoryEntry.OffsetKind] == kind)
                {
                    foundAddress = (int)BigEndian.GetUInt32(entry, DirectoryEntry.OffsetAddress);
                    foundSize = Util.GetUShort(entry, DirectoryEntry.OffsetSize);
                    return true;
                }
            }
            return false;
        }

        /// <summary>Where a new object of <paramref name="size"/> bytes goes, or -1 when the data area has no room.</summary>
        public int Place(int size)
        {
            int address = (dataEnd + SmallAlignment - 1) / SmallAlignment * SmallAlignment;
            bool small = size <= layout.PageSize;
            if (!small || address / layout.PageSize != (address + size - 1) / layout.PageSize)
            {
                address = layout.RoundUp(dataEnd);
            }
            return address + size <= layout.Size ? address : -1;
        }

        /// <summary>Records that the entry at <see cref="EntryAddress"/>(Count) was committed.</summary>
        public void Added(byte kind, int address, int size)
        {
            count++;
            if (kind == ObjectKind.TryCounter)
            {
                counters++;
            }
            else
            {
                dataEnd = address + size;
            }
        }

        private bool Admit()
        {
            byte kind = entry[DirectoryEntry.OffsetKind];
            int address = (int)BigEndian.GetUInt32(entry, DirectoryEntry.OffsetAddress);
            int size = Util.GetUShort(entry, DirectoryEntry.OffsetSize);
            if (kind == ObjectKind.TryCounter)
            {
                if (address != counters || address >= layout.CounterCapacity || size < 1 || size > 15)
                {
                    return false;
                }
                counters++;
                return true;
            }
            if (size < 1 || address < dataEnd || address > layout.Size - size)
            {
                return false;
            }
            dataEnd = address + size;
            return true;
        }
    }
}
