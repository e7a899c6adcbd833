using NanoCard.Applets.Shared;
using NanoCard.Hal.Crypto;
using NanoCard.Os;
using NanoCard.Os.Keys;
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

        /// <param name="session">The card's session state (the issuer domain's): a domain keeps its keys, not a session of its own.</param>
        public SupplementaryDomain(ICrypto crypto, Scp03KeySet keys, Scp03SessionState session, ContentRecord record, CardState card)
            : base(crypto, keys, session)
        {
            this.record = record;
            this.card = card;
        }

        public override bool AcceptsSessions
        {
            get { return record.LockedBy == ContentRecord.NotLocked && !card.IsTerminated; }
        }

        /// <summary>
        /// A new domain's key set: version ‖ ENC ‖ MAC ‖ DEK at <c>source[offset..)</c>, sealed in
        /// one write through the channels' work buffer (free between a channel's calls), then wiped.
        /// </summary>
        public void SetKeys(byte[] source, short offset)
        {
            byte[] work = WorkBuffer;
            short size = KeySet.BufferLength;
            Util.ArrayFill(work, 0, size, 0);
            work[KeyRecord.BodyOffset] = source[offset];
            Util.ArrayCopy(source, (short)(offset + 1), work, Scp03KeySet.EncOffset, 3 * Scp03KeySet.KeyLength);
            KeySet.Replace(work, 0);
            Util.ArrayFill(work, 0, size, 0);
        }
    }
}
