using NanoCard.Hal.Crypto;
using NanoCard.Os.Credentials;
using NanoCard.Os.Keys;
using NanoCard.Os.Secrets;
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
            return TransparentEfIn(RenewalSet.NotRenewed, fid, sfi, size, filler, read, update);
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
            PersistentBytes record = store.Allocate(objectId, ObjectKind.PinValue, OwnerPin.RecordSize, 0x00);
            return (OwnerPin)Add(new OwnerPin(fid, sfi, format, counter, record, Secrets));
        }

        /// <summary>
        /// Another DF's PIN under a FID/SFI of this one: the value and the try counter are shared,
        /// the verified flag is this DF's (the gen2 card PIN, docs/apdu-spec.md §13).
        /// </summary>
        public OwnerPin AddPin(OwnerPin shared, short fid, byte sfi)
        {
            return (OwnerPin)Add(shared.Alias(fid, sfi));
        }

        /// <summary>
        /// An RSA-2048 private key named like an EF (SELECT EF of its FID, or P2 = 80|SFI), used
        /// when <paramref name="use"/> holds; personalization generates it on the card.
        /// </summary>
        public RsaPrivateKey CreateRsaKey(short fid, byte sfi, ICrypto crypto, AccessRule use)
        {
            return RsaKeyIn(RenewalSet.NotRenewed, fid, sfi, crypto, use);
        }

        /// <summary>An ECDSA private key (P-256 or P-384, chosen when generated), named and used like an RSA one.</summary>
        public EcPrivateKey CreateEcKey(short fid, byte sfi, ICrypto crypto, AccessRule use)
        {
            return EcKeyIn(RenewalSet.NotRenewed, fid, sfi, crypto, use);
        }

        /// <summary>
        /// Gives the DF a <see cref="RenewalSet"/>; call before creating renewable entries. Its
        /// byte is the store object named FID FFFF, which ISO reserves, so it meets no file.
        /// </summary>
        public void MakeRenewable()
        {
            Renewal = new RenewalSet(store.Allocate(ObjectId(-1), ObjectKind.AppletData, 1, 0x00));
        }

        /// <summary>A transparent EF in both key sets (a certificate renewed with its key).</summary>
        public void CreateRenewableTransparentEf(short fid, byte sfi, short size, byte filler, AccessRule read, AccessRule update)
        {
            TransparentEfIn(0, fid, sfi, size, filler, read, update);
            TransparentEfIn(1, fid, sfi, size, filler, read, update);
        }

        /// <summary>An RSA key in both key sets.</summary>
        public void CreateRenewableRsaKey(short fid, byte sfi, ICrypto crypto, AccessRule use)
        {
            RsaKeyIn(0, fid, sfi, crypto, use);
            RsaKeyIn(1, fid, sfi, crypto, use);
        }

        /// <summary>An EC key in both key sets.</summary>
        public void CreateRenewableEcKey(short fid, byte sfi, ICrypto crypto, AccessRule use)
        {
            EcKeyIn(0, fid, sfi, crypto, use);
            EcKeyIn(1, fid, sfi, crypto, use);
        }

        /// <summary>
        /// A transparent EF's object: one outside the key sets may have been resized at
        /// personalization and is found at its stored size; a renewable one keeps its size, since a
        /// renewed certificate must fit where the old one was.
        /// </summary>
        private TransparentEf TransparentEfIn(byte keySet, short fid, byte sfi, short size, byte filler, AccessRule read, AccessRule update)
        {
            bool resizable = keySet == RenewalSet.NotRenewed;
            uint objectId = ObjectId(fid, keySet);
            PersistentBytes body = resizable
                ? store.AllocateUpTo(objectId, ObjectKind.TransparentEf, size, filler)
                : store.Allocate(objectId, ObjectKind.TransparentEf, size, filler);
            return (TransparentEf)Add(new TransparentEf(fid, sfi, body, filler, read, update, resizable ? size : (short)0), keySet);
        }

        private RsaPrivateKey RsaKeyIn(byte keySet, short fid, byte sfi, ICrypto crypto, AccessRule use)
        {
            return (RsaPrivateKey)Add(new RsaPrivateKey(fid, sfi, crypto, KeyRecordFor(fid, keySet, RsaPrivateKey.BodyLength), Secrets.KeySlots, use), keySet);
        }

        private EcPrivateKey EcKeyIn(byte keySet, short fid, byte sfi, ICrypto crypto, AccessRule use)
        {
            return (EcPrivateKey)Add(new EcPrivateKey(fid, sfi, crypto, KeyRecordFor(fid, keySet, EcPrivateKey.BodyLength), Secrets.KeySlots, use), keySet);
        }

        private KeyRecord KeyRecordFor(short fid, byte keySet, short bodyLength)
        {
            return new KeyRecord(store.Allocate(ObjectId(fid, keySet), ObjectKind.Key, KeyRecord.SizeFor(bodyLength), 0x00), Secrets, bodyLength);
        }

        /// <summary>Key set 1's objects are named with the top bit of the DF id set; set 0 and shared entries use the plain name.</summary>
        private uint ObjectId(short fid, byte keySet)
        {
            return keySet == 1 ? ObjectId(fid) | 0x80000000 : ObjectId(fid);
        }

        /// <summary>The store's <see cref="SecretSeal"/>: PINs and keys are refused by a store made without one.</summary>
        private SecretSeal Secrets
        {
            get
            {
                if (store.Secrets == null)
                {
                    throw new System.InvalidOperationException("the store has no SecretSeal for PINs and keys");
                }
                return store.Secrets;
            }
        }

        private uint ObjectId(short fid)
        {
            return ObjectIdOf(id, fid);
        }

        /// <summary>The store object that holds entry <paramref name="fid"/> of DF <paramref name="dfId"/> (key set 0): <c>DF id (2) | FID (2)</c>.</summary>
        public static uint ObjectIdOf(ushort dfId, short fid)
        {
            return ((uint)dfId << 16) | (ushort)fid;
        }

        /// <summary>The EF chosen by the last SELECT EF or SFI-form READ/UPDATE; null when none.</summary>
        public FileEntry Current { get; set; }

        public int Count { get { return count; } }

        public FileEntry this[int index] { get { return entries[index]; } }

        /// <summary>Adds <paramref name="entry"/>; FIDs and SFIs must be unique in the DF (within a key set for renewable ones).</summary>
        public FileEntry Add(FileEntry entry)
        {
            return Add(entry, RenewalSet.NotRenewed);
        }

        private FileEntry Add(FileEntry entry, byte keySet)
        {
            if (count == entries.Length)
            {
                throw new System.InvalidOperationException("DF full");
            }
            if (keySet != RenewalSet.NotRenewed && Renewal == null)
            {
                throw new System.InvalidOperationException("DF not renewable");
            }
            entry.KeySet = keySet;
            for (int i = 0; i < count; i++)
            {
                FileEntry other = entries[i];
                bool sameSet = keySet == RenewalSet.NotRenewed || other.KeySet == RenewalSet.NotRenewed || other.KeySet == keySet;
                if (sameSet && (other.Fid == entry.Fid || (entry.Sfi != FileEntry.NoSfi && other.Sfi == entry.Sfi)))
                {
                    throw new System.ArgumentException("FID or SFI already used in this DF");
                }
            }
            entries[count++] = entry;
            return entry;
        }

        /// <summary>The DF's renewal key sets; null for a DF without renewable entries.</summary>
        public RenewalSet Renewal { get; private set; }

        /// <summary>True for entries that commands see: shared ones, and renewable ones of <see cref="RenewalSet.Visible"/>.</summary>
        public bool IsVisible(FileEntry entry)
        {
            return entry.KeySet == RenewalSet.NotRenewed || entry.KeySet == Renewal.Visible;
        }

        public FileEntry FindByFid(short fid)
        {
            for (int i = 0; i < count; i++)
            {
                if (entries[i].Fid == fid && IsVisible(entries[i]))
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
                if (entries[i].Sfi == sfi && IsVisible(entries[i]))
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
            if (Renewal != null)
            {
                Renewal.Erase();
            }
        }

        /// <summary>
        /// Starts filling the standby key set: its entries are erased (so nothing from an older
        /// renewal survives) and become the ones commands see until commit or cancel. The active
        /// set is not touched, so a cut here changes nothing in use.
        /// </summary>
        public void BeginRenewal()
        {
            CancelRenewal();
            Renewal.Begin();
            for (int i = 0; i < count; i++)
            {
                if (entries[i].KeySet == Renewal.Visible)
                {
                    entries[i].Erase();
                }
            }
        }

        /// <summary>
        /// Switches to the standby set if it is complete (every key generated, every EF written
        /// from its first byte on); false, changing nothing, when it is not or no renewal is open.
        /// </summary>
        public bool CommitRenewal()
        {
            if (Renewal == null || !Renewal.IsStaging)
            {
                return false;
            }
            for (int i = 0; i < count; i++)
            {
                FileEntry entry = entries[i];
                if (entry.KeySet == Renewal.Visible && !entry.HasContent)
                {
                    return false;
                }
            }
            Current = null;
            Renewal.Commit();
            return true;
        }

        /// <summary>Ends a renewal without switching: the active set stays in use.</summary>
        public void CancelRenewal()
        {
            Current = null;
            if (Renewal != null)
            {
                Renewal.Cancel();
            }
        }

        /// <summary>Clears every PIN's verified flag, the current EF and an unfinished renewal.</summary>
        public void ClearSecurityState()
        {
            CancelRenewal();
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
