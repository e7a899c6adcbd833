using NanoCard.Applets.CardManager;
using NanoCard.Os;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Shared
{
    /// <summary>
    /// What every AP needs to know about the card as a whole: its profile, its life cycle (kept in
    /// the store header) and whether the command at hand is the issuer's. gen1: personalization is
    /// open before issuance, and after it to the issuer (EXTERNAL AUTHENTICATE 00 82 since the last
    /// reset, or the issuer's SCP03 session). gen2: everything the issuer does, before issuance too,
    /// comes through the issuer's SCP03 session (docs/apdu-spec.md §11.1).
    /// </summary>
    public sealed class CardState
    {
        private readonly CardStore store;

        public CardState(CardStore store, byte profile)
        {
            this.store = store;
            Profile = profile;
        }

        /// <summary><see cref="CardProfile.Gen1"/> or <see cref="CardProfile.Gen2"/>.</summary>
        public byte Profile { get; }

        public bool IsGen2 { get { return Profile == CardProfile.Gen2; } }

        public bool IsIssued { get { return store.LifeCycle == LifeCycle.Secured; } }

        public bool IsTerminated { get { return store.LifeCycle == LifeCycle.Terminated; } }

        /// <summary>gen1: true from a correct EXTERNAL AUTHENTICATE (00 82) to the next card reset.</summary>
        public bool IssuerAuthenticated { get; internal set; }

        /// <summary>The issuer security domain; the card manager sets it when it is made.</summary>
        internal IssuerDomain Issuer { get; set; }

        /// <summary>
        /// The command counts as the issuer's: it came through the issuer's session at
        /// <paramref name="minimumLevel"/> or above (<see cref="IssuerDomain.SessionIsIssuers"/>), or,
        /// on gen1 only, the issuer authenticated with 00 82.
        /// </summary>
        public bool IssuerPresent(byte minimumLevel)
        {
            if (!IsGen2 && IssuerAuthenticated)
            {
                return true;
            }
            return Issuer != null && Issuer.SessionIsIssuers(minimumLevel);
        }

        /// <summary>
        /// Whether a personalization command (and PUT DATA) may run: 9000, or the status word that
        /// refuses it. gen1: before issuance, or issued with the issuer present; otherwise 6985.
        /// gen2: before issuance or issued, with the issuer's session at <paramref name="minimumLevel"/>;
        /// 6982 without it, 6985 in another life cycle.
        /// </summary>
        public ushort PersonalizationAccess(byte minimumLevel)
        {
            byte state = store.LifeCycle;
            if (state != LifeCycle.OpReady && state != LifeCycle.Secured)
            {
                return Sw.ConditionsNotSatisfied;
            }
            if (IsGen2)
            {
                return IssuerPresent(minimumLevel) ? Sw.NoError : Sw.SecurityStatusNotSatisfied;
            }
            return state == LifeCycle.OpReady || IssuerPresent(minimumLevel) ? Sw.NoError : Sw.ConditionsNotSatisfied;
        }
    }
}
