using NanoCard.Applets.CardManager;
using NanoCard.Os;
using NanoCard.Os.Credentials;
using NanoCard.Os.Files;
using NanoCard.Os.Keys;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Shared
{
    /// <summary>
    /// What the five APs share: a DF in the store, the ISO file and PIN commands, the
    /// personalization commands while the card allows them, and refusal to be selected once the
    /// card is terminated. Each AP adds its own files and, where it has one, its key command.
    /// </summary>
    public abstract class MynaApplet : Applet
    {
        /// <summary>Every 4-digit PIN (JPKI auth, text AP, 住基): ASCII digits (mynacard-interface.md §3.2).</summary>
        public static readonly PinFormat FourDigits = new PinFormat(4, 4, PinFormat.Digits);

        private readonly CardState card;

        protected MynaApplet(CardStore store, CardState card, ushort dfId, int capacity)
        {
            this.card = card;
            Df = new DedicatedFile(store, dfId, capacity);
        }

        protected CardState Card { get { return card; } }

        /// <summary>True on a gen2 card: the AP answers RESET RETRY COUNTER (<c>00 2C</c>) for the PINs the PUK unblocks.</summary>
        protected bool AnswersResetRetryCounter { get; set; }

        /// <summary>A terminated card opens none of its APs (6999).</summary>
        public override bool Select()
        {
            return !card.IsTerminated;
        }

        /// <summary>
        /// The AP's 4-digit PIN at <paramref name="fid"/>: its own on gen1 (<paramref name="credentials"/>
        /// null), the shared card PIN on gen2, where the AP then also answers RESET RETRY COUNTER.
        /// </summary>
        protected OwnerPin FourDigitPin(CardCredentials credentials, short fid)
        {
            if (credentials == null)
            {
                return Df.CreatePin(fid, (byte)fid, FourDigits);
            }
            AnswersResetRetryCounter = true;
            return Df.AddPin(credentials.CardPin, fid, (byte)fid);
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

        public override ushort Process(Apdu apdu)
        {
            if (apdu.Cla == ClassByte.Proprietary && Personalization.Handles(Df, apdu.Ins))
            {
                return card.PersonalizationAllowed ? Personalization.Process(Df, apdu) : Sw.ConditionsNotSatisfied;
            }
            if (AnswersResetRetryCounter && apdu.Ins == Iso7816.InsResetRetryCounter)
            {
                return FileCommands.ResetRetryCounter(Df, apdu);
            }
            return base.Process(apdu);
        }
    }
}
