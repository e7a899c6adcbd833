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

        public override bool Select()
        {
            return !IsLocked && !card.IsTerminated;
        }
    }
}
