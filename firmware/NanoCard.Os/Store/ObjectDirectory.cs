using NanoCard.Hal.Storage;

namespace NanoCard.Os.Store
{
    /// <summary>
    /// The object directory: entries in use from index 0 up, then free (erased) ones. Data objects'
    /// entries are in ascending address order (try counters may sit anywhere between them), so the
    /// free space is exactly the gaps between consecutive data objects and after the last one: it is
    /// read off the directory and never kept anywhere else, and no power cut can lose any of it.
    /// Try counters use any free index of the counter snapshot. Entries change only through the
    /// journal; reads see the open transaction's writes, so a deletion staged in a transaction is
    /// already visible to it.
    /// </summary>
    internal sealed class ObjectDirectory
    {
        /// <summary>Small objects start on 16-byte boundaries and never straddle a page, so updating one tears at most one page.</summary>
        private const int SmallAlignment = 16;

        private readonly INvm nvm;
        private readonly StoreLayout layout;
        private readonly Journal journal;
        private readonly byte[] entry;
        /// <summary>One bit per counter snapshot index: set when a counter entry uses it.</summary>
        private readonly byte[] countersInUse;
        private int count;
        private int counters;
        private int dataEnd;
        private int usedBytes;
        private int unusedBytes;
        /// <summary>The largest gap before a data object (the one after the last is computed from <see cref="dataEnd"/>).</summary>
        private int largestInnerGap;
        private int foundAddress;
        private int foundSize;
        private int placedIndex;

        public ObjectDirectory(INvm nvm, StoreLayout layout, Journal journal)
        {
            this.nvm = nvm;
            this.layout = layout;
            this.journal = journal;
            entry = new byte[DirectoryEntry.Length];
            countersInUse = new byte[(layout.CounterCapacity + 7) / 8];
            dataEnd = layout.DataAddress;
        }

        public int Count { get { return count; } }

        public int Counters { get { return counters; } }

        /// <summary>Bytes held by data objects.</summary>
        public int UsedBytes { get { return usedBytes; } }

        /// <summary>Bytes of the data area no object holds: every gap together. <see cref="UsedBytes"/> + this = the data area.</summary>
        public int UnusedBytes { get { return unusedBytes; } }

        /// <summary>The largest gap between objects (or after the last one), in bytes.</summary>
        public int LargestGap { get { return layout.Size - dataEnd > largestInnerGap ? layout.Size - dataEnd : largestInnerGap; } }

        public bool IsFull { get { return count == layout.DirectoryEntries; } }

        /// <summary>Address of the entry found by the last successful <see cref="Find"/>.</summary>
        public int FoundAddress { get { return foundAddress; } }

        public int FoundSize { get { return foundSize; } }

        /// <summary>Index of the entry found by the last successful <see cref="Find"/>.</summary>
        public int FoundIndex { get; private set; }

        /// <summary>Where the entry of the object placed by the last successful <see cref="Place"/> goes.</summary>
        public int PlacedIndex { get { return placedIndex; } }

        public int EntryAddress(int index)
        {
            return layout.DirectoryAddress + index * DirectoryEntry.Length;
        }

        /// <summary>
        /// Reads every entry and recomputes the totals (power-up, and after a transaction that
        /// changed the directory). False when an entry in use is not sound or not in its place: data
        /// objects ascending inside the data area, each counter index used once and inside the
        /// snapshot, and no entry in use after a free one.
        /// </summary>
        public bool Load()
        {
            count = 0;
            counters = 0;
            dataEnd = layout.DataAddress;
            usedBytes = 0;
            unusedBytes = 0;
            largestInnerGap = 0;
            System.Array.Clear(countersInUse, 0, countersInUse.Length);
            bool free = false;
            for (int i = 0; i < layout.DirectoryEntries; i++)
            {
                ReadEntry(i, entry);
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
            unusedBytes += layout.Size - dataEnd;
            return true;
        }

        /// <summary>
        /// Records an entry just committed at index <see cref="Count"/> for an object after the last
        /// one (or a counter): the totals follow without reading the directory again, which keeps
        /// the first power-up's install linear in the number of objects.
        /// </summary>
        public void Appended(byte kind, int address, int size)
        {
            count++;
            if (kind == ObjectKind.TryCounter)
            {
                countersInUse[address / 8] |= (byte)(1 << (address % 8));
                counters++;
                return;
            }
            unusedBytes -= layout.Size - dataEnd;
            Gap(dataEnd, address);
            dataEnd = address + size;
            usedBytes += size;
            unusedBytes += layout.Size - dataEnd;
        }

        /// <summary>True when every counter in use holds a value from 0 to its limit in <paramref name="area"/>'s snapshot.</summary>
        public bool CountersFit(CounterArea area)
        {
            for (int i = 0; i < count; i++)
            {
                ReadEntry(i, entry);
                if (entry[DirectoryEntry.OffsetKind] == ObjectKind.TryCounter
                    && area.Get((int)BigEndian.GetUInt32(entry, DirectoryEntry.OffsetAddress)) > Util.GetUShort(entry, DirectoryEntry.OffsetSize))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Copies entry <paramref name="index"/> to <paramref name="dest"/> (16 bytes, <see cref="DirectoryEntry"/>) as the open transaction sees it.</summary>
        public void ReadEntry(int index, byte[] dest)
        {
            int address = EntryAddress(index);
            nvm.Read(address, dest, 0, DirectoryEntry.Length);
            if (journal.Active)
            {
                journal.Overlay(address, dest, 0, DirectoryEntry.Length);
            }
        }

        /// <summary>Finds the object <paramref name="id"/> of <paramref name="kind"/>; sets <see cref="FoundAddress"/>, <see cref="FoundSize"/> and <see cref="FoundIndex"/>.</summary>
        public bool Find(uint id, byte kind)
        {
            return Find(id, kind, false);
        }

        /// <summary>Finds the first object <paramref name="id"/> of any kind; sets what <see cref="Find"/> sets.</summary>
        public bool FindAnyKind(uint id)
        {
            return Find(id, 0, true);
        }

        /// <summary>The lowest counter snapshot index no counter uses, or -1 when all are taken.</summary>
        public int FreeCounterIndex()
        {
            for (int index = 0; index < layout.CounterCapacity; index++)
            {
                if ((countersInUse[index / 8] & (1 << (index % 8))) == 0)
                {
                    return index;
                }
            }
            return -1;
        }

        /// <summary>Bytes held by data objects whose id's top half (the DF id) is <paramref name="dfId"/>.</summary>
        public int UsedBytesOf(ushort dfId)
        {
            int total = 0;
            for (int i = 0; i < count; i++)
            {
                ReadEntry(i, entry);
                if (entry[DirectoryEntry.OffsetKind] != ObjectKind.TryCounter && (BigEndian.GetUInt32(entry, DirectoryEntry.OffsetId) >> 16) == dfId)
                {
                    total += Util.GetUShort(entry, DirectoryEntry.OffsetSize);
                }
            }
            return total;
        }

        /// <summary>
        /// Where a new object of <paramref name="size"/> bytes goes, or -1 when no gap can take it; sets
        /// <see cref="PlacedIndex"/>. After the last object while there is room there (so a card that
        /// never deleted anything is laid out as it always was, and never-written pages are used
        /// first); otherwise the gap that leaves the least over (best fit: large gaps stay large).
        /// </summary>
        public int Place(int size)
        {
            int address = PlaceIn(dataEnd, layout.Size, size);
            if (address >= 0)
            {
                placedIndex = count;
                return address;
            }
            int best = -1;
            int bestLeft = 0;
            int previousEnd = layout.DataAddress;
            for (int i = 0; i < count; i++)
            {
                ReadEntry(i, entry);
                if (entry[DirectoryEntry.OffsetKind] == ObjectKind.TryCounter)
                {
                    continue;
                }
                int start = (int)BigEndian.GetUInt32(entry, DirectoryEntry.OffsetAddress);
                int candidate = PlaceIn(previousEnd, start, size);
                if (candidate >= 0 && (best < 0 || start - candidate - size < bestLeft))
                {
                    best = candidate;
                    bestLeft = start - candidate - size;
                    placedIndex = i;
                }
                previousEnd = start + Util.GetUShort(entry, DirectoryEntry.OffsetSize);
            }
            return best;
        }

        /// <summary>The index of the data object at <paramref name="address"/>, or -1.</summary>
        public int IndexAt(int address)
        {
            for (int i = 0; i < count; i++)
            {
                ReadEntry(i, entry);
                if (entry[DirectoryEntry.OffsetKind] != ObjectKind.TryCounter && (int)BigEndian.GetUInt32(entry, DirectoryEntry.OffsetAddress) == address)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>
        /// True when the data object at index <paramref name="index"/> (at <paramref name="address"/>)
        /// may have <paramref name="size"/> bytes: nothing lies in the bytes it would take, and it
        /// keeps <see cref="PlaceIn"/>'s rules (a small object inside one page, a larger one from a page boundary).
        /// </summary>
        public bool MayGrow(int index, int address, int size)
        {
            int limit = layout.Size;
            for (int i = index + 1; i < count; i++)
            {
                ReadEntry(i, entry);
                if (entry[DirectoryEntry.OffsetKind] != ObjectKind.TryCounter)
                {
                    limit = (int)BigEndian.GetUInt32(entry, DirectoryEntry.OffsetAddress);
                    break;
                }
            }
            bool placed = size <= layout.PageSize
                ? address / layout.PageSize == (address + size - 1) / layout.PageSize
                : address % layout.PageSize == 0;
            return placed && address + size <= limit;
        }

        private bool Find(uint id, byte kind, bool anyKind)
        {
            for (int i = 0; i < count; i++)
            {
                ReadEntry(i, entry);
                if (BigEndian.GetUInt32(entry, DirectoryEntry.OffsetId) == id && (anyKind || entry[DirectoryEntry.OffsetKind] == kind))
                {
                    foundAddress = (int)BigEndian.GetUInt32(entry, DirectoryEntry.OffsetAddress);
                    foundSize = Util.GetUShort(entry, DirectoryEntry.OffsetSize);
                    FoundIndex = i;
                    return true;
                }
            }
            return false;
        }

        /// <summary>The address a new object of <paramref name="size"/> bytes gets in the gap [start, end), or -1.</summary>
        private int PlaceIn(int start, int end, int size)
        {
            int address = (start + SmallAlignment - 1) / SmallAlignment * SmallAlignment;
            bool small = size <= layout.PageSize;
            if (!small || address / layout.PageSize != (address + size - 1) / layout.PageSize)
            {
                address = layout.RoundUp(start);
            }
            return address + size <= end ? address : -1;
        }

        private bool Admit()
        {
            byte kind = entry[DirectoryEntry.OffsetKind];
            int address = (int)BigEndian.GetUInt32(entry, DirectoryEntry.OffsetAddress);
            int size = Util.GetUShort(entry, DirectoryEntry.OffsetSize);
            if (kind == ObjectKind.TryCounter)
            {
                if (address < 0 || address >= layout.CounterCapacity || size < 1 || size > 15
                    || (countersInUse[address / 8] & (1 << (address % 8))) != 0)
                {
                    return false;
                }
                countersInUse[address / 8] |= (byte)(1 << (address % 8));
                counters++;
                return true;
            }
            if (size < 1 || address < dataEnd || address > layout.Size - size)
            {
                return false;
            }
            Gap(dataEnd, address);
            dataEnd = address + size;
            usedBytes += size;
            return true;
        }

        /// <summary>Counts the gap before a data object.</summary>
        private void Gap(int start, int end)
        {
            int length = end - start;
            unusedBytes += length;
            if (length > largestInnerGap)
            {
                largestInnerGap = length;
            }
        }
    }
}
