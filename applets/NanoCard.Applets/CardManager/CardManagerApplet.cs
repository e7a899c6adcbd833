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
    /// GET DATA), issuer authentication (gen1: GET CHALLENGE + EXTERNAL AUTHENTICATE; both profiles:
    /// an SCP03 session of the issuer security domain, <see cref="IssuerDomain"/>), PUT KEY for the
    /// gen1 issuer key and the SCP03 key set, and SET STATUS to issue, to factory-reset or to
    /// terminate the card.
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
        private readonly IssuerDomain domain;

        public CardManagerApplet(CardStore store, CardState card, CardChallenge challenge, ICrypto crypto, MynaApplet[] aps)
        {
            this.store = store;
            this.card = card;
            this.challenge = challenge;
            this.aps = aps;
            data = new CardData(store, DedicatedFile.ObjectIdOf(DfId, CardDataObject));
            issuerKey = new IssuerKey(store, DedicatedFile.ObjectIdOf(DfId, IssuerKeyObject), crypto);
            domain = new IssuerDomain(store, crypto, card.Profile, issuerKey,
                new Scp03KeySet(store, DedicatedFile.ObjectIdOf(DfId, Scp03KeySetObject)));
            card.Issuer = domain;
        }

        public CardData Data { get { return data; } }

        /// <summary>The issuer security domain, which the card manager and every built-in AP are installed under.</summary>
        public IssuerDomain IssuerDomain { get { return domain; } }

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

        public override void CardReset()
        {
            card.IssuerAuthenticated = false;
            base.CardReset();
        }

        /// <summary>
        /// INS table. CLA 00: CA GET DATA, 82 EXTERNAL AUTHENTICATE (gen1), and the ISO file and PIN
        /// commands, which find no files here (the card manager has no DF). CLA 80: DA PUT DATA,
        /// D8 PUT KEY, F0 SET STATUS. INITIALIZE UPDATE and the SCP03 EXTERNAL AUTHENTICATE go to the
        /// issuer domain's channel before this table (the runtime's SessionCommands), and wrapped
        /// CLA 84 commands arrive here unwrapped, as CLA 80. Other proprietary classes 6E00;
        /// anything else 6D00.
        /// </summary>
        public override ushort Process(Apdu apdu)
        {
            if (ClassByte.IsInterindustry(apdu.Cla))
            {
                switch (apdu.Ins)
                {
                    case Iso7816.InsGetData:
                        return GetData(apdu);
                    case Iso7816.InsExternalAuthenticate:
                        return card.IsGen2 ? Sw.InsNotSupported : ExternalAuthenticate(apdu);
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
                    return SetStatus(apdu);
                default:
                    return Sw.InsNotSupported;
            }
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

        /// <summary><c>80 DA P1P2 Lc value</c>: under the personalization rules (<see cref="CardState.PersonalizationAccess"/>).</summary>
        private ushort PutData(Apdu apdu)
        {
            ushort access = card.PersonalizationAccess(SecurityLevel.CMac);
            if (access != Sw.NoError)
            {
                return access;
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

        /// <summary>
        /// <c>80 D8 KVN 81 …</c>: a new SCP03 key set (<see cref="Scp03PutKey"/>) from the issuer's
        /// session at C-DECRYPTION. <c>80 D8 00 00 10 key</c>: a new gen1 issuer key, once the issuer
        /// is present; gen2 has no such key (6A86).
        /// </summary>
        private ushort PutKey(Apdu apdu)
        {
            if (apdu.P2 == Scp03PutKey.KeySetP2)
            {
                if (card.IsTerminated || !card.IssuerPresent(SecurityLevel.CMac))
                {
                    return Sw.SecurityStatusNotSatisfied;
                }
                return domain.PutKey(apdu);
            }
            if (apdu.P1 != 0 || apdu.P2 != 0 || card.IsGen2)
            {
                return Sw.IncorrectP1P2;
            }
            if (apdu.Case != ApduCase.CommandData || apdu.IncomingLength != IssuerKey.Length)
            {
                return Sw.WrongLength;
            }
            if (!card.IssuerPresent(SecurityLevel.CMac) || card.IsTerminated)
            {
                return Sw.SecurityStatusNotSatisfied;
            }
            issuerKey.Replace(apdu.Buffer, apdu.DataOffset);
            return Sw.NoError;
        }

        /// <summary>
        /// <c>80 F0 80 P2</c>: P2 0F issues the card (from pre-issuance, once every AP has its keys
        /// and PINs and the card its serial and expiry); P2 01 is the factory reset; P2 FF
        /// terminates the card for good. On an issued card each needs the issuer (6982); on gen2
        /// every one does, before issuance too.
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
            if ((card.IsIssued || card.IsGen2) && !card.IssuerPresent(SecurityLevel.CMac))
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
        /// Erases every AP's files, PINs and keys, the card data and the SCP03 key set (back to the
        /// test set: a reset card is a factory-fresh one), then goes back to pre-issuance.
        /// The life cycle says "erasing" first, so a power cut anywhere in between makes the next
        /// power-up erase again (<see cref="Recover"/>) rather than leave a half-issued card.
        /// </summary>
        private void FactoryReset()
        {
            store.SetLifeCycle(Erasing);
            for (int i = 0; i < aps.Length; i++)
            {
                aps[i].Erase();
            }
            data.Erase();
            domain.KeySet.Erase();
            store.SetLifeCycle(LifeCycle.OpReady);
        }
    }
}
