using NanoCard.Hal.Storage;

namespace NanoCard.Os.Store
{
    /// <summary>
    /// The transaction journal: a redo log kept in the memory's journal region, as a Java Card keeps
    /// its commit buffer in EEPROM. A transaction's writes go to the journal as they are made (each
    /// page it touches, whole, patched), reads see them through <see cref="Overlay"/>, and
    /// <see cref="Commit"/> seals the journal with a commit record and only then applies it in place.
    /// Recovery re-applies the last sealed journal, so a transaction is all there or not at all,
    /// whenever the power goes (docs/eeprom-layout.md, "Transactions"). RAM holds one page of the
    /// journal's tail and the list of pages staged, not the pages themselves: a transaction is bounded
    /// by the journal region, and the heap by neither (docs/performance.md, "Managed heap").
    /// </summary>
    /// <remarks>
    /// A journal entry is <c>address (4) | length (2) | data</c>: one whole page, page-aligned. Journals are written at
    /// page-aligned offsets that move through the region, so the journal's wear is spread like the
    /// data's; one that outgrows the region's end moves to its start (the journal before it was
    /// applied when it was committed, so overwriting it loses nothing). The tail is written a page at
    /// a time, so the region's pages take one write per journal page, as when the whole journal was
    /// written at commit. Replaying a journal that was already applied writes nothing: each entry is
    /// compared first.
    /// </remarks>
    internal sealed class Journal
    {
        public const int EntryHeaderLength = 6;

        private readonly INvm nvm;
        private readonly StoreLayout layout;
        private readonly int entryLength;
        /// <summary>Page numbers (address / page size) staged by the open transaction, in journal order.</summary>
        private readonly short[] pages;
        /// <summary>The journal bytes from <see cref="written"/> on, not yet a whole page.</summary>
        private readonly byte[] tail;
        private readonly byte[] page;
        private readonly byte[] compare;
        private readonly byte[] header = new byte[EntryHeaderLength];
        private int count;
        private int start;
        private int written;
        private bool active;
        private uint sequence;
        private int lastOffset;
        private int lastLength;

        public Journal(INvm nvm, StoreLayout layout)
        {
            if (layout.Size / layout.PageSize > short.MaxValue)
            {
                throw new System.ArgumentException("more pages than a staged page number holds");
            }
            this.nvm = nvm;
            this.layout = layout;
            entryLength = EntryHeaderLength + layout.PageSize;
            pages = new short[layout.JournalSize / entryLength];
            tail = new byte[layout.PageSize];
            page = new byte[layout.PageSize];
            compare = new byte[layout.PageSize];
        }

        public bool Active { get { return active; } }

        /// <summary>Sequence number of the last sealed transaction (0 before the first).</summary>
        public uint Sequence { get { return sequence; } }

        /// <summary>
        /// Power-up: finds the last sealed transaction and re-applies its journal if the journal is
        /// still intact (a later, unsealed journal may have overwritten it: then it was applied
        /// already). Returns <see cref="StoreHealth.Ok"/> or <see cref="StoreHealth.JournalCorrupt"/>.
        /// </summary>
        public byte Recover()
        {
            int slot = LatestSealedSlot();
            if (slot < 0)
            {
                sequence = 0;
                lastOffset = 0;
                lastLength = 0;
                return StoreHealth.Ok;
            }
            nvm.Read(layout.CommitSlotAddress(slot), page, 0, CommitRecord.Length);
            sequence = BigEndian.GetUInt32(page, CommitRecord.OffsetSequence);
            uint offset = BigEndian.GetUInt32(page, CommitRecord.OffsetJournalOffset);
            uint length = BigEndian.GetUInt32(page, CommitRecord.OffsetJournalLength);
            uint crc = BigEndian.GetUInt32(page, CommitRecord.OffsetJournalCrc);
            if (length == 0 || length > (uint)layout.JournalSize || offset > (uint)(layout.JournalSize - length))
            {
                return StoreHealth.JournalCorrupt;
            }
            lastOffset = (int)offset;
            lastLength = (int)length;
            int journal = layout.JournalAddress + lastOffset;
            byte health = StoreHealth.Ok;
            if (JournalCrc(journal, lastLength) == crc)
            {
                if (Parses(journal, lastLength))
                {
                    Replay(journal, lastLength);
                }
                else
                {
                    health = StoreHealth.JournalCorrupt;
                }
            }
            // The journal held PIN verifiers and key records: no copy stays in RAM.
            Wipe();
            return health;
        }

        public void Begin()
        {
            if (active)
            {
                // Java Card: TransactionException.IN_PROGRESS. Nesting is a programming error.
                throw new System.InvalidOperationException("transaction already in progress");
            }
            active = true;
            count = 0;
            written = 0;
            start = layout.RoundUp(lastOffset + lastLength);
            if (start >= layout.JournalSize)
            {
                start = 0;
            }
        }

        /// <summary>True when a write of <c>[address, address+length)</c> still fits the open transaction's journal.</summary>
        public bool Fits(int address, int length)
        {
            int added = 0;
            int pageSize = layout.PageSize;
            for (int at = address / pageSize * pageSize; at < address + length; at += pageSize)
            {
                if (StagedPage(at) < 0)
                {
                    added++;
                }
            }
            return count + added <= pages.Length;
        }

        /// <summary>
        /// Stages a write; the caller has checked <see cref="Fits"/> and the address. Each page the
        /// write touches is journaled whole (its current bytes, patched), so applying or replaying the
        /// journal rewrites whole pages: a page torn while it was applied is restored entirely,
        /// including the bytes of neighbouring objects that share it.
        /// </summary>
        public void Stage(int address, byte[] source, int offset, int length)
        {
            int pageSize = layout.PageSize;
            int end = address + length;
            for (int at = address / pageSize * pageSize; at < end; at += pageSize)
            {
                int entry = StagedPage(at);
                bool fresh = entry < 0;
                if (fresh)
                {
                    nvm.Read(at, page, 0, pageSize);
                }
                else
                {
                    ReadJournal(entry * entryLength + EntryHeaderLength, page, 0, pageSize);
                }
                int from = address > at ? address : at;
                int to = end < at + pageSize ? end : at + pageSize;
                System.Array.Copy(source, offset + (from - address), page, from - at, to - from);
                if (fresh)
                {
                    entry = Append(at);
                }
                WriteJournal(entry * entryLength + EntryHeaderLength, page, 0, pageSize);
            }
            System.Array.Clear(page, 0, pageSize);
        }

        /// <summary>Index of the staged entry for the page at <paramref name="pageAddress"/>, or -1.</summary>
        private int StagedPage(int pageAddress)
        {
            int number = pageAddress / layout.PageSize;
            for (int i = 0; i < count; i++)
            {
                if (pages[i] == number)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>Adds an entry for the page at <paramref name="pageAddress"/>: its header now, its data by the caller.</summary>
        private int Append(int pageAddress)
        {
            if (start + (count + 1) * entryLength > layout.JournalSize)
            {
                MoveToRegionStart();
            }
            BigEndian.SetUInt32(header, 0, (uint)pageAddress);
            BigEndian.SetUInt16(header, 4, layout.PageSize);
            pages[count] = (short)(pageAddress / layout.PageSize);
            count++;
            WriteJournal((count - 1) * entryLength, header, 0, EntryHeaderLength);
            return count - 1;
        }

        /// <summary>
        /// Copies the journal's written pages to the region's start, where the whole transaction fits
        /// (<see cref="Fits"/>); through <see cref="compare"/>, as <see cref="page"/> holds the page being staged.
        /// </summary>
        private void MoveToRegionStart()
        {
            for (int done = 0; done < written; done += layout.PageSize)
            {
                nvm.Read(layout.JournalAddress + start + done, compare, 0, layout.PageSize);
                nvm.Write(layout.JournalAddress + done, compare, 0, layout.PageSize);
            }
            start = 0;
        }

        /// <summary>Reads journal bytes of the open transaction: written ones from the memory, the rest from the tail.</summary>
        private void ReadJournal(int position, byte[] dest, int offset, int length)
        {
            while (length > 0)
            {
                int n;
                if (position < written)
                {
                    n = written - position < length ? written - position : length;
                    nvm.Read(layout.JournalAddress + start + position, dest, offset, n);
                }
                else
                {
                    n = length;
                    System.Array.Copy(tail, position - written, dest, offset, n);
                }
                position += n;
                offset += n;
                length -= n;
            }
        }

        /// <summary>Writes journal bytes: into the memory below the tail, into the tail above, a whole tail page out when it fills.</summary>
        private void WriteJournal(int position, byte[] source, int offset, int length)
        {
            int pageSize = layout.PageSize;
            while (length > 0)
            {
                int n;
                if (position < written)
                {
                    n = written - position < length ? written - position : length;
                    nvm.Write(layout.JournalAddress + start + position, source, offset, n);
                }
                else
                {
                    int at = position - written;
                    n = pageSize - at < length ? pageSize - at : length;
                    System.Array.Copy(source, offset, tail, at, n);
                    if (at + n == pageSize)
                    {
                        nvm.Write(layout.JournalAddress + start + written, tail, 0, pageSize);
                        written += pageSize;
                        System.Array.Clear(tail, 0, pageSize);
                    }
                }
                position += n;
                offset += n;
                length -= n;
            }
        }

        /// <summary>Lays the staged pages over bytes just read from <paramref name="address"/>.</summary>
        public void Overlay(int address, byte[] dest, int offset, int length)
        {
            int pageSize = layout.PageSize;
            int end = address + length;
            for (int i = 0; i < count; i++)
            {
                int target = pages[i] * pageSize;
                int from = target > address ? target : address;
                int to = target + pageSize < end ? target + pageSize : end;
                if (from < to)
                {
                    ReadJournal(i * entryLength + EntryHeaderLength + (from - target), dest, offset + (from - address), to - from);
                }
            }
        }

        /// <summary>
        /// Makes the staged writes durable: the journal's tail, flush, commit record (the commit
        /// point), flush, apply in place, flush. A transaction that staged nothing writes nothing.
        /// </summary>
        public void Commit()
        {
            if (!active)
            {
                throw new System.InvalidOperationException("no transaction in progress");
            }
            if (count > 0)
            {
                int length = count * entryLength;
                if (length > written)
                {
                    nvm.Write(layout.JournalAddress + start + written, tail, 0, length - written);
                }
                nvm.Flush();
                int journal = layout.JournalAddress + start;
                uint next = sequence + 1;
                CommitRecord.Encode(next, start, length, JournalCrc(journal, length), page, 0);
                nvm.Write(layout.CommitSlotAddress((int)(next % StoreLayout.CommitSlots)), page, 0, CommitRecord.Length);
                nvm.Flush();
                sequence = next;
                lastOffset = start;
                lastLength = length;
                Apply(journal, length);
                nvm.Flush();
            }
            Wipe();
            count = 0;
            active = false;
        }

        /// <summary>Drops the staged writes: the data never saw them, and the unsealed journal is never replayed.</summary>
        public void Abort()
        {
            Wipe();
            count = 0;
            active = false;
        }

        /// <summary>The commit slot holding the sound record with the highest sequence, or -1 when neither is sound.</summary>
        private int LatestSealedSlot()
        {
            int best = -1;
            uint bestSequence = 0;
            for (int slot = 0; slot < StoreLayout.CommitSlots; slot++)
            {
                nvm.Read(layout.CommitSlotAddress(slot), page, 0, CommitRecord.Length);
                if (!CommitRecord.IsSound(page, 0))
                {
                    continue;
                }
                uint candidate = BigEndian.GetUInt32(page, CommitRecord.OffsetSequence);
                if (best < 0 || candidate > bestSequence)
                {
                    best = slot;
                    bestSequence = candidate;
                }
            }
            return best;
        }

        /// <summary>CRC-32 of the journal's <paramref name="length"/> bytes at <paramref name="address"/>, read a page at a time.</summary>
        private uint JournalCrc(int address, int length)
        {
            uint running = Crc32.Start;
            for (int done = 0; done < length; done += page.Length)
            {
                int chunk = length - done < page.Length ? length - done : page.Length;
                nvm.Read(address + done, page, 0, chunk);
                running = Crc32.Update(running, page, 0, chunk);
            }
            return Crc32.Finish(running);
        }

        /// <summary>True when the journal at <paramref name="address"/> is a whole number of entries, each aimed at a journaled region.</summary>
        private bool Parses(int address, int length)
        {
            int position = 0;
            while (position < length)
            {
                if (length - position < EntryHeaderLength)
                {
                    return false;
                }
                nvm.Read(address + position, page, 0, EntryHeaderLength);
                int target = (int)BigEndian.GetUInt32(page, 0);
                int size = Util.GetUShort(page, 4);
                if (size > length - position - EntryHeaderLength || !layout.IsJournaled(target, size))
                {
                    return false;
                }
                position += EntryHeaderLength + size;
            }
            return true;
        }

        /// <summary>Writes each page of the sealed journal at <paramref name="address"/> in place.</summary>
        private void Apply(int address, int length)
        {
            for (int position = 0; position < length; position += entryLength)
            {
                nvm.Read(address + position, header, 0, EntryHeaderLength);
                nvm.Read(address + position + EntryHeaderLength, page, 0, layout.PageSize);
                nvm.Write((int)BigEndian.GetUInt32(header, 0), page, 0, layout.PageSize);
            }
        }

        /// <summary>
        /// Re-applies the entries of the journal at <paramref name="address"/> whose bytes differ from
        /// the memory's, so a replay of an applied journal writes nothing. Entries are read from the
        /// journal a page at a time.
        /// </summary>
        private void Replay(int address, int length)
        {
            bool wrote = false;
            int position = 0;
            while (position < length)
            {
                nvm.Read(address + position, page, 0, EntryHeaderLength);
                int target = (int)BigEndian.GetUInt32(page, 0);
                int size = Util.GetUShort(page, 4);
                int data = address + position + EntryHeaderLength;
                if (Differs(data, target, size))
                {
                    for (int done = 0; done < size; done += page.Length)
                    {
                        int chunk = size - done < page.Length ? size - done : page.Length;
                        nvm.Read(data + done, page, 0, chunk);
                        nvm.Write(target + done, page, 0, chunk);
                    }
                    wrote = true;
                }
                position += EntryHeaderLength + size;
            }
            if (wrote)
            {
                nvm.Flush();
            }
        }

        private bool Differs(int journalData, int target, int length)
        {
            for (int done = 0; done < length; done += page.Length)
            {
                int chunk = length - done < page.Length ? length - done : page.Length;
                nvm.Read(journalData + done, page, 0, chunk);
                nvm.Read(target + done, compare, 0, chunk);
                for (int i = 0; i < chunk; i++)
                {
                    if (page[i] != compare[i])
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        /// <summary>Staged bytes may be PIN values or keys: they do not stay in RAM after use.</summary>
        private void Wipe()
        {
            System.Array.Clear(tail, 0, tail.Length);
            System.Array.Clear(page, 0, page.Length);
            System.Array.Clear(compare, 0, compare.Length);
        }
    }
}
