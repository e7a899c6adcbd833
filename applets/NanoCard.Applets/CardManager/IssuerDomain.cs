using NanoCard.Applets.Shared;
using NanoCard.Hal.Crypto;
using NanoCard.Os.SecureChannel;
using NanoCard.Os.Store;

namespace NanoCard.Applets.CardManager
{
    /// <summary>
    /// The issuer security domain: the card manager's SCP03 key set and channel, which every
    /// built-in AP is associated with (docs/apdu-spec.md §11.1). It decides when a session is the
    /// issuer's: on gen2 always (holding the key set is what makes the issuer; a card still on the
    /// public test set is a test card anyone may personalize, until issuance puts its own set);
    /// on gen1, under a key set PUT KEY loaded, or under the test set while the gen1 issuer key is
    /// still the factory one (a gen1 card locked to its issuer with the 00 82 key is not reopened
    /// by the public test set).
    /// </summary>
    public sealed class IssuerDomain : SecurityDomain
    {
        private readonly CardStore store;
        private readonly IssuerKey issuerKey;
        private readonly byte profile;

        public IssuerDomain(CardStore store, ICrypto crypto, byte profile, IssuerKey issuerKey, Scp03KeySet keys)
            : base(crypto, keys)
        {
            this.store = store;
            this.profile = profile;
            this.issuerKey = issuerKey;
        }

        /// <summary>The gen1 issuer key (EXTERNAL AUTHENTICATE 00 82, PUT KEY 80 D8 00 00).</summary>
        public IssuerKey IssuerKey { get { return issuerKey; } }

        /// <summary>A terminated card opens no session (6985).</summary>
        public override bool AcceptsSessions { get { return store.LifeCycle != LifeCycle.Terminated; } }

        /// <summary>
        /// True when the command came through this domain's session at <paramref name="minimumLevel"/>
        /// or above and the session is the issuer's (see the class).
        /// </summary>
        public bool SessionIsIssuers(byte minimumLevel)
        {
            if (!CameThroughSession(minimumLevel))
            {
                return false;
            }
            return profile == CardProfile.Gen2 || !KeySet.IsTestKeySet(WorkBuffer) || issuerKey.IsFactoryKey();
        }
    }
}
