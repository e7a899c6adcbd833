using NanoCard.Applets.Shared;
using NanoCard.Hal.Crypto;
using NanoCard.Os.SecureChannel;

namespace NanoCard.Applets.CardManager.Domains
{
    /// <summary>
    /// A supplementary domain's keys and channel (<see cref="SecurityDomain"/>), which the domain
    /// applet and every AP it installed use. It takes no session while the domain is locked or
    /// the card terminated (6985), so a locked domain's APs can be read but not personalized.
    /// </summary>
    public sealed class SupplementaryDomain : SecurityDomain
    {
        private readonly ContentRecord record;
        private readonly CardState card;

        public SupplementaryDomain(ICrypto crypto, Scp03KeySet keys, ContentRecord record, CardState card)
            : base(crypto, keys)
        {
            this.record = record;
            this.card = card;
        }

        public override bool AcceptsSessions
        {
            get { return record.LockedBy == ContentRecord.NotLocked && !card.IsTerminated; }
        }
    }
}
