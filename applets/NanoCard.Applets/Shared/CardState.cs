using NanoCard.Os.Store;

namespace NanoCard.Applets.Shared
{
    /// <summary>
    /// What every AP needs to know about the card as a whole: its life cycle (kept in the store
    /// header) and whether the issuer has authenticated since the last reset. Personalization
    /// commands are open before issuance, and after it only to an authenticated issuer (renewal).
    /// </summary>
    public sealed class CardState
    {
        private readonly CardStore store;

        public CardState(CardStore store)
        {
            this.store = store;
        }

        public bool IsIssued { get { return store.LifeCycle == LifeCycle.Secured; } }

        public bool IsTerminated { get { return store.LifeCycle == LifeCycle.Terminated; } }

        /// <summary>True from a correct EXTERNAL AUTHENTICATE to the next card reset.</summary>
        public bool IssuerAuthenticated { get; internal set; }

        /// <summary>Pre-issuance, or issued with the issuer authenticated.</summary>
        public bool PersonalizationAllowed
        {
            get
            {
                byte state = store.LifeCycle;
                return state == LifeCycle.OpReady || (state == LifeCycle.Secured && IssuerAuthenticated);
            }
        }
    }
}
