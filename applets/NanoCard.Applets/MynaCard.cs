using NanoCard.Applets.CardManager;
using NanoCard.Applets.Common;
using NanoCard.Applets.Jpki;
using NanoCard.Applets.Juki;
using NanoCard.Applets.Shared;
using NanoCard.Applets.Text;
using NanoCard.Applets.Visual;
using NanoCard.Hal.Crypto;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Applets
{
    /// <summary>
    /// Builds the card on a runtime: the five APs and the card manager, as today's card (profile
    /// gen1) or the next-generation one (gen2, next-gen-card.md). Every entry point (simulator,
    /// device, tests) installs through here, so they all hold the same card. The profile is part
    /// of the EEPROM: a gen2 card keeps a one-byte marker object, so a card image always comes back
    /// as what it was made.
    /// </summary>
    public static class MynaCard
    {
        public const byte Gen1 = 1;
        public const byte Gen2 = 2;

        /// <summary>The gen2 marker: DF id 0001 (the card's shared credentials), FID FFFF, which ISO reserves.</summary>
        private const uint ProfileObject = 0x0001FFFF;

        /// <summary>
        /// Installs the APs on <paramref name="runtime"/>; the store must be healthy. A blank store
        /// becomes <paramref name="profileIfBlank"/>; a used one keeps its profile. Returns the card manager.
        /// </summary>
        public static CardManagerApplet Install(CardRuntime runtime, ICrypto crypto, byte profileIfBlank)
        {
            if (profileIfBlank != Gen1 && profileIfBlank != Gen2)
            {
                throw new System.ArgumentOutOfRangeException("profileIfBlank");
            }
            CardStore store = runtime.Store;
            byte profile = ProfileOf(store);
            if (profile == 0)
            {
                profile = profileIfBlank;
            }
            CardState card = new CardState(store);
            MynaApplet[] aps;
            if (profile == Gen2)
            {
                store.Allocate(ProfileObject, ObjectKind.AppletData, 1, Gen2);
                CardCredentials credentials = new CardCredentials(store);
                aps = new MynaApplet[]
                {
                    new JpkiAp(store, card, crypto, credentials),
                    new TextAp(store, card, crypto, credentials),
                    new VisualAp(store, card, true),
                    new JukiAp(store, card, credentials),
                    new CommonAp(store, card, crypto, true),
                };
            }
            else
            {
                aps = new MynaApplet[]
                {
                    new JpkiAp(store, card, crypto),
                    new TextAp(store, card, crypto, null),
                    new VisualAp(store, card, false),
                    new JukiAp(store, card, null),
                    new CommonAp(store, card, crypto, false),
                };
            }
            byte[][] aids = { JpkiAp.Aid, TextAp.Aid, VisualAp.Aid, JukiAp.Aid, CommonAp.Aid };
            CardManagerApplet manager = new CardManagerApplet(store, card, runtime.Challenge, crypto, aps);
            for (int i = 0; i < aps.Length; i++)
            {
                runtime.Install(aps[i], aids[i], 0, (byte)aids[i].Length);
            }
            runtime.Install(manager, CardManagerApplet.Aid, 0, (byte)CardManagerApplet.Aid.Length);
            manager.Recover();
            return manager;
        }

        /// <summary><see cref="Gen1"/> or <see cref="Gen2"/> for a card installed before; 0 for a blank store.</summary>
        public static byte ProfileOf(CardStore store)
        {
            if (store.Contains(ProfileObject, ObjectKind.AppletData))
            {
                return Gen2;
            }
            return store.ObjectCount == 0 ? (byte)0 : Gen1;
        }
    }
}
