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
        private readonly byte[] fill;
        private byte health;
        private byte lifeCycle;

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
            fill = new byte[layout.PageSize];
            journal = new Journal(nvm, layout);
            counters = new CounterArea(nvm, layout);
            directory = new ObjectDirectory(nvm, layout);
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

        public int FreeBytes { get { return layout.Size - directory.DataEnd; } }

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
        }

        /// <summary>Forgets every staged write (JCSystem.abortTransaction).</summary>
        public void AbortTransaction()
        {
            journal.Abort();
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
                journal.Abort();
                TransactionException.Throw(TransactionException.BufferFull);
            }
            journal.Stage(address, source, offset, length);
            if (own)
            {
                journal.Commit();
            }
        }

        /// <summary>
        /// Sets <paramref name="length"/> bytes at <paramref name="address"/> to <paramref name="value"/>,
        /// one page-sized write at a time (factory erase). Each write is atomic on its own or joins the
        /// open transaction; a caller that is not in one must be able to redo the whole fill.
        /// </summary>
        public void Fill(int address, int length, byte value)
        {
            for (int i = 0; i < fill.Length; i++)
            {
                fill[i] = value;
            }
            for (int done = 0; done < length; done += fill.Length)
            {
                int chunk = length - done < fill.Length ? length - done : fill.Length;
                Write(address + done, fill, 0, (short)chunk);
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
            AddObject(id, kind, size, address, filler);
            return new PersistentBytes(this, address, size);
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
            int index = directory.Counters;
            if (index >= counters.Capacity || directory.IsFull)
            {
                throw new System.InvalidOperationException("counter area full");
            }
            counters.Set(index, limit);
            journal.Begin();
            AddEntry(id, ObjectKind.TryCounter, limit, index);
            journal.Commit();
            directory.Added(ObjectKind.TryCounter, index, limit);
            return new PersistentTryCounter(counters, index, limit);
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
        /// Makes a data object. Whole pages past the last object are free space that nothing names,
        /// so they are filled directly; then one transaction fills the part of a first page shared
        /// with the previous object (so tearing it cannot damage that neighbour) and writes the
        /// directory entry: the object exists from that commit on.
        /// </summary>
        private void AddObject(uint id, byte kind, int size, int address, byte filler)
        {
            int shared = address % layout.PageSize == 0 ? 0 : layout.PageSize - address % layout.PageSize;
            if (shared > size)
            {
                shared = size;
            }
            PageFill.Fill(nvm, address + shared, size - shared, filler, page);
            nvm.Flush();
            journal.Begin();
            if (shared > 0)
            {
                for (int i = 0; i < shared; i++)
                {
                    page[i] = filler;
                }
                Write(address, page, 0, (short)shared);
            }
            AddEntry(id, kind, size, address);
            journal.Commit();
            directory.Added(kind, address, size);
        }

        /// <summary>Stages the directory entry in the open transaction.</summary>
        private void AddEntry(uint id, byte kind, int size, int address)
        {
            DirectoryEntry.Encode(id, kind, size, address, page, 0);
            Write(directory.EntryAddress(directory.Count), page, 0, DirectoryEntry.Length);
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
