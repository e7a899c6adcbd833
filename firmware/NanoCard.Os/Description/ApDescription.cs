namespace NanoCard.Os.Description
{
    /// <summary>
    /// Everything about an AP that is data: its AID, the DF id that names its objects in the store,
    /// its names, and its entries (EFs, PINs, keys with their FIDs, SFIs, sizes and rules) in the
    /// order the card allocates them. The card builds the AP's DF from it; the flasher's map, trace
    /// explainer and lessons and the spec tests read it. An AP with no commands of its own is
    /// made from its description alone (<see cref="DescribedApplet"/>); the built-in APs add
    /// their behaviour on top (docs/architecture.md, "Adding an AP").
    /// </summary>
    public sealed class ApDescription
    {
        /// <param name="aid">The DF name SELECT finds the AP by; null for a DF that is never selected (the gen2 card's shared credentials).</param>
        /// <param name="dfId">Names the AP's objects in the store: unique on the card, the same at every power-up.</param>
        public ApDescription(byte[] aid, ushort dfId, string name, string japaneseName, EntryDescription[] entries)
        {
            Aid = aid;
            DfId = dfId;
            Name = name;
            JapaneseName = japaneseName;
            Entries = entries;
        }

        public byte[] Aid { get; }

        public ushort DfId { get; }

        /// <summary>English name, in Latin letters (pictures draw it with a font without kanji).</summary>
        public string Name { get; }

        /// <summary>The name the My Number card's documents use.</summary>
        public string JapaneseName { get; }

        public EntryDescription[] Entries { get; }

        /// <summary>True when any entry is renewable: the DF then has two key sets.</summary>
        public bool HasRenewableEntries
        {
            get
            {
                for (int i = 0; i < Entries.Length; i++)
                {
                    if (Entries[i].IsRenewable)
                    {
                        return true;
                    }
                }
                return false;
            }
        }

        /// <summary>File entries the DF holds: one per entry, two for a renewable one.</summary>
        public int EntryCapacity
        {
            get
            {
                int n = 0;
                for (int i = 0; i < Entries.Length; i++)
                {
                    n += Entries[i].IsRenewable ? 2 : 1;
                }
                return n;
            }
        }

        /// <summary>The entry with FID <paramref name="fid"/>, or null.</summary>
        public EntryDescription FindByFid(short fid)
        {
            for (int i = 0; i < Entries.Length; i++)
            {
                if (Entries[i].Fid == fid)
                {
                    return Entries[i];
                }
            }
            return null;
        }

        /// <summary>The entry with SFI <paramref name="sfi"/> (1–30), or null.</summary>
        public EntryDescription FindBySfi(byte sfi)
        {
            if (sfi == 0)
            {
                return null;
            }
            for (int i = 0; i < Entries.Length; i++)
            {
                if (Entries[i].Sfi == sfi)
                {
                    return Entries[i];
                }
            }
            return null;
        }
    }
}
