using NanoCard.Hal.Storage;

namespace NanoCard.Os.Store
{
    /// <summary>
    /// The transaction journal: a redo log. Writes of a transaction are staged in RAM (reads see
    /// them through <see cref="Overlay"/>), then <see cref="Commit"/> writes them to the journal
    /// region, seals them with a commit record, and only then applies them in place. Recovery
    /// re-applies the last sealed journal, so a transaction is all there or not at all, whenever
    /// the power goes (docs/eeprom-layout.md, "Transactions"). The RAM staging may be smaller than
    /// the journal region (<see cref="StagingFor"/>): it bounds a transaction, while recovery reads
    /// the region page by page and replays any journal that fits the region.
    /// </summary>
    /// <remarks>
    /// A journal entry is <c>address (4) | length (2) | data</c>: one whole page, page-aligned. Journals are written at
    /// page-aligned offsets that move through the region (wrapping to 0 when the next one does not
    /// fit), so the journal's wear is spread like the data's. Replaying a journal that was already
    /// applied writes nothing: each entry is compared first.
    /// </remarks>
    internal sealed class Journal
    {
        public const int EntryHeaderLength = 6;

        private readonly INvm nvm;
        private readonly StoreLayout layout;
        private readonly byte[] staging;
        private readonly byte[] page;
        private int staged;
        private bool active;
        private uint sequence;
        private int lastOffset;
        private int lastLength;

        /// <param name="stagingLength">RAM for one transaction's entries, at most the journal region (<see cref="StagingFor"/>).</param>
        public Journal(INvm nvm, StoreLayout layout, int stagingLength)
        {
            if (stagingLength < layout.PageSize || stagingLength > layout.JournalSize)
            {
                throw new System.ArgumentOutOfRangeException("stagingLength");
            }
            this.nvm = nvm;
            this.layout = layout;
            staging = new byte[stagingLength];
            page = new byte[layout.PageSize];
        }

        /// <summary>
        /// Staging that holds any single write of up to <paramref name="largestWrite"/> bytes (every
        /// page it touches, unaligned) and the two-entry transactions that make an object; never more
        /// than the journal region.
        /// </summary>
        public static int StagingFor(StoreLayout layout, int largestWrite)
        {
            int entries = (largestWrite + layout.PageSize - 1) / layout.PageSize + 1;
            int length = (entries < 2 ? 2 : entries) * (EntryHeaderLength + layout.PageSize);
            return length < layout.JournalSize ? length : layout.JournalSize;
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
            Wipe(page.Length);
            System.Array.Clear(page, 0, page.Length);
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
            staged = 0;
        }

        /// <summary>True when a write of <c>[address, address+length)</c> still fits the open transaction.</summary>
        public bool Fits(int address, int length)
        {
            int cost = 0;
            int pageSize = layout.PageSize;
            for (int start = address / pageSize * pageSize; start < address + length; start += pageSize)
            {
                if (StagedPage(start) < 0)
                {
                    cost += EntryHeaderLength + pageSize;
                }
            }
            return staged + cost <= staging.Length;
        }

        /// <summary>
        /// Stages a write; the caller has checked <see cref="Fits"/> and the address. Each page the
        /// write touches is staged whole (its current bytes, patched), so applying or replaying the
        /// journal rewrites whole pages: a page torn while it was applied is restored entirely,
        /// including the bytes of neighbouring objects that share it.
        /// </summary>
        public void Stage(int address, byte[] source, int offset, int length)
        {
            int pageSize = layout.PageSize;
            int end = address + length;
            for (int start = address / pageSize * pageSize; start < end; start += pageSize)
            {
                int entry = StagedPage(start);
                if (entry < 0)
                {
                    entry = staged;
                    BigEndian.SetUInt32(staging, entry, (uint)start);
                    BigEndian.SetUInt16(staging, entry + 4, pageSize);
                    nvm.Read(start, staging, entry + EntryHeaderLength, pageSize);
                    staged += EntryHeaderLength + pageSize;
                }
                int from = address > start ? address : start;
                int to = end < start + pageSize ? end : start + pageSize;
                System.Array.Copy(source, offset + (from - address), staging, entry + EntryHeaderLength + (from - start), to - from);
            }
        }

        /// <summary>Offset of the staged entry for the page at <paramref name="pageAddress"/>, or -1.</summary>
        private int StagedPage(int pageAddress)
        {
            for (int position = 0; position < staged; position += EntryHeaderLength + layout.PageSize)
            {
                if ((int)BigEndian.GetUInt32(staging, position) == pageAddress)
                {
                    return position;
                }
            }
            return -1;
        }

        /// <summary>Lays the staged writes over bytes just read from <paramref name="address"/>, in the order they were made.</summary>
        public void Overlay(int address, byte[] dest, int offset, int length)
        {
            int end = address + length;
            int position = 0;
            while (position < staged)
            {
                int target = (int)BigEndian.GetUInt32(staging, position);
                int size = Util.GetUShort(staging, position + 4);
                int from = target > address ? target : address;
                int to = target + size < end ? target + size : end;
                if (from < to)
                {
                    System.Array.Copy(staging, position + EntryHeaderLength + (from - target), dest, offset + (from - address), to - from);
                }
                position += EntryHeaderLength + size;
            }
        }

        /// <summary>
        /// Makes the staged writes durable: journal, flush, commit record (the commit point), flush,
        /// apply in place, flush. A transaction that staged nothing writes nothing.
        /// </summary>
        public void Commit()
        {
            if (!active)
            {
                throw new System.InvalidOperationException("no transaction in progress");
            }
            if (staged > 0)
            {
                int offset = layout.RoundUp(lastOffset + lastLength);
                if (offset + staged > layout.JournalSize)
                {
                    offset = 0;
                }
                nvm.Write(layout.JournalAddress + offset, staging, 0, staged);
                nvm.Flush();
                uint next = sequence + 1;
                CommitRecord.Encode(next, offset, staged, Crc32.Compute(staging, 0, staged), page, 0);
                nvm.Write(layout.CommitSlotAddress((int)(next % StoreLayout.CommitSlots)), page, 0, CommitRecord.Length);
                nvm.Flush();
                sequence = next;
                lastOffset = offset;
                lastLength = staged;
                Apply(staged);
                nvm.Flush();
                Wipe(staged);
            }
            staged = 0;
            active = false;
        }

        /// <summary>Drops the staged writes: nothing reached the memory.</summary>
        public void Abort()
        {
            Wipe(staged);
            staged = 0;
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

        private void Apply(int length)
        {
            int position = 0;
            while (position < length)
            {
                int target = (int)BigEndian.GetUInt32(staging, position);
                int size = Util.GetUShort(staging, position + 4);
                nvm.Write(target, staging, position + EntryHeaderLength, size);
                position += EntryHeaderLength + size;
            }
        }

        /// <summary>
        /// Re-applies the entries of the journal at <paramref name="address"/> whose bytes differ from
        /// the memory's, so a replay of an applied journal writes nothing. Entries are read from the
        /// journal a page at a time (the staging's first page holds the memory's bytes to compare).
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
                nvm.Read(target + done, staging, 0, chunk);
                for (int i = 0; i < chunk; i++)
                {
                    if (page[i] != staging[i])
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        /// <summary>Staged bytes may be PIN values or keys: they do not stay in RAM after use.</summary>
        private void Wipe(int length)
        {
            System.Array.Clear(staging, 0, length);
        }
    }
}
