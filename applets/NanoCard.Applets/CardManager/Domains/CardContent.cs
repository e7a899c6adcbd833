using System.Collections;
using NanoCard.Applets.Shared;
using NanoCard.Hal.Crypto;
using NanoCard.Os;
using NanoCard.Os.Description;
using NanoCard.Os.Files;
using NanoCard.Os.Keys;
using NanoCard.Os.Runtime;
using NanoCard.Os.SecureChannel;
using NanoCard.Os.Store;

namespace NanoCard.Applets.CardManager.Domains
{
    /// <summary>
    /// What was installed after issuance: supplementary security domains and the APs each domain
    /// (the issuer's, which is the card manager, or a supplementary one) installed from a
    /// description. Installs, deletes, locks and accounts for them (docs/apdu-spec.md §11.2,
    /// docs/eeprom-layout.md "Installed content"): every step goes through a
    /// <see cref="ContentRecord"/> whose state byte is the commit point, so a power cut leaves each
    /// one wholly there or wholly gone, and <see cref="Load"/> at power-up rebuilds the live ones
    /// and frees what an interrupted install or delete left.
    /// </summary>
    public sealed class CardContent
    {
        /// <summary>The issuer security domain: the card manager's DF id owns the issuer's installed APs.</summary>
        public const ushort IssuerDomain = CardManagerApplet.DfId;

        /// <summary>DF ids the card gives security domains (installed APs take theirs from their description, below these).</summary>
        public const ushort FirstDomainDfId = 0xE000;
        public const ushort LastDomainDfId = 0xEFFF;

        /// <summary>Bytes a domain itself takes (its record and its sealed key set): the issuer's space, not the domain's quota.</summary>
        public static readonly int DomainBytes = ContentRecord.SizeFor(0) + KeyRecord.SizeFor(Scp03KeySet.BodyLength);

        private readonly CardRuntime runtime;
        private readonly ICrypto crypto;
        private readonly CardState card;
        private readonly DedicatedFile credentials;
        private readonly IssuerDomain issuer;
        /// <summary>The installed domains and APs; made with the first of them, so a card without any keeps no list (the device's heap budget).</summary>
        private ArrayList items;
        /// <summary>The buffer every content record works in (<see cref="ContentRecord.HeaderLength"/> bytes), made with the first record.</summary>
        private byte[] recordScratch;

        /// <param name="credentials">The gen2 card's shared credentials, whose card PIN an installed AP may share; null on gen1.</param>
        /// <param name="issuer">The issuer security domain (the card manager's), under which the issuer's installed APs go.</param>
        public CardContent(CardRuntime runtime, ICrypto crypto, CardState card, DedicatedFile credentials, IssuerDomain issuer)
        {
            this.runtime = runtime;
            this.crypto = crypto;
            this.card = card;
            this.credentials = credentials;
            this.issuer = issuer;
        }

        private CardStore Store { get { return runtime.Store; } }

        private byte[] RecordScratch
        {
            get
            {
                if (recordScratch == null)
                {
                    recordScratch = new byte[ContentRecord.HeaderLength];
                }
                return recordScratch;
            }
        }

        /// <summary>The card's one SCP03 session state, the issuer domain's, which every installed domain shares.</summary>
        internal Scp03SessionState Session { get { return issuer.Session; } }

        public int Count { get { return items == null ? 0 : items.Count; } }

        public ContentApplet this[int index] { get { return (ContentApplet)items[index]; } }

        /// <summary>Where GET STATUS with P2 03 (next occurrence) goes on.</summary>
        public int StatusCursor { get; set; }

        /// <summary>The card's life-cycle byte (the issuer domain's, in GET STATUS).</summary>
        public byte CardLifeCycle { get { return Store.LifeCycle; } }

        /// <summary>
        /// Bytes a new object can still get in the store for anyone but a reserving domain: the
        /// largest free extent less what reserving domains (the 条例利用 area) still hold for their APs.
        /// </summary>
        public int FreeBytes
        {
            get
            {
                int free = Store.FreeBytes - ReservedLeft(0);
                return free < 0 ? 0 : free;
            }
        }

        /// <summary>
        /// What the reserving domains other than <paramref name="except"/> still hold for their
        /// APs: for each, its quota less the bytes its APs use.
        /// </summary>
        public int ReservedLeft(ushort except)
        {
            int total = 0;
            for (int i = 0; i < Count; i++)
            {
                ContentApplet item = (ContentApplet)items[i];
                if (item.Record.Reserves && item.DfId != except)
                {
                    int left = item.Record.Quota - DomainUsed(item.DfId);
                    total += left > 0 ? left : 0;
                }
            }
            return total;
        }

        /// <summary>The shared card PIN's FID an installed AP may show (gen2), 0 when the card has none.</summary>
        public short CardPinFid { get { return credentials == null ? (short)0 : CardCredentials.CardPin; } }

        /// <summary>
        /// Power-up, after the built-in APs: finishes every interrupted install or delete (frees
        /// its objects), then installs the live domains and, after them, their APs.
        /// </summary>
        public void Load()
        {
            byte[] entry = new byte[DirectoryEntry.Length];
            ushort dfId;
            while ((dfId = IncompleteRecord(entry)) != 0)
            {
                FreeObjects(dfId);
            }
            for (int pass = 0; pass < 2; pass++)
            {
                int at = 0;
                while (at < Store.ObjectCount)
                {
                    Store.ReadDirectoryEntry(at++, entry);
                    if (!IsRecordEntry(entry))
                    {
                        continue;
                    }
                    ContentRecord record = ContentRecord.Open(Store, RecordScratch, DfIdOf(entry), (short)Util.GetUShort(entry, DirectoryEntry.OffsetSize));
                    if (pass == 0 && record.IsDomain)
                    {
                        SecurityDomainApplet domain = new SecurityDomainApplet(record, card, Store, crypto, this);
                        Register(domain, record, domain.Keys, null, 0);
                    }
                    else if (pass == 1 && record.Type == ContentRecord.TypeAp)
                    {
                        LoadAp(record);
                    }
                }
            }
        }

        /// <summary>The installed domain or AP with exactly this AID, or null.</summary>
        public ContentApplet Find(byte[] aid, short offset, byte length)
        {
            for (int i = 0; i < Count; i++)
            {
                ContentApplet item = (ContentApplet)items[i];
                if (item.Matches(aid, offset, length))
                {
                    return item;
                }
            }
            return null;
        }

        /// <summary>The installed domain with DF id <paramref name="dfId"/>, or null.</summary>
        public SecurityDomainApplet Domain(ushort dfId)
        {
            for (int i = 0; i < Count; i++)
            {
                SecurityDomainApplet domain = items[i] as SecurityDomainApplet;
                if (domain != null && domain.DfId == dfId)
                {
                    return domain;
                }
            }
            return null;
        }

        /// <summary>
        /// INSTALL of an AP for <paramref name="owner"/> from the description in
        /// <c>data[offset..offset+length)</c>. 9000 installed and selectable; 6A89 the AID or the
        /// description's DF id is taken; 6A80 an invalid AID or description; 6A84 the owner's
        /// quota, the card's free space, its directory, counters or applet table would not hold
        /// it. Every refusal is decided before the first write.
        /// </summary>
        public ushort InstallAp(ushort owner, byte[] aid, short aidOffset, byte aidLength, byte[] data, short offset, short length)
        {
            ushort sw = CheckNewAid(aid, aidOffset, aidLength);
            if (sw != Sw.NoError)
            {
                return sw;
            }
            byte[] aidCopy = new byte[aidLength];
            Util.ArrayCopy(aid, aidOffset, aidCopy, 0, aidLength);
            ApDescription description = DescriptionCodec.Decode(aidCopy, data, offset, length, CardPinFid);
            if (description == null)
            {
                return Sw.WrongData;
            }
            if (HasObjects(description.DfId))
            {
                return Sw.DataObjectAlreadyExists;
            }
            int bytes = ContentRecord.SizeFor(length) + DfFootprint.Bytes(description);
            if (owner != IssuerDomain)
            {
                SecurityDomainApplet domain = Domain(owner);
                if (domain == null || (long)DomainUsed(owner) + bytes > domain.Record.Quota)
                {
                    return Sw.NotEnoughMemoryInFile;
                }
            }
            // Another domain's reservation stays free for it; a reserving domain's own is what its APs use.
            if (!Fits(bytes + ReservedLeft(owner), 1 + DfFootprint.Objects(description), DfFootprint.Counters(description)))
            {
                return Sw.NotEnoughMemoryInFile;
            }
            ContentRecord record = ContentRecord.Create(Store, RecordScratch, description.DfId, ContentRecord.TypeAp, owner, 0,
                aid, aidOffset, aidLength, data, offset, length);
            InstalledAp ap;
            try
            {
                ap = new InstalledAp(record, card, Store, description, crypto, credentials, DomainOf(owner));
            }
            catch (System.InvalidOperationException)
            {
                // The store ran out where the footprint said it would not: undo, so nothing stays.
                FreeObjects(description.DfId);
                return Sw.NotEnoughMemoryInFile;
            }
            catch (TransactionException)
            {
                FreeObjects(description.DfId);
                return Sw.NotEnoughMemoryInFile;
            }
            record.MakeLive();
            Register(ap, record, ap.Owner, aid, aidOffset);
            return Sw.NoError;
        }

        /// <summary>
        /// INSTALL of a security domain (the issuer's command): its AID, its key set (version ‖ ENC
        /// ‖ MAC ‖ DEK at <paramref name="keysOffset"/>) and its quota in bytes, which
        /// <paramref name="reserve"/> holds for its APs alone (the 条例利用 area). 9000; 6A89 AID
        /// taken; 6A80 an invalid AID, key version or quota; 6A84 no room (for a reservation: the
        /// free space less the other reservations cannot hold it).
        /// </summary>
        public ushort CreateDomain(byte[] aid, short aidOffset, byte aidLength, byte[] keys, short keysOffset, int quota, bool reserve)
        {
            ushort sw = CheckNewAid(aid, aidOffset, aidLength);
            if (sw != Sw.NoError)
            {
                return sw;
            }
            byte version = keys[keysOffset];
            if (quota < 0 || quota > Store.Layout.Size || version == 0 || version > 0x7F)
            {
                return Sw.WrongData;
            }
            ushort dfId = FreeDomainDfId();
            if (dfId == 0 || !Fits(DomainBytes + ReservedLeft(0) + (reserve ? quota : 0), 2, 0))
            {
                return Sw.NotEnoughMemoryInFile;
            }
            ContentRecord record = ContentRecord.Create(Store, RecordScratch, dfId, reserve ? ContentRecord.TypeReservingDomain : ContentRecord.TypeDomain, IssuerDomain, quota,
                aid, aidOffset, aidLength, null, 0, 0);
            SecurityDomainApplet domain;
            try
            {
                domain = new SecurityDomainApplet(record, card, Store, crypto, this);
            }
            catch (System.InvalidOperationException)
            {
                FreeObjects(dfId);
                return Sw.NotEnoughMemoryInFile;
            }
            domain.Keys.SetKeys(keys, keysOffset);
            record.MakeLive();
            Register(domain, record, domain.Keys, aid, aidOffset);
            return Sw.NoError;
        }

        /// <summary>
        /// DELETE by <paramref name="acting"/>: the issuer deletes any installed AP or domain, a
        /// domain only its own APs (another's answers 6A88, as if absent). A domain that still has
        /// APs goes only with <paramref name="related"/> (GlobalPlatform's P2 80), taking them
        /// along; otherwise 6985. Built-in APs cannot be deleted (6985 to the issuer).
        /// </summary>
        public ushort Delete(ushort acting, byte[] aid, short offset, byte length, bool related)
        {
            ushort sw;
            ContentApplet item = Target(acting, aid, offset, length, out sw);
            if (item == null)
            {
                return sw;
            }
            if (item.IsDomain)
            {
                if (HasAps(item.DfId) && !related)
                {
                    return Sw.ConditionsNotSatisfied;
                }
                for (int i = Count - 1; i >= 0; i--)
                {
                    if (IsApOf((ContentApplet)items[i], item.DfId))
                    {
                        Remove((ContentApplet)items[i]);
                    }
                }
            }
            Remove(item);
            return Sw.NoError;
        }

        /// <summary>
        /// LOCK (<paramref name="lockIt"/>) or UNLOCK: the issuer for anything installed, a domain
        /// for its own APs; a domain cannot lift the issuer's lock (6982).
        /// </summary>
        public ushort SetLock(ushort acting, byte[] aid, short offset, byte length, bool lockIt)
        {
            ushort sw;
            ContentApplet item = Target(acting, aid, offset, length, out sw);
            if (item == null)
            {
                return sw;
            }
            bool issuer = acting == IssuerDomain;
            if (!lockIt && item.Record.LockedBy == ContentRecord.LockedByIssuer && !issuer)
            {
                return Sw.SecurityStatusNotSatisfied;
            }
            byte by = !lockIt ? ContentRecord.NotLocked : issuer ? ContentRecord.LockedByIssuer : ContentRecord.LockedByOwner;
            if (item.Record.LockedBy != by)
            {
                item.Record.SetLock(by);
            }
            return Sw.NoError;
        }

        /// <summary>Factory reset: every installed domain and AP goes, each as DELETE does it.</summary>
        public void RemoveAll()
        {
            for (int i = Count - 1; i >= 0; i--)
            {
                Remove((ContentApplet)items[i]);
            }
        }

        /// <summary>True when <paramref name="acting"/> may see and manage <paramref name="item"/>: the issuer everything, a domain its own APs.</summary>
        public static bool Manages(ushort acting, ContentApplet item)
        {
            return acting == IssuerDomain || (!item.IsDomain && item.Record.Owner == acting);
        }

        /// <summary>Data bytes of the store objects of DF <paramref name="dfId"/> (try counters live apart and count none).</summary>
        public int BytesUsed(ushort dfId)
        {
            return Store.UsedBytesOf(dfId);
        }

        /// <summary>Bytes the APs of domain <paramref name="domain"/> take: what counts against its quota.</summary>
        public int DomainUsed(ushort domain)
        {
            int total = 0;
            for (int i = 0; i < Count; i++)
            {
                ContentApplet item = (ContentApplet)items[i];
                total += IsApOf(item, domain) ? BytesUsed(item.DfId) : 0;
            }
            return total;
        }

        private void LoadAp(ContentRecord record)
        {
            SecurityDomain owner = DomainOf(record.Owner);
            short length = record.DescriptionLength;
            byte[] scratch = new byte[256];
            byte aidLength = record.ReadAid(scratch, 0);
            if (owner == null || aidLength == 0 || length < 1 || length > scratch.Length)
            {
                // An AP whose domain is gone (a domain goes only after its APs, so only an altered memory does this): freed.
                FreeObjects(record.DfId);
                return;
            }
            byte[] aid = new byte[aidLength];
            Util.ArrayCopy(scratch, 0, aid, 0, aidLength);
            record.ReadDescription(scratch, 0, length);
            ApDescription description = DescriptionCodec.Decode(aid, scratch, 0, length, CardPinFid);
            if (description == null)
            {
                // The card accepted it at INSTALL, so the memory was altered: leave it installed nowhere, untouched.
                return;
            }
            Register(new InstalledAp(record, card, Store, description, crypto, credentials, owner), record, owner, aid, 0);
        }

        /// <summary>Installs the applet in the runtime under its AID (<c>aid[offset..)</c>, or the record's when null) and lists it.</summary>
        private void Register(ContentApplet applet, ContentRecord record, SecurityDomain domain, byte[] aid, short offset)
        {
            if (aid == null)
            {
                aid = new byte[AppletRegistry.MaxAidLength];
                offset = 0;
            }
            byte length = record.ReadAid(aid, offset);
            runtime.Install(applet, aid, offset, length, domain);
            if (items == null)
            {
                items = new ArrayList();
            }
            items.Add(applet);
        }

        /// <summary>Takes the applet off the card: its objects and its record in one transaction, and out of the runtime.</summary>
        private void Remove(ContentApplet item)
        {
            runtime.Uninstall(item);
            items.Remove(item);
            FreeObjects(item.DfId);
        }

        private ContentApplet Target(ushort acting, byte[] aid, short offset, byte length, out ushort sw)
        {
            ContentApplet item = Find(aid, offset, length);
            if (item == null || !Manages(acting, item))
            {
                bool builtIn = item == null && runtime.Applets.Contains(aid, offset, length);
                sw = builtIn && acting == IssuerDomain ? Sw.ConditionsNotSatisfied : Sw.ReferencedDataNotFound;
                return null;
            }
            sw = Sw.NoError;
            return item;
        }

        private ushort CheckNewAid(byte[] aid, short offset, byte length)
        {
            if (length < AppletRegistry.MinAidLength || length > AppletRegistry.MaxAidLength)
            {
                return Sw.WrongData;
            }
            if (runtime.Applets.Contains(aid, offset, length))
            {
                return Sw.DataObjectAlreadyExists;
            }
            return runtime.Applets.HasRoom ? Sw.NoError : Sw.NotEnoughMemoryInFile;
        }

        /// <summary>
        /// True when <paramref name="bytes"/> in <paramref name="objects"/> objects, and
        /// <paramref name="counters"/> try counters, fit. The store's free bytes are its largest free
        /// extent, and each object may lose up to a page to alignment (docs/eeprom-layout.md), so
        /// the check asks for that much more: a refusal here is always before the first write.
        /// </summary>
        private bool Fits(int bytes, int objects, int counters)
        {
            if (objects > Store.FreeEntries || counters > Store.FreeCounters)
            {
                return false;
            }
            return (long)bytes + (long)objects * Store.Layout.PageSize <= Store.FreeBytes;
        }

        private bool HasAps(ushort domain)
        {
            for (int i = 0; i < Count; i++)
            {
                if (IsApOf((ContentApplet)items[i], domain))
                {
                    return true;
                }
            }
            return false;
        }

        private static bool IsApOf(ContentApplet item, ushort domain)
        {
            return !item.IsDomain && item.Record.Owner == domain;
        }

        private SecurityDomain DomainOf(ushort owner)
        {
            if (owner == IssuerDomain)
            {
                return issuer;
            }
            SecurityDomainApplet domain = Domain(owner);
            return domain == null ? null : domain.Keys;
        }

        private ushort FreeDomainDfId()
        {
            for (int id = FirstDomainDfId; id <= LastDomainDfId; id++)
            {
                if (!HasObjects((ushort)id))
                {
                    return (ushort)id;
                }
            }
            return 0;
        }

        private bool HasObjects(ushort dfId)
        {
            byte[] entry = new byte[DirectoryEntry.Length];
            for (int i = 0; i < Store.ObjectCount; i++)
            {
                Store.ReadDirectoryEntry(i, entry);
                if (DfIdOf(entry) == dfId)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>The DF id of the first record whose install did not finish, or 0.</summary>
        private ushort IncompleteRecord(byte[] entry)
        {
            for (int i = 0; i < Store.ObjectCount; i++)
            {
                Store.ReadDirectoryEntry(i, entry);
                if (IsRecordEntry(entry) && !ContentRecord.Open(Store, RecordScratch, DfIdOf(entry), (short)Util.GetUShort(entry, DirectoryEntry.OffsetSize)).IsLive)
                {
                    return DfIdOf(entry);
                }
            }
            return 0;
        }

        /// <summary>
        /// Frees every object of DF <paramref name="dfId"/>, its record included, in one transaction
        /// (<see cref="CardStore.DeleteDf"/> rewrites only directory pages, which the journal holds).
        /// </summary>
        private void FreeObjects(ushort dfId)
        {
            Store.BeginTransaction();
            Store.DeleteDf(dfId);
            Store.CommitTransaction();
        }

        private static bool IsRecordEntry(byte[] e)
        {
            return Util.GetUShort(e, DirectoryEntry.OffsetId + 2) == (ContentRecord.Fid & 0xFFFF)
                && e[DirectoryEntry.OffsetKind] == ObjectKind.AppletData;
        }

        private static ushort DfIdOf(byte[] e)
        {
            return (ushort)Util.GetUShort(e, DirectoryEntry.OffsetId);
        }
    }
}
