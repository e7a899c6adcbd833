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
    /// Builds today's card (profile gen1) on a runtime: the five APs and the card manager. Every
    /// entry point (simulator, device, tests) installs through here, so they all hold the same card.
    /// </summary>
    public static class MynaCardGen1
    {
        /// <summary>Installs the APs on <paramref name="runtime"/>; the store must be healthy. Returns the card manager.</summary>
        public static CardManagerApplet Install(CardRuntime runtime, ICrypto crypto)
        {
            CardStore store = runtime.Store;
            CardState card = new CardState(store);
            MynaApplet[] aps =
            {
                new JpkiAp(store, card, crypto),
                new TextAp(store, card, crypto),
                new VisualAp(store, card),
                new JukiAp(store, card),
                new CommonAp(store, card, crypto),
            };
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
    }
}
