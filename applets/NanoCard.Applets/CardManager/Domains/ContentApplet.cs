using NanoCard.Os;

namespace NanoCard.Applets.CardManager.Domains
{
    /// <summary>
    /// An applet installed after issuance, a security domain or an AP: what it is, who owns it and
    /// whether it is locked come from its <see cref="ContentRecord"/>. A locked one refuses
    /// selection (6999), as does everything on a terminated card.
    /// </summary>
    public abstract class ContentApplet : Applet
    {
        private readonly Shared.CardState card;
        private byte[] aid;

        protected ContentApplet(ContentRecord record, Shared.CardState card)
        {
            Record = record;
            this.card = card;
        }

        public ContentRecord Record { get; }

        public ushort DfId { get { return Record.DfId; } }

        public bool IsDomain { get { return Record.IsDomain; } }

        public bool IsLocked { get { return Record.LockedBy != ContentRecord.NotLocked; } }

        /// <summary>GlobalPlatform's life-cycle code GET STATUS shows: SELECTABLE 07 (an AP) or PERSONALIZED 0F (a domain), with b8 set while locked.</summary>
        public byte LifeCycleCode
        {
            get
            {
                byte code = IsDomain ? NanoCard.Os.Store.LifeCycle.Secured : GpSelectable;
                return IsLocked ? (byte)(code | 0x80) : code;
            }
        }

        private const byte GpSelectable = 0x07;

        /// <summary>Keeps a copy of the AID for GET STATUS's search, which must not touch the reply buffer.</summary>
        public override void Install()
        {
            aid = new byte[AidLength];
            GetAid(aid, 0);
        }

        /// <summary>True when the AID is exactly <c>other[offset..offset+length)</c>.</summary>
        public bool Matches(byte[] other, short offset, byte length)
        {
            return aid.Length == length && Util.ArrayCompare(aid, 0, other, offset, length) == 0;
        }

        /// <summary>Byte <paramref name="index"/> of the AID.</summary>
        public byte AidByte(int index)
        {
            return aid[index];
        }

        public override bool Select()
        {
            return !IsLocked && !card.IsTerminated;
        }
    }
}
