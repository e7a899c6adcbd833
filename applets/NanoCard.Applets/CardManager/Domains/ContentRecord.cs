using NanoCard.Os;
using NanoCard.Os.Files;
using NanoCard.Os.Store;

namespace NanoCard.Applets.CardManager.Domains
{
    /// <summary>
    /// The store record of one thing installed after issuance, a security domain or an AP
    /// (docs/eeprom-layout.md, "Installed content"): object <c>DF id | FFFE</c>. Its state byte
    /// is the install's commit point: the record is made first (state 00, incomplete), then the
    /// AP's objects, then the state becomes <see cref="Live"/> in one write. A power-up that finds
    /// an incomplete record frees every object of that DF id, the record with them. (DELETE needs
    /// no mark: it frees the DF's objects and the record in one transaction.)
    /// </summary>
    public sealed class ContentRecord
    {
        /// <summary>The record's FID in its DF: among the FIDs <c>FFF0</c>–<c>FFFF</c> no description may use.</summary>
        public const short Fid = unchecked((short)0xFFFE);

        /// <summary>A domain's SCP03 key set's FID in its DF.</summary>
        public const short KeySetFid = unchecked((short)0xFFFD);

        public const byte Live = 0xA5;

        public const byte TypeAp = 0x01;
        public const byte TypeDomain = 0x02;
        /// <summary>A domain whose quota is reserved for it: the 条例利用 area (docs/apdu-spec.md §11.4).</summary>
        public const byte TypeReservingDomain = 0x03;

        /// <summary>Who locked it: nobody, its owning domain, or the issuer (whose lock only the issuer lifts).</summary>
        public const byte NotLocked = 0x00;
        public const byte LockedByOwner = 0x01;
        public const byte LockedByIssuer = 0x02;

        private const short OffsetState = 0;
        private const short OffsetType = 1;
        private const short OffsetLock = 2;
        private const short OffsetOwner = 3;
        private const short OffsetQuota = 5;
        private const short OffsetAidLength = 9;
        private const short OffsetAid = 10;
        private const short OffsetDescriptionLength = 26;
        /// <summary>Bytes before the description.</summary>
        public const short HeaderLength = 28;

        private readonly PersistentBytes bytes;
        /// <summary>
        /// <see cref="HeaderLength"/> bytes to build or read the header in, and for the one- and
        /// two-byte fields after: the card's, shared by all its records (each call uses it only until
        /// it returns), not one per record on the device's heap.
        /// </summary>
        private readonly byte[] one;

        private ContentRecord(PersistentBytes bytes, ushort dfId, byte[] scratch)
        {
            if (scratch.Length < HeaderLength)
            {
                throw new System.ArgumentException("scratch");
            }
            this.bytes = bytes;
            DfId = dfId;
            one = scratch;
        }

        public ushort DfId { get; }

        public byte Type { get; private set; }

        public bool IsDomain { get { return Type == TypeDomain || Type == TypeReservingDomain; } }

        /// <summary>A domain whose quota no other install may take.</summary>
        public bool Reserves { get { return Type == TypeReservingDomain; } }

        public ushort Owner { get; private set; }

        /// <summary>Bytes a domain's APs may take (0 for an AP).</summary>
        public int Quota { get; private set; }

        public byte LockedBy { get; private set; }

        /// <summary>The store object id of entry <paramref name="fid"/> of <paramref name="dfId"/>.</summary>
        public static uint ObjectId(ushort dfId)
        {
            return DedicatedFile.ObjectIdOf(dfId, Fid);
        }

        /// <summary>Bytes the record of a description of <paramref name="descriptionLength"/> bytes takes.</summary>
        public static int SizeFor(int descriptionLength)
        {
            return HeaderLength + descriptionLength;
        }

        /// <summary>
        /// Makes the record, still incomplete, with its header and description: the first write of
        /// an install. <paramref name="description"/> may be null (a domain). <paramref name="scratch"/>:
        /// at least <see cref="HeaderLength"/> bytes the record may use while its calls run, shared by the card's records.
        /// </summary>
        public static ContentRecord Create(CardStore store, byte[] scratch, ushort dfId, byte type, ushort owner, int quota,
            byte[] aid, short aidOffset, byte aidLength, byte[] description, short descriptionOffset, short descriptionLength)
        {
            PersistentBytes bytes = store.Allocate(ObjectId(dfId), ObjectKind.AppletData, (short)SizeFor(descriptionLength), 0x00);
            ContentRecord record = new ContentRecord(bytes, dfId, scratch);
            byte[] header = record.one;
            Util.ArrayFill(header, 0, HeaderLength, 0);
            header[OffsetType] = type;
            Util.SetShort(header, OffsetOwner, (short)owner);
            BigEndian.SetUInt32(header, OffsetQuota, (uint)quota);
            header[OffsetAidLength] = aidLength;
            Util.ArrayCopy(aid, aidOffset, header, OffsetAid, aidLength);
            Util.SetShort(header, OffsetDescriptionLength, descriptionLength);
            bytes.Write(0, header, 0, HeaderLength);
            if (descriptionLength > 0)
            {
                bytes.Write(HeaderLength, description, descriptionOffset, descriptionLength);
            }
            record.Type = type;
            record.Owner = owner;
            record.Quota = quota;
            return record;
        }

        /// <summary>The record of <paramref name="dfId"/> as a power-up finds it (<see cref="IsLive"/> tells whether the install finished).</summary>
        public static ContentRecord Open(CardStore store, ushort dfId, short size)
        {
            return Open(store, new byte[HeaderLength], dfId, size);
        }

        /// <summary><see cref="Open(CardStore, ushort, short)"/> with the card's shared scratch (see <see cref="Create"/>).</summary>
        public static ContentRecord Open(CardStore store, byte[] scratch, ushort dfId, short size)
        {
            ContentRecord record = new ContentRecord(store.Allocate(ObjectId(dfId), ObjectKind.AppletData, size, 0x00), dfId, scratch);
            byte[] header = record.one;
            record.bytes.Read(0, header, 0, HeaderLength);
            record.Type = header[OffsetType];
            record.LockedBy = header[OffsetLock];
            record.Owner = (ushort)Util.GetUShort(header, OffsetOwner);
            record.Quota = (int)BigEndian.GetUInt32(header, OffsetQuota);
            return record;
        }

        /// <summary>True once the install that made it finished.</summary>
        public bool IsLive
        {
            get
            {
                bytes.Read(OffsetState, one, 0, 1);
                return one[0] == Live;
            }
        }

        /// <summary>Bytes the record takes in the store.</summary>
        public short Size { get { return bytes.Size; } }

        /// <summary>Copies the AID to <c>dest[offset..)</c>; returns its length.</summary>
        public byte ReadAid(byte[] dest, short offset)
        {
            bytes.Read(OffsetAidLength, one, 0, 1);
            byte length = one[0];
            if (length < 5 || length > 16)
            {
                return 0;
            }
            bytes.Read(OffsetAid, dest, offset, length);
            return length;
        }

        /// <summary>The stored description's length (it follows the header).</summary>
        public short DescriptionLength
        {
            get
            {
                bytes.Read(OffsetDescriptionLength, one, 0, 2);
                return Util.GetShort(one, 0);
            }
        }

        /// <summary>Copies the description to <c>dest[offset..)</c>.</summary>
        public void ReadDescription(byte[] dest, short offset, short length)
        {
            bytes.Read(HeaderLength, dest, offset, length);
        }

        /// <summary>The install's commit point: one write of the state byte.</summary>
        public void MakeLive()
        {
            one[0] = Live;
            bytes.Write(OffsetState, one, 0, 1);
        }

        /// <summary>LOCK or UNLOCK (<see cref="NotLocked"/>), one write.</summary>
        public void SetLock(byte by)
        {
            one[0] = by;
            bytes.Write(OffsetLock, one, 0, 1);
            LockedBy = by;
        }
    }
}
