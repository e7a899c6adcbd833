using NanoCard.Applets.Shared;
using NanoCard.Hal.Crypto;
using NanoCard.Os;
using NanoCard.Os.Files;
using NanoCard.Os.Runtime;
using NanoCard.Os.SecureChannel;
using NanoCard.Os.Store;

namespace NanoCard.Applets.CardManager.Domains
{
    /// <summary>
    /// A supplementary security domain (GlobalPlatform Card Specification v2.3.1 §7.2) as an
    /// applet: another authority's part of the card — the police agency's, a municipality's — with
    /// its own SCP03 key set (object <c>DF id | FFFD</c>, sealed like the card manager's), a quota
    /// of the free space, and the APs it installs. Selectable by its AID; its content-management
    /// commands come through its own session and reach only its own APs (docs/apdu-spec.md §11.2).
    /// </summary>
    public sealed class SecurityDomainApplet : ContentApplet
    {
        private readonly CardContent content;

        public SecurityDomainApplet(ContentRecord record, CardState card, CardStore store, ICrypto crypto, CardContent content)
            : base(record, card)
        {
            this.content = content;
            Keys = new SupplementaryDomain(crypto,
                new Scp03KeySet(store, DedicatedFile.ObjectIdOf(record.DfId, ContentRecord.KeySetFid)), content.Session, record, card);
        }

        /// <summary>The domain's keys and channel: this applet and its APs are installed under it.</summary>
        public SupplementaryDomain Keys { get; }

        /// <summary>
        /// INS table (INITIALIZE UPDATE and EXTERNAL AUTHENTICATE reach the channel before it).
        /// CLA 80, through the session: D8 PUT KEY of the domain's key set, E6 INSTALL, E4 DELETE,
        /// F2 GET STATUS, F0 SET STATUS for this domain's APs. Other classes 6E00, other instructions 6D00.
        /// </summary>
        public override ushort Process(Apdu apdu)
        {
            if (apdu.Cla != ClassByte.Proprietary)
            {
                return ClassByte.IsInterindustry(apdu.Cla) ? Sw.InsNotSupported : Sw.ClaNotSupported;
            }
            if (apdu.Ins == MynaIns.PutKey)
            {
                return Keys.CameThroughSession(SecurityLevel.CMac) ? Keys.PutKey(apdu) : Sw.SecurityStatusNotSatisfied;
            }
            return ContentCommands.Process(content, DfId, Keys, apdu);
        }
    }
}
