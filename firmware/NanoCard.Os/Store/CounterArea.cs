using NanoCard.Hal.Storage;

namespace NanoCard.Os.Store
{
    /// <summary>
    /// The try counters, outside the journal: every change writes a whole new snapshot of all
    /// counters to the next of <see cref="StoreLayout.CounterSlots"/> slots and flushes it, so one
    /// change costs one slot write (one page with the default layout), the slots take turns (each
    /// takes 1/slots of all counter writes), and a torn write leaves the previous snapshot as the
    /// newest sound one (<see cref="CounterSnapshot"/>).
    /// </summary>
    internal sealed class CounterArea
    {
        private readonly INvm nvm;
        private readonly StoreLayout layout;
        private readonly byte[] snapshot;
        private uint sequence;

        public CounterArea(INvm nvm, StoreLayout layout)
        {
            this.nvm = nvm;
            this.layout = layout;
            snapshot = new byte[CounterSnapshot.CrcOffset(layout.CounterCapacity) + 4];
        }

        /// <summary>Sequence number of the newest snapshot.</summary>
        public uint Sequence { get { return sequence; } }

        public int Capacity { get { return layout.CounterCapacity; } }

        /// <summary>Formatting: every slot erased, then a first snapshot with no counter in use.</summary>
        public void Format(byte[] page)
        {
            PageFill.Fill(nvm, layout.CounterAddress, layout.CounterSlots * layout.CounterSlotSize, 0xFF, page);
            nvm.Flush();
            System.Array.Clear(snapshot, 0, snapshot.Length);
            BigEndian.SetUInt16(snapshot, CounterSnapshot.OffsetMagic, CounterSnapshot.Magic);
            BigEndian.SetUInt16(snapshot, CounterSnapshot.OffsetCapacity, layout.CounterCapacity);
            for (int i = 0; i < layout.CounterCapacity; i++)
            {
                snapshot[CounterSnapshot.OffsetValues + i] = CounterSnapshot.Unused;
            }
            sequence = 0;
            WriteNext();
        }

        /// <summary>Power-up: loads the newest sound snapshot. False when no slot holds one.</summary>
        public bool Load()
        {
            int best = -1;
            uint bestSequence = 0;
            for (int slot = 0; slot < layout.CounterSlots; slot++)
            {
                if (ReadSlot(slot))
                {
                    uint candidate = BigEndian.GetUInt32(snapshot, CounterSnapshot.OffsetSequence);
                    if (best < 0 || candidate > bestSequence)
                    {
                        best = slot;
                        bestSequence = candidate;
                    }
                }
            }
            if (best < 0)
            {
                return false;
            }
            ReadSlot(best);
            sequence = bestSequence;
            return true;
        }

        public byte Get(int index)
        {
            return snapshot[CounterSnapshot.OffsetValues + index];
        }

        /// <summary>Sets one counter; returns once the new snapshot is durable.</summary>
        public void Set(int index, byte value)
        {
            snapshot[CounterSnapshot.OffsetValues + index] = value;
            WriteNext();
        }

        private void WriteNext()
        {
            uint next = sequence + 1;
            BigEndian.SetUInt32(snapshot, CounterSnapshot.OffsetSequence, next);
            BigEndian.SealCrc(snapshot, 0, CounterSnapshot.CrcOffset(layout.CounterCapacity));
            nvm.Write(layout.CounterSlotAddress((int)(next % (uint)layout.CounterSlots)), snapshot, 0, snapshot.Length);
            nvm.Flush();
            sequence = next;
        }

        private bool ReadSlot(int slot)
        {
            nvm.Read(layout.CounterSlotAddress(slot), snapshot, 0, snapshot.Length);
            return Util.GetUShort(snapshot, CounterSnapshot.OffsetMagic) == CounterSnapshot.Magic
                && Util.GetUShort(snapshot, CounterSnapshot.OffsetCapacity) == layout.CounterCapacity
                && BigEndian.CrcMatches(snapshot, 0, CounterSnapshot.CrcOffset(layout.CounterCapacity));
        }
    }
}
