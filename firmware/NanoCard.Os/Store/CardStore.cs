using NanoCard.Hal.Storage;
using NanoCard.Os.Secrets;

namespace NanoCard.Os.Store
{
    /// <summary>
    /// The card's persistent memory: a fixed EEPROM image (docs/eeprom-layout.md) with an object
    /// directory, Java Card style transactions over a redo journal, and wear-spread try counters.
    /// Constructing it is the power-up: it formats a blank memory, finishes or drops an interrupted
    /// transaction and checks every record before the card answers its first APDU.
    /// </summary>
    public sealed class CardStore
    {
        private readonly INvm nvm;
        private readonly StoreLayout layout;
        private readonly Journal journal;
        private readonly CounterArea counters;
        private readonly ObjectDirectory directory;
        private readonly byte[] page;
        /// <summary>A page of scratch: the pattern <see cref="Fill"/> writes, or a directory entry being made or moved.</summary>
        private readonly byte[] scratch;
        private byte health;
        private byte lifeCycle;
        /// <summary>The open transaction changed the directory: its totals are recomputed when it ends.</summary>
        private bool directoryChanged;

        /// <summary>A store without secrets (layout and journal tests): it refuses PINs and keys.</summary>
        public CardStore(INvm nvm, StoreLayout layout)
            : this(nvm, layout, null)
        {
        }

        /// <param name="secrets">How the card's PINs and keys are kept at rest (the platform's device key, if any).</param>
        public CardStore(INvm nvm, StoreLayout layout, SecretSeal secrets)
        {
            if (nvm.Size != layout.Size || nvm.PageSize != layout.PageSize)
            {
                throw new System.ArgumentException("the layout does not match the memory");
            }
            this.nvm = nvm;
            this.layout = layout;
            Secrets = secrets;
            page = new byte[layout.PageSize];
            scratch = new byte[layout.PageSize];
            journal = new Journal(nvm, layout);
            counters = new CounterArea(nvm, layout);
            directory = new ObjectDirectory(nvm, layout, journal);
            PowerUp();
        }

        public StoreLayout Layout { get { return layout; } }

        /// <summary>Seals the PINs and keys kept here; null for a store made without one.</summary>
        public SecretSeal Secrets { get; }

        /// <summary>A <see cref="StoreHealth"/> code: what the power-up checks found.</summary>
        public byte Health { get { return health; } }

        public bool IsHealthy { get { return health == StoreHealth.Ok; } }

        /// <summary>The card life-cycle state (<see cref="Store.LifeCycle"/>) from the header.</summary>
        public byte LifeCycle { get { return lifeCycle; } }

        /// <summary>Java Card's getTransactionDepth, as a flag: transactions do not nest.</summary>
        public bool InTransaction { get { return journal.Active; } }

        public uint CommitSequence { get { return journal.Sequence; } }

        public uint CounterSequence { get { return counters.Sequence; } }

        public int ObjectCount { get { return directory.Count; } }

        /// <summary>
        /// The largest free extent of the data area, in bytes: what a new object can get now, less
        /// its alignment (a small object starts on a 16-byte boundary, a larger one on a page). On a
        /// card that never deleted anything it is the space after the last object.
        /// </summary>
        public int FreeBytes { get { return directory.LargestGap; } }

        /// <summary>Bytes of the data area no object holds, all free extents together: <see cref="UsedBytes"/> + this = <see cref="StoreLayout.DataSize"/>.</summary>
        public int UnusedBytes { get { return directory.UnusedBytes; } }

        /// <summary>Bytes held by data objects (try counters hold none: they live in the counter area).</summary>
        public int UsedBytes { get { return directory.UsedBytes; } }

        /// <summary>Directory entries left for new objects.</summary>
        public int FreeEntries { get { return layout.DirectoryEntries - directory.Count; } }

        /// <summary>Try counters left for new PINs.</summary>
        public int FreeCounters { get { return layout.CounterCapacity - directory.Counters; } }

        /// <summary>
        /// Bytes held by the data objects of DF <paramref name="dfId"/>: those whose id's top half is
        /// <paramref name="dfId"/> (<c>DedicatedFile.ObjectIdOf</c>). A gen2 key set 1 object is named
        /// with the DF id's top bit set and counts under that id. One pass over the directory.
        /// </summary>
        public int UsedBytesOf(ushort dfId)
        {
            RequireHealthy();
            return directory.UsedBytesOf(dfId);
        }

        /// <summary>
        /// Directory entry <paramref name="index"/> (0 to <see cref="ObjectCount"/> − 1) into
        /// <paramref name="dest"/>, 16 bytes laid out as <see cref="DirectoryEntry"/>: for maps and tools.
        /// </summary>
        public void ReadDirectoryEntry(int index, byte[] dest)
        {
            if (index < 0 || index >= directory.Count || dest.Length < DirectoryEntry.Length)
            {
                throw new System.ArgumentOutOfRangeException("index");
            }
            directory.ReadEntry(index, dest);
        }

        /// <summary>
        /// Opens a transaction (Java Card: JCSystem.beginTransaction). Until <see cref="CommitTransaction"/>,
        /// writes are staged: reads see them, the memory does not. A second Begin is a programming error.
        /// </summary>
        public void BeginTransaction()
        {
            RequireHealthy();
            journal.Begin();
        }

        /// <summary>Makes every staged write durable, all together (JCSystem.commitTransaction).</summary>
        public void CommitTransaction()
        {
            journal.Commit();
            ReloadDirectoryIfChanged();
        }

        /// <summary>Forgets every staged write (JCSystem.abortTransaction).</summary>
        public void AbortTransaction()
        {
            journal.Abort();
            ReloadDirectoryIfChanged();
        }

        /// <summary>Reads persistent bytes as the running code sees them (with the open transaction's writes).</summary>
        public void Read(int address, byte[] dest, short offset, short length)
        {
            RequireHealthy();
            nvm.Read(address, dest, offset, length);
            if (journal.Active)
            {
                journal.Overlay(address, dest, offset, length);
            }
        }

        /// <summary>One persistent byte as the running code sees it.</summary>
        public byte ReadByte(int address)
        {
            Read(address, page, 0, 1);
            byte value = page[0];
            page[0] = 0;
            return value;
        }

        /// <summary>
        /// Writes persistent bytes atomically: inside a transaction the write joins it, outside it
        /// is a transaction of its own (as Java Card's Util.arrayCopy). When the journal cannot
        /// hold it, the transaction is aborted and a <see cref="TransactionException"/> thrown: nothing changes.
        /// </summary>
        public void Write(int address, byte[] source, short offset, short length)
        {
            RequireHealthy();
            if (!layout.IsJournaled(address, length))
            {
                throw new System.ArgumentOutOfRangeException("address");
            }
            bool own = !journal.Active;
            if (own)
            {
                journal.Begin();
            }
            if (!journal.Fits(address, length))
            {
                AbortTransaction();
                TransactionException.Throw(TransactionException.BufferFull);
            }
            journal.Stage(address, source, offset, length);
            if (own)
            {
                CommitTransaction();
            }
        }

        /// <summary>
        /// Sets <paramref name="length"/> bytes at <paramref name="address"/> to <paramref name="value"/>,
        /// one page-sized write at a time (factory erase). Each write is atomic on its own or joins the
        /// open transaction; a caller that is not in one must be able to redo the whole fill.
        /// </summary>
        public void Fill(int address, int length, byte value)
        {
            for (int i = 0; i < scratch.Length; i++)
            {
                scratch[i] = value;
            }
            for (int done = 0; done < length; done += scratch.Length)
            {
                int chunk = length - done < scratch.Length ? length - done : scratch.Length;
                Write(address + done, scratch, 0, (short)chunk);
            }
        }

        /// <summary>
        /// The data object <paramref name="id"/> of <paramref name="kind"/>: found in the directory
        /// on every power-up after the first, made (filled with <paramref name="filler"/>) on the
        /// first. Called at install time, outside transactions; a size different from the stored
        /// one, a full directory or a full data area are programming errors.
        /// </summary>
        public PersistentBytes Allocate(uint id, byte kind, short size, byte filler)
        {
            RequireInstallable();
            if (kind == ObjectKind.TryCounter || size < 1)
            {
                throw new System.ArgumentOutOfRangeException("size");
            }
            if (directory.Find(id, kind))
            {
                RequireSize(directory.FoundSize, size);
                return new PersistentBytes(this, directory.FoundAddress, size);
            }
            int address = directory.Place(size);
            if (address < 0 || directory.IsFull)
            {
                throw new System.InvalidOperationException("store full");
            }
            AddObject(id, kind, size, address, directory.PlacedIndex, filler);
            return new PersistentBytes(this, address, size);
        }

        /// <summary>
        /// <see cref="Allocate"/> for an object whose size personalization may have changed
        /// (<see cref="Resize"/>): found with 1 to <paramref name="size"/> bytes, it comes back at the
        /// size the directory gives; otherwise it is made with <paramref name="size"/> bytes.
        /// </summary>
        public PersistentBytes AllocateUpTo(uint id, byte kind, short size, byte filler)
        {
            RequireInstallable();
            if (directory.Find(id, kind) && directory.FoundSize <= size)
            {
                return new PersistentBytes(this, directory.FoundAddress, (short)directory.FoundSize);
            }
            return Allocate(id, kind, size, filler);
        }

        /// <summary>
        /// Gives the data object at <paramref name="address"/>, now <paramref name="old"/> bytes long,
        /// <paramref name="size"/> bytes in place
        /// (RESIZE at personalization, docs/eeprom-layout.md "Sizes set at personalization").
        /// Shrinking frees its tail, a gap the next object may take; growing takes the free bytes
        /// right after it, filled with <paramref name="filler"/>, and is refused (false, nothing
        /// written) when another object lies there or the object would break the placement rules
        /// (a small object inside one page, a larger one from a page boundary). The whole pages it
        /// grows into are free space nothing names, so they are filled directly; the rest and the
        /// new directory entry are one transaction, whose commit is the change. Outside transactions.
        /// The caller keeps the new size (<see cref="PersistentBytes.Resize"/>, <see cref="Files.TransparentEf.Resize"/>).
        /// </summary>
        internal bool Resize(int address, short old, short size, byte filler)
        {
            RequireInstallable();
            int index = directory.IndexAt(address);
            if (index < 0 || size < 1)
            {
                throw new System.ArgumentOutOfRangeException("address");
            }
            directory.ReadEntry(index, scratch);
            uint id = BigEndian.GetUInt32(scratch, DirectoryEntry.OffsetId);
            byte kind = scratch[DirectoryEntry.OffsetKind];
            if (size == old)
            {
                return true;
            }
            if (size > old && !directory.MayGrow(index, address, size))
            {
                return false;
            }
            int end = address + size;
            if (size > old)
            {
                BeginFilled(address + old, end, end / layout.PageSize * layout.PageSize, filler);
            }
            else
            {
                journal.Begin();
            }
            DirectoryEntry.Encode(id, kind, size, address, scratch, 0);
            Write(directory.EntryAddress(index), scratch, 0, DirectoryEntry.Length);
            directoryChanged = true;
            CommitTransaction();
            return true;
        }

        /// <summary>True when the data object <paramref name="id"/> of <paramref name="kind"/> exists (made by an earlier power-up).</summary>
        public bool Contains(uint id, byte kind)
        {
            RequireHealthy();
            return directory.Find(id, kind);
        }

        /// <summary>The try counter <paramref name="id"/>, made full (<paramref name="limit"/> tries, 1–15) on the first power-up.</summary>
        public PersistentTryCounter AllocateCounter(uint id, byte limit)
        {
            RequireInstallable();
            if (limit < 1 || limit > 15)
            {
                throw new System.ArgumentOutOfRangeException("limit");
            }
            if (directory.Find(id, ObjectKind.TryCounter))
            {
                RequireSize(directory.FoundSize, limit);
                return new PersistentTryCounter(counters, directory.FoundAddress, limit);
            }
            int index = directory.FreeCounterIndex();
            if (index < 0 || directory.IsFull)
            {
                throw new System.InvalidOperationException("counter area full");
            }
            // A freed index may still hold its old counter's value: the new one is set before its entry names it.
            counters.Set(index, limit);
            journal.Begin();
            InsertEntry(directory.Count, id, ObjectKind.TryCounter, limit, index);
            CommitTransaction();
            directory.Appended(ObjectKind.TryCounter, index, limit);
            return new PersistentTryCounter(counters, index, limit);
        }

        /// <summary>
        /// Deletes every object named <paramref name="id"/> (of any kind: a PIN's value and its try
        /// counter share the id), so its bytes, its directory entry and its counter index can be
        /// used again. Only directory entries are rewritten: the later entries move down, each
        /// directory page at most once, at most the whole directory region (32 pages by default)
        /// however big the objects are, so deleting all of an AP's objects fits one transaction.
        /// Inside an open transaction the deletion joins it (it happens at the commit, or not at
        /// all); outside, it is a transaction of its own. Returns false when no object has that id.
        /// Every handle to a deleted object (<see cref="PersistentBytes"/>,
        /// <see cref="PersistentTryCounter"/>) is dead from then on: its bytes belong to the next
        /// object placed there.
        /// </summary>
        public bool Delete(uint id)
        {
            return Remove(id, 0xFFFFFFFF) > 0;
        }

        /// <summary>
        /// Deletes every object of DF <paramref name="dfId"/> (whose id's top half is
        /// <paramref name="dfId"/>, <c>DedicatedFile.ObjectIdOf</c>) in one pass over the directory,
        /// as <see cref="Delete"/> does one id; returns how many objects went.
        /// </summary>
        public int DeleteDf(ushort dfId)
        {
            return Remove((uint)dfId << 16, 0xFFFF0000);
        }

        /// <summary>Moves the card to another life-cycle state (the header is rewritten through the journal).</summary>
        public void SetLifeCycle(byte state)
        {
            StoreHeader.Encode(layout, state, page, 0);
            Write(layout.HeaderAddress, page, 0, StoreHeader.Length);
            lifeCycle = state;
        }

        private void PowerUp()
        {
            nvm.Read(layout.HeaderAddress, page, 0, StoreHeader.Length);
            if (!StoreHeader.IsSound(page, 0) && IsBlank())
            {
                Format();
            }
            // Recovery first: an interrupted transaction may have been rewriting the header or the directory.
            health = journal.Recover();
            if (health != StoreHealth.Ok)
            {
                return;
            }
            nvm.Read(layout.HeaderAddress, page, 0, StoreHeader.Length);
            if (!StoreHeader.IsSound(page, 0))
            {
                health = StoreHealth.HeaderCorrupt;
                return;
            }
            if (!StoreHeader.Describes(layout, page, 0))
            {
                health = StoreHealth.LayoutMismatch;
                return;
            }
            lifeCycle = page[StoreHeader.OffsetLifeCycle];
            if (!directory.Load())
            {
                health = StoreHealth.DirectoryCorrupt;
                return;
            }
            if (!counters.Load() || !directory.CountersFit(counters))
            {
                health = StoreHealth.CountersCorrupt;
            }
        }

        /// <summary>
        /// A memory never formatted, or whose formatting was cut: no sound commit record and no
        /// sound directory entry. Formatting writes the header last, and a torn erase leaves
        /// garbage that fails its CRC, so this holds at every point of an interrupted format; a
        /// card that ever committed anything has a sound commit record and is never taken for blank.
        /// </summary>
        private bool IsBlank()
        {
            for (int slot = 0; slot < StoreLayout.CommitSlots; slot++)
            {
                nvm.Read(layout.CommitSlotAddress(slot), page, 0, CommitRecord.Length);
                if (CommitRecord.IsSound(page, 0))
                {
                    return false;
                }
            }
            for (int i = 0; i < layout.DirectoryEntries; i++)
            {
                nvm.Read(directory.EntryAddress(i), page, 0, DirectoryEntry.Length);
                if (!DirectoryEntry.IsFree(page, 0) && DirectoryEntry.IsSound(page, 0))
                {
                    return false;
                }
            }
            return true;
        }

        private void Format()
        {
            PageFill.Fill(nvm, layout.CommitAddress, StoreLayout.CommitSlots * layout.PageSize, 0xFF, page);
            PageFill.Fill(nvm, layout.DirectoryAddress, layout.DirectorySize, 0xFF, page);
            counters.Format(page);
            // The whole header page, so no byte of it is left from a torn earlier attempt.
            for (int i = StoreHeader.Length; i < page.Length; i++)
            {
                page[i] = 0xFF;
            }
            StoreHeader.Encode(layout, Store.LifeCycle.OpReady, page, 0);
            nvm.Write(layout.HeaderAddress, page, 0, page.Length);
            nvm.Flush();
        }

        /// <summary>
        /// Makes a data object whose entry goes to directory index <paramref name="index"/>. The
        /// object's whole pages are free space that nothing names, so they are filled directly; then
        /// one transaction fills the parts of pages it shares with a neighbour (the previous object,
        /// and the next one when the object goes into a gap), so tearing them cannot damage that
        /// neighbour, and writes the directory entry: the object exists from that commit on.
        /// </summary>
        private void AddObject(uint id, byte kind, int size, int address, int index, byte filler)
        {
            int end = address + size;
            BeginFilled(address, end, index < directory.Count ? end / layout.PageSize * layout.PageSize : end, filler);
            bool last = index == directory.Count;
            InsertEntry(index, id, kind, size, address);
            CommitTransaction();
            if (last)
            {
                directory.Appended(kind, address, size);
            }
        }

        /// <summary>
        /// Fills [<paramref name="from"/>, <paramref name="end"/>), bytes an object is taking, with
        /// <paramref name="filler"/>: the whole pages from the first page boundary up to
        /// <paramref name="directEnd"/> are free space nothing names, so they are filled directly;
        /// then a transaction begins and fills the parts of pages shared with a neighbour. The
        /// caller stages the directory entry and commits: that commit makes the bytes the object's.
        /// </summary>
        private void BeginFilled(int from, int end, int directEnd, byte filler)
        {
            int directStart = layout.RoundUp(from);
            if (directEnd > directStart)
            {
                PageFill.Fill(nvm, directStart, directEnd - directStart, filler, page);
                nvm.Flush();
            }
            else
            {
                directStart = end;
                directEnd = end;
            }
            journal.Begin();
            Fill(from, directStart - from, filler);
            Fill(directEnd, end - directEnd, filler);
        }

        /// <summary>
        /// Stages a new entry at <paramref name="index"/> (at most <see cref="ObjectDirectory.Count"/>),
        /// the entries from there on moving up one place. The directory is rewritten a page at a
        /// time, from its end down, so each page is journaled once and every entry is read before
        /// its page is rewritten.
        /// </summary>
        private void InsertEntry(int index, uint id, byte kind, int size, int address)
        {
            DirectoryEntry.Encode(id, kind, size, address, scratch, 0);
            int from = directory.EntryAddress(index);
            int moved = from + DirectoryEntry.Length;
            for (int end = directory.EntryAddress(directory.Count + 1); end > from;)
            {
                int start = (end - 1) / layout.PageSize * layout.PageSize;
                if (start < from)
                {
                    start = from;
                }
                for (int at = start; at < end && at < moved; at++)
                {
                    page[at - start] = scratch[at - from];
                }
                int shifted = start > moved ? start : moved;
                if (shifted < end)
                {
                    Read(shifted - DirectoryEntry.Length, page, (short)(shifted - start), (short)(end - shifted));
                }
                Write(start, page, 0, (short)(end - start));
                end = start;
            }
            // An entry after the last one is recorded by the caller (ObjectDirectory.Appended) without a reload.
            if (index < directory.Count)
            {
                directoryChanged = true;
            }
        }

        /// <summary>
        /// Removes the entries whose id, masked by <paramref name="mask"/>, is <paramref name="match"/>:
        /// one pass up the directory moves each kept entry down to the next place and frees the
        /// places left at the end. The pages are rebuilt in <see cref="page"/> and each is written
        /// once, after every entry in it has been read. Returns how many entries went.
        /// </summary>
        private int Remove(uint match, uint mask)
        {
            RequireHealthy();
            int count = directory.Count;
            int kept = 0;
            int removed = 0;
            int pageStart = -1;
            bool own = false;
            for (int i = 0; i < count; i++)
            {
                directory.ReadEntry(i, scratch);
                if ((BigEndian.GetUInt32(scratch, DirectoryEntry.OffsetId) & mask) == match)
                {
                    if (removed == 0 && !journal.Active)
                    {
                        journal.Begin();
                        own = true;
                    }
                    removed++;
                    continue;
                }
                if (removed > 0)
                {
                    pageStart = PutEntry(kept, pageStart);
                }
                kept++;
            }
            if (removed == 0)
            {
                return 0;
            }
            for (int i = 0; i < DirectoryEntry.Length; i++)
            {
                scratch[i] = 0xFF;
            }
            for (int i = kept; i < count; i++)
            {
                pageStart = PutEntry(i, pageStart);
            }
            Write(pageStart, page, 0, (short)layout.PageSize);
            directoryChanged = true;
            // The totals and the entry count must follow the staged entries for the next Find.
            directory.Load();
            if (own)
            {
                CommitTransaction();
            }
            return removed;
        }

        /// <summary>
        /// Puts the entry in <see cref="scratch"/> at directory index <paramref name="index"/> in the page being
        /// rebuilt (starting at <paramref name="pageStart"/>, -1 for none yet); when it belongs to
        /// another page, the rebuilt one is written first and the other read. Returns the page now rebuilt.
        /// </summary>
        private int PutEntry(int index, int pageStart)
        {
            int address = directory.EntryAddress(index);
            for (int i = 0; i < DirectoryEntry.Length; i++)
            {
                int at = (address + i) / layout.PageSize * layout.PageSize;
                if (at != pageStart)
                {
                    if (pageStart >= 0)
                    {
                        Write(pageStart, page, 0, (short)layout.PageSize);
                    }
                    pageStart = at;
                    Read(pageStart, page, 0, (short)layout.PageSize);
                }
                page[address + i - pageStart] = scratch[i];
            }
            return pageStart;
        }

        /// <summary>After a transaction that changed the directory, its totals follow what the memory now holds.</summary>
        private void ReloadDirectoryIfChanged()
        {
            if (directoryChanged)
            {
                directoryChanged = false;
                if (!directory.Load())
                {
                    health = StoreHealth.DirectoryCorrupt;
                }
            }
        }

        private void RequireHealthy()
        {
            if (health != StoreHealth.Ok)
            {
                throw new System.InvalidOperationException("store failed its power-up checks");
            }
        }

        private void RequireInstallable()
        {
            RequireHealthy();
            if (journal.Active)
            {
                throw new System.InvalidOperationException("objects are made outside transactions");
            }
        }

        private static void RequireSize(int stored, int requested)
        {
            if (stored != requested)
            {
                throw new System.InvalidOperationException("object exists with another size");
            }
        }
    }
}
