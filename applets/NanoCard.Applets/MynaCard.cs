using NanoCard.Applets.CardManager;
using NanoCard.Applets.CommonCard;
using NanoCard.Applets.Jpki;
using NanoCard.Applets.Juki;
using NanoCard.Applets.Shared;
using NanoCard.Applets.Text;
using NanoCard.Applets.Visual;
using NanoCard.Hal.Crypto;
using NanoCard.Os.Description;
using NanoCard.Os.Files;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Applets
{
    /// <summary>
    /// Builds the card on a runtime: the five APs and the card manager, as today's card (profile
    /// gen1) or the next-generation one (gen2, docs/apdu-spec.md §13). Every entry point
    /// (simulator, device, tests) installs through here, so they all hold the same card. The
    /// profile is part of the EEPROM: a gen2 card keeps a one-byte marker object, so a card image
    /// always comes back as what it was made.
    /// </summary>
    public static class MynaCard
    {
        public const byte Gen1 = CardProfile.Gen1;
        public const byte Gen2 = CardProfile.Gen2;

        /// <summary>The gen2 marker: DF 0001 (the card's shared credentials), FID FFFF, which ISO reserves.</summary>
        private const short ProfileMarker = -1;

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
            CardState card = new CardState(store, profile);
            DedicatedFile credentials = null;
            if (profile == Gen2)
            {
                store.Allocate(ProfileObject, ObjectKind.AppletData, 1, Gen2);
                credentials = CardCredentials.Build(store, crypto);
            }
            MynaApplet[] aps =
            {
                new JpkiAp(store, card, crypto, profile, credentials),
                new TextAp(store, card, crypto, profile, credentials),
                new VisualAp(store, card, crypto, profile),
                new JukiAp(store, card, crypto, profile, credentials),
                new CommonAp(store, card, crypto, profile),
            };
            CardManagerApplet manager = new CardManagerApplet(store, card, runtime.Challenge, crypto, aps);
            // Every built-in AP belongs to the issuer security domain: its sessions are the card manager's key set's.
            for (int i = 0; i < aps.Length; i++)
            {
                byte[] aid = aps[i].InstallAid;
                runtime.Install(aps[i], aid, 0, (byte)aid.Length, manager.IssuerDomain);
            }
            runtime.Install(manager, CardManagerApplet.Aid, 0, (byte)CardManagerApplet.Aid.Length, manager.IssuerDomain);
            manager.Recover();
            return manager;
        }

        /// <summary>
        /// The descriptions of what a <paramref name="profile"/> card holds, in the order it
        /// allocates them: the shared credentials (gen2), the five APs, and the card manager's
        /// objects. The flasher's map, trace and lessons name DFs, files and PINs from these.
        /// </summary>
        public static ApDescription[] Describe(byte profile)
        {
            ApDescription[] aps =
            {
                JpkiDescription.Describe(profile),
                TextDescription.Describe(profile),
                VisualDescription.Describe(profile),
                JukiDescription.Describe(profile),
                CommonDescription.Describe(profile),
                CardManagerApplet.Describe(),
            };
            if (profile != Gen2)
            {
                return aps;
            }
            ApDescription[] all = new ApDescription[aps.Length + 1];
            all[0] = CardCredentials.Describe();
            System.Array.Copy(aps, 0, all, 1, aps.Length);
            return all;
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

        private static uint ProfileObject { get { return DedicatedFile.ObjectIdOf(CardCredentials.DfId, ProfileMarker); } }
    }
}
