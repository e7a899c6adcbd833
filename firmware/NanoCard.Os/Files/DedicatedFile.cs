using NanoCard.Hal.Crypto;
using NanoCard.Os.Credentials;
using NanoCard.Os.Keys;
using NanoCard.Os.Store;

namespace NanoCard.Os.Files
{
    /// <summary>
    /// An applet's DF: a fixed table of EFs and PINs, and the current EF of the session. Its files
    /// live in the store as objects named <c>DF id (2) | FID (2)</c>, so each power-up finds the
    /// bodies, values and counters the first one made.
    /// </summary>
    public sealed class DedicatedFile
    {
        private readonly CardStore store;
        private readonly ushort id;
        private readonly FileEntry[] entries;
        private int count;

        /// <param name="id">Names this DF's objects in the store: unique on the card and the same at every power-up.</param>
        public DedicatedFile(CardStore store, ushort id, int capacity)
        {
            this.store = store;
            this.id = id;
            entries = new FileEntry[capacity];
        }

        /// <summary>A transparent EF of <paramref name="size"/> bytes, every byte <paramref name="filler"/> until written.</summary>
        public TransparentEf CreateTransparentEf(short fid, byte sfi, short size, byte filler, AccessRule read, AccessRule update)
        {
            PersistentBytes body = store.Allocate(ObjectId(fid), ObjectKind.TransparentEf, size, filler);
            return (TransparentEf)Add(new TransparentEf(fid, sfi, body, filler, read, update));
        }

        /// <summary>A record EF whose records (2 bytes of overhead each) share <paramref name="capacity"/> bytes.</summary>
        public RecordEf CreateRecordEf(short fid, byte sfi, short capacity, AccessRule read)
        {
            PersistentBytes body = store.Allocate(ObjectId(fid), ObjectKind.RecordEf, (short)(capacity + 1), 0x00);
            return (RecordEf)Add(new RecordEf(fid, sfi, body, read));
        }

        /// <summary>A PIN with no value yet: personalization gives it a value and a try limit (up to <see cref="OwnerPin.MaxTries"/>).</summary>
        public OwnerPin CreatePin(short fid, byte sfi, PinFormat format)
        {
            uint objectId = ObjectId(fid);
            PersistentTryCounter counter = store.AllocateCounter(objectId, OwnerPin.MaxTries);
            PersistentBytes record = store.Allocate(objectId, ObjectKind.PinValue, OwnerPin.RecordSize(format), 0x00);
            return (OwnerPin)Add(new OwnerPin(fid, sfi, format, counter, record));
        }

        /// <summary>
        /// An RSA-2048 private key named like an EF (SELECT EF of its FID, or P2 = 80|SFI), used
        /// when <paramref name="use"/> holds; personalization generates it on the card.
        /// </summary>
        public RsaPrivateKey CreateRsaKey(short fid, byte sfi, ICrypto crypto, AccessRule use)
        {
            PersistentBytes record = store.Allocate(ObjectId(fid), ObjectKind.Key, RsaPrivateKey.RecordSize, 0x00);
            return (RsaPrivateKey)Add(new RsaPrivateKey(fid, sfi, crypto, record, use));
        }

        private uint ObjectId(short fid)
        {
            return ((uint)id << 16) | (ushort)fid;
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

        /// <summary>Factory reset of every entry (see <see cref="FileEntry.Erase"/>); the security state goes too.</summary>
        public void Erase()
        {
            ClearSecurityState();
            for (int i = 0; i < count; i++)
            {
                entries[i].Erase();
            }
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
