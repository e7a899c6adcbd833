using NanoCard.Applets.CardManager.Domains;
using NanoCard.Applets.Shared;
using NanoCard.Hal.Crypto;
using NanoCard.Os;
using NanoCard.Os.Description;
using NanoCard.Os.Files;
using NanoCard.Os.Runtime;
using NanoCard.Os.SecureChannel;
using NanoCard.Os.Store;

namespace NanoCard.Applets.CardManager
{
    /// <summary>
    /// The card manager (docs/apdu-spec.md §11), under a NanoCard AID that no client probes: the
    /// life cycle pre-issuance (OP_READY) → issued (SECURED) → terminated, card data (PUT DATA /
    /// GET DATA), issuer authentication (GET CHALLENGE + EXTERNAL AUTHENTICATE), PUT KEY for the
    /// issuer key, and SET STATUS to issue, to factory-reset or to terminate the card.
    /// </summary>
    public sealed class CardManagerApplet : Applet
    {
        /// <summary>F0 (unregistered proprietary, ISO/IEC 7816-5 §5.1) + "NanoCardCM".</summary>
        public static readonly byte[] Aid = { 0xF0, 0x4E, 0x61, 0x6E, 0x6F, 0x43, 0x61, 0x72, 0x64, 0x43, 0x4D };

        /// <summary>Names the card manager's objects in the store (it has no files: its DF holds only these).</summary>
        public const ushort DfId = 0x00F0;

        /// <summary>The card data's object (<see cref="CardData"/>) under <see cref="DfId"/>.</summary>
        public const short CardDataObject = 0x0001;

        /// <summary>The issuer key's object (<see cref="IssuerKey"/>) under <see cref="DfId"/>.</summary>
        public const short IssuerKeyObject = 0x0002;

        /// <summary>The SCP03 key set's object (<see cref="Scp03KeySet"/>) under <see cref="DfId"/>.</summary>
        public const short Scp03KeySetObject = 0x0003;

        /// <summary>The class of EXTERNAL AUTHENTICATE and every wrapped command: 80 with GlobalPlatform's secure messaging bit.</summary>
        private const byte SecuredClass = 0x84;

        /// <summary>GET DATA tag of the life-cycle byte (GlobalPlatform's tag for it).</summary>
        public const short TagLifeCycle = unchecked((short)0x9F70);

        /// <summary>SET STATUS P1: the card itself (GlobalPlatform's status type 80).</summary>
        private const byte StatusTypeCard = 0x80;

        /// <summary>Life-cycle byte while a factory reset is erasing: a reset cut short resumes at power-up.</summary>
        private const byte Erasing = LifeCycle.Initialized;

        private readonly CardStore store;
        private readonly CardState card;
        private readonly CardChallenge challenge;
        private readonly CardData data;
        private readonly IssuerKey issuerKey;
        private readonly MynaApplet[] aps;
        private readonly Scp03Channel channel;

        public CardManagerApplet(CardStore store, CardState card, CardChallenge challenge, ICrypto crypto, MynaApplet[] aps)
        {
            this.store = store;
            this.card = card;
            this.challenge = challenge;
            this.aps = aps;
            data = new CardData(store, DedicatedFile.ObjectIdOf(DfId, CardDataObject));
            issuerKey = new IssuerKey(store, DedicatedFile.ObjectIdOf(DfId, IssuerKeyObject), crypto);
            channel = new Scp03Channel(crypto, new Scp03KeySet(store, DedicatedFile.ObjectIdOf(DfId, Scp03KeySetObject)));
        }

        public CardData Data { get { return data; } }

        /// <summary>What was installed after issuance (docs/apdu-spec.md §11.2); set once by <see cref="MynaCard.Install"/>.</summary>
        public CardContent Content { get; set; }

        /// <summary>The card manager as data: its AID and DF id; it has no files, PINs or keys an APDU names.</summary>
        public static ApDescription Describe()
        {
            return new ApDescription(Aid, DfId, "card manager", "カードマネージャ", new EntryDescription[0]);
        }

        /// <summary>At power-up, after every AP is installed: finishes a factory reset that a power cut interrupted.</summary>
        public void Recover()
        {
            if (store.LifeCycle == Erasing)
            {
                FactoryReset();
            }
        }

        /// <summary>The SCP03 channel: the runtime unwraps this applet's CLA 84 commands through it.</summary>
        public override ISecureChannel SecureChannel { get { return channel; } }

        public override void CardReset()
        {
            card.IssuerAuthenticated = false;
            base.CardReset();
        }

        /// <summary>Selection and reset close the SCP03 session (GlobalPlatform: a session lives in one selection).</summary>
        public override void ClearSecurityState()
        {
            channel.ResetSecurity();
            base.ClearSecurityState();
        }

        /// <summary>
        /// INS table. CLA 00: CA GET DATA, 82 EXTERNAL AUTHENTICATE, and the ISO file and PIN
        /// commands, which find no files here (the card manager has no DF). CLA 80: 50 INITIALIZE
        /// UPDATE, DA PUT DATA, D8 PUT KEY, F0 SET STATUS, and card content management E6 INSTALL,
        /// E4 DELETE, F2 GET STATUS, F0 SET STATUS of an application (§11.2); CLA 84: 82 EXTERNAL AUTHENTICATE (SCP03).
        /// Wrapped CLA 84 commands arrive here unwrapped, as CLA 80. Other proprietary classes
        /// 6E00; anything else 6D00.
        /// </summary>
        public override ushort Process(Apdu apdu)
        {
            if ((apdu.Cla == ClassByte.Proprietary && apdu.Ins == Scp03Channel.InsInitializeUpdate)
                || (apdu.Cla == SecuredClass && apdu.Ins == Scp03Channel.InsExternalAuthenticate))
            {
                return card.IsTerminated ? Sw.ConditionsNotSatisfied : channel.ProcessSecurity(apdu);
            }
            if (ClassByte.IsInterindustry(apdu.Cla))
            {
                switch (apdu.Ins)
                {
                    case Iso7816.InsGetData:
                        return GetData(apdu);
                    case Iso7816.InsExternalAuthenticate:
                        return ExternalAuthenticate(apdu);
                    case Iso7816.InsSelect:
                    case Iso7816.InsReadBinary:
                    case Iso7816.InsReadRecord:
                    case Iso7816.InsUpdateBinary:
                    case Iso7816.InsVerify:
                    case Iso7816.InsChangeReferenceData:
                        return FileCommands.Process(Df, apdu);
                    default:
                        return Sw.InsNotSupported;
                }
            }
            if (apdu.Cla != ClassByte.Proprietary)
            {
                return Sw.ClaNotSupported;
            }
            switch (apdu.Ins)
            {
                case Iso7816.InsPutData:
                    return PutData(apdu);
                case MynaIns.PutKey:
                    return PutKey(apdu);
                case MynaIns.SetStatus:
                    return apdu.P1 == StatusTypeCard ? SetStatus(apdu) : ManageContent(apdu);
                case ContentCommands.InsInstall:
                case ContentCommands.InsDelete:
                case ContentCommands.InsGetStatus:
                    return ManageContent(apdu);
                default:
                    return Sw.InsNotSupported;
            }
        }

        /// <summary>Card content management as the issuer security domain (§11.2): through the SCP03 channel, never on a terminated card.</summary>
        private ushort ManageContent(Apdu apdu)
        {
            return card.IsTerminated ? Sw.ConditionsNotSatisfied : ContentCommands.Process(Content, CardContent.IssuerDomain, channel, apdu);
        }

        /// <summary><c>00 CA P1P2 00</c>: card data by tag, or 9F70 = the life-cycle byte; 6A88 when unset.</summary>
        private ushort GetData(Apdu apdu)
        {
            if (apdu.Case != ApduCase.ResponseData)
            {
                return Sw.WrongLength;
            }
            short tag = Util.GetShort(apdu.Buffer, Iso7816.OffsetP1);
            byte[] buffer = apdu.Buffer;
            short length;
            if (tag == TagLifeCycle)
            {
                buffer[0] = store.LifeCycle;
                length = 1;
            }
            else
            {
                length = data.Get(tag, buffer, 0);
            }
            if (length < 0)
            {
                return Sw.ReferencedDataNotFound;
            }
            apdu.SetOutgoingAndSend(0, length);
            return Sw.NoError;
        }

        /// <summary><c>80 DA P1P2 Lc value</c>: personalization only (6985 after issuance without issuer authentication).</summary>
        private ushort PutData(Apdu apdu)
        {
            if (!card.PersonalizationAllowed && !(card.IsIssued && IssuerPresent()))
            {
                return Sw.ConditionsNotSatisfied;
            }
            if (apdu.Case != ApduCase.CommandData)
            {
                return Sw.WrongLength;
            }
            return data.Put(Util.GetShort(apdu.Buffer, Iso7816.OffsetP1), apdu.Buffer, apdu.DataOffset, apdu.IncomingLength);
        }

        /// <summary>
        /// <c>00 82 00 00 10 cryptogram</c> right after GET CHALLENGE with Le 10: 9000 and the issuer
        /// is authenticated until the next reset; 6982 for a wrong cryptogram; 6985 without a fresh
        /// 16-byte challenge or on a terminated card.
        /// </summary>
        private ushort ExternalAuthenticate(Apdu apdu)
        {
            card.IssuerAuthenticated = false;
            if (apdu.P1 != 0 || apdu.P2 != 0)
            {
                return Sw.IncorrectP1P2;
            }
            if (apdu.Case != ApduCase.CommandData || apdu.IncomingLength != IssuerKey.Length)
            {
                return Sw.WrongLength;
            }
            byte[] buffer = apdu.Buffer;
            short scratch = (short)(apdu.DataOffset + IssuerKey.Length);
            if (card.IsTerminated || !challenge.Take(IssuerKey.ChallengeLength, buffer, scratch))
            {
                return Sw.ConditionsNotSatisfied;
            }
            if (!issuerKey.Verify(buffer, scratch, buffer, apdu.DataOffset, buffer, scratch))
            {
                return Sw.SecurityStatusNotSatisfied;
            }
            card.IssuerAuthenticated = true;
            return Sw.NoError;
        }

        /// <summary><c>80 D8 00 00 10 key</c>: a new issuer key, only once the issuer has authenticated.</summary>
        private ushort PutKey(Apdu apdu)
        {
            if (apdu.P1 != 0 || apdu.P2 != 0)
            {
                return Sw.IncorrectP1P2;
            }
            if (apdu.Case != ApduCase.CommandData || apdu.IncomingLength != IssuerKey.Length)
            {
                return Sw.WrongLength;
            }
            if (!IssuerPresent() || card.IsTerminated)
            {
                return Sw.SecurityStatusNotSatisfied;
            }
            issuerKey.Replace(apdu.Buffer, apdu.DataOffset);
            return Sw.NoError;
        }

        /// <summary>
        /// <c>80 F0 80 P2</c>: P2 0F issues the card (from pre-issuance, once every AP has its keys
        /// and PINs and the card its serial and expiry); P2 01 is the factory reset (pre-issuance,
        /// or issued with the issuer authenticated); P2 FF terminates the card for good.
        /// </summary>
        private ushort SetStatus(Apdu apdu)
        {
            if (apdu.P1 != StatusTypeCard)
            {
                return Sw.IncorrectP1P2;
            }
            if (apdu.Case != ApduCase.NoData)
            {
                return Sw.WrongLength;
            }
            byte target = apdu.P2;
            if (target != LifeCycle.Secured && target != LifeCycle.OpReady && target != LifeCycle.Terminated)
            {
                return Sw.IncorrectP1P2;
            }
            if (card.IsTerminated)
            {
                return Sw.ConditionsNotSatisfied;
            }
            if (card.IsIssued && !IssuerPresent())
            {
                return Sw.SecurityStatusNotSatisfied;
            }
            if (target == LifeCycle.Secured)
            {
                if (card.IsIssued || !IsReadyForIssuance())
                {
                    return Sw.ConditionsNotSatisfied;
                }
                store.SetLifeCycle(LifeCycle.Secured);
            }
            else if (target == LifeCycle.OpReady)
            {
                FactoryReset();
            }
            else
            {
                store.SetLifeCycle(LifeCycle.Terminated);
            }
            card.IssuerAuthenticated = false;
            return Sw.NoError;
        }

        /// <summary>
        /// The issuer is behind this command: it authenticated with EXTERNAL AUTHENTICATE (00 82)
        /// since the last reset, or the command came through the SCP03 channel while the issuer
        /// key is still the factory one. The SCP03 key set cannot be changed yet (it is the
        /// public test set), so on a card locked to its issuer with PUT KEY it opens nothing.
        /// </summary>
        private bool IssuerPresent()
        {
            return card.IssuerAuthenticated || (channel.CommandWasUnwrapped && issuerKey.IsFactoryKey());
        }

        private bool IsReadyForIssuance()
        {
            if (!data.IsSet(CardData.TagSerial) || !data.IsSet(CardData.TagExpiry))
            {
                return false;
            }
            for (int i = 0; i < aps.Length; i++)
            {
                if (!aps[i].IsPersonalized)
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// Erases every AP's files, PINs and keys and the card data, then goes back to pre-issuance.
        /// The life cycle says "erasing" first, so a power cut anywhere in between makes the next
        /// power-up erase again (<see cref="Recover"/>) rather than leave a half-issued card.
        /// </summary>
        private void FactoryReset()
        {
            store.SetLifeCycle(Erasing);
            Content.RemoveAll();
            for (int i = 0; i < aps.Length; i++)
            {
                aps[i].Erase();
            }
            data.Erase();
            store.SetLifeCycle(LifeCycle.OpReady);
        }
    }
}
