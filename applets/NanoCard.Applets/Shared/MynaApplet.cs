using NanoCard.Hal.Crypto;
using NanoCard.Os;
using NanoCard.Os.Credentials;
using NanoCard.Os.Description;
using NanoCard.Os.Files;
using NanoCard.Os.Keys;
using NanoCard.Os.Runtime;
using NanoCard.Os.SecureChannel;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Shared
{
    /// <summary>
    /// What the five APs share: a DF built from the AP's <see cref="ApDescription"/>, the
    /// personalization commands while the card allows them, and refusal to be selected once the
    /// card is terminated. Each AP lists its own instruction table in <see cref="Applet.Process"/>.
    /// </summary>
    public abstract class MynaApplet : Applet
    {
        private readonly CardState card;

        /// <param name="credentials">The gen2 card's shared credentials (<see cref="CardCredentials"/>); null on gen1.</param>
        protected MynaApplet(CardStore store, CardState card, ApDescription description, ICrypto crypto, DedicatedFile credentials, byte profile)
        {
            this.card = card;
            InstallAid = description.Aid;
            Profile = profile;
            Df = DfBuilder.Build(store, description, crypto, credentials);
        }

        /// <summary>
        /// The AID its description gives, which <see cref="MynaCard"/> installs it under. The description itself is not kept: the card holds the
        /// DF built from it, and the device's heap nothing more (docs/architecture.md).
        /// </summary>
        public byte[] InstallAid { get; }

        /// <summary><see cref="CardProfile.Gen1"/> or <see cref="CardProfile.Gen2"/>.</summary>
        public byte Profile { get; }

        protected bool IsGen2 { get { return Profile == CardProfile.Gen2; } }

        /// <summary>A terminated card opens none of its APs (6999).</summary>
        public override bool Select()
        {
            return !card.IsTerminated;
        }

        /// <summary>True when every PIN has a value and every key is generated: the card may be issued.</summary>
        public bool IsPersonalized
        {
            get
            {
                for (int i = 0; i < Df.Count; i++)
                {
                    FileEntry entry = Df[i];
                    if ((entry is OwnerPin || entry is PrivateKey) && Df.IsVisible(entry) && !entry.HasContent)
                    {
                        return false;
                    }
                }
                return true;
            }
        }

        /// <summary>Factory reset: every file, PIN and key of the AP back to how it was made.</summary>
        public void Erase()
        {
            Df.Erase();
        }

        /// <summary>
        /// Splits the AP's instruction table by class: CLA 80 (the card's own and the
        /// personalization commands) and the interindustry classes (ISO/IEC 7816-4). An ISO file or
        /// PIN instruction under another proprietary class answers 6E00, anything else there 6D00.
        /// </summary>
        public sealed override ushort Process(Apdu apdu)
        {
            if (apdu.Cla == ClassByte.Proprietary)
            {
                return ProcessProprietary(apdu);
            }
            if (!ClassByte.IsInterindustry(apdu.Cla))
            {
                return FileCommands.UnderProprietaryClass(apdu.Ins);
            }
            return ProcessInterindustry(apdu);
        }

        /// <summary>The AP's CLA 80 instructions: one <c>case</c> each, <see cref="FileCommands.UnderProprietaryClass"/> for the rest.</summary>
        protected abstract ushort ProcessProprietary(Apdu apdu);

        /// <summary>The AP's ISO instructions (CLA 00–7F): one <c>case</c> each, 6D00 for the rest.</summary>
        protected abstract ushort ProcessInterindustry(Apdu apdu);

        /// <summary>
        /// gen2 AP authentication (docs/apdu-spec.md §13.3): INTERNAL AUTHENTICATE answers with the
        /// AP's EC authentication key only, without a PIN; any other key of the AP 6985, so no key
        /// signs for two purposes.
        /// </summary>
        protected ushort AuthenticateAp(Apdu apdu, short apAuthKey)
        {
            ushort sw;
            PrivateKey key = KeyCommands.Find(Df, apdu.P2, out sw);
            if (key == null)
            {
                return sw;
            }
            return key.Fid == apAuthKey ? KeyCommands.InternalAuthenticate(apdu, key) : Sw.ConditionsNotSatisfied;
        }

        /// <summary>
        /// A personalization command (CLA 80, docs/apdu-spec.md §10) on this AP's DF when
        /// <see cref="CardState.PersonalizationAccess"/> allows it. Through a session, PUT CREDENTIAL,
        /// which carries a PIN's value, needs C-DECRYPTION; the others C-MAC.
        /// </summary>
        protected ushort Personalize(Apdu apdu)
        {
            byte level = apdu.Ins == MynaIns.PutCredential ? (byte)(SecurityLevel.CMac | SecurityLevel.CDecryption) : SecurityLevel.CMac;
            ushort sw = card.PersonalizationAccess(level);
            return sw == Sw.NoError ? Personalization.Process(Df, apdu) : sw;
        }
    }
}
