using NanoCard.Os.Credentials;

namespace NanoCard.Os.Files
{
    /// <summary>An applet's DF: a fixed table of EFs and PINs, and the current EF of the session.</summary>
    public sealed class DedicatedFile
    {
        private readonly FileEntry[] entries;
        private int count;

        public DedicatedFile(int capacity)
        {
            entries = new FileEntry[capacity];
        }

        /// <summary>The EF chosen by the last SELECT EF or SFI-form READ/UPDATE; null when none.</summary>
        public FileEntry Current { get; set; }

        public int Count { get { return count; } }

        public FileEntry this[int index] { get { return entries[index]; } }

        /// <summary>Adds <paramref name="entry"/>; FIDs and SFIs must be unique in the DF.</summary>
        public FileEntry Add(FileEntry entry)
        {
            if (count == entries.Length)
            {
                throw new System.InvalidOperationException("DF full");
            }
            if (FindByFid(entry.Fid) != null || (entry.Sfi != FileEntry.NoSfi && FindBySfi(entry.Sfi) != null))
            {
                throw new System.ArgumentException("FID or SFI already used in this DF");
            }
            entries[count++] = entry;
            return entry;
        }

        public FileEntry FindByFid(short fid)
        {
            for (int i = 0; i < count; i++)
            {
                if (entries[i].Fid == fid)
                {
                    return entries[i];
                }
            }
            return null;
        }

        public FileEntry FindBySfi(byte sfi)
        {
            if (sfi == FileEntry.NoSfi)
            {
                return null;
            }
            for (int i = 0; i < count; i++)
            {
                if (entries[i].Sfi == sfi)
                {
                    return entries[i];
                }
            }
            return null;
        }

        /// <summary>Clears every PIN's verified flag and the current EF.</summary>
        public void ClearSecurityState()
        {
            Current = null;
            for (int i = 0; i < count; i++)
            {
                OwnerPin pin = entries[i] as OwnerPin;
                if (pin != null)
                {
                    pin.Reset();
                }
            }
        }
    }
}
