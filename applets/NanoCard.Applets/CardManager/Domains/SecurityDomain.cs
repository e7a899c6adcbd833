using NanoCard.Applets.Shared;
using NanoCard.Hal.Crypto;
using NanoCard.Os;
using NanoCard.Os.Runtime;
using NanoCard.Os.SecureChannel;
using NanoCard.Os.Store;

namespace NanoCard.Applets.CardManager.Domains
{
    /// <summary>
    /// A supplementary security domain (GlobalPlatform Card Specification v2.3.1 §7.2): another
    /// authority's part of the card — the police agency's, a municipality's — with its own SCP03
    /// key set (object <c>DF id | FFFD</c>, sealed like the card manager's), a quota of the free
    /// space, and the APs it installs. Selectable by its AID; every content-management command
    /// comes through its channel and reaches only its own APs (docs/apdu-spec.md §11.2).
    /// </summary>
    public sealed class SecurityDomain : ContentApplet
    {
        private readonly CardContent content;
        private readonly Scp03Channel channel;

        public SecurityDomain(ContentRecord record, CardState card, CardStore store, ICrypto crypto, CardContent content)
            : base(record, card)
        {
            this.content = content;
            KeySet = new Scp03KeySet(store, Os.Files.DedicatedFile.ObjectIdOf(record.DfId, ContentRecord.KeySetFid));
            channel = new Scp03Channel(crypto, KeySet);
        }

        public Scp03KeySet KeySet { get; }

        public override ISecureChannel SecureChannel { get { return channel; } }

        public override void ClearSecurityState()
        {
            channel.ResetSecurity();
        }

        /// <summary>
        /// INS table. CLA 80: 50 INITIALIZE UPDATE, and through the channel E6 INSTALL, E4 DELETE,
        /// F2 GET STATUS, F0 SET STATUS for this domain's APs; CLA 84: 82 EXTERNAL AUTHENTICATE.
        /// Other classes 6E00, other instructions 6D00.
        /// </summary>
        public override ushort Process(Apdu apdu)
        {
            if ((apdu.Cla == ClassByte.Proprietary && apdu.Ins == Scp03Channel.InsInitializeUpdate)
                || (apdu.Cla == (ClassByte.Proprietary | 0x04) && apdu.Ins == Scp03Channel.InsExternalAuthenticate))
            {
                return channel.ProcessSecurity(apdu);
            }
            if (apdu.Cla != ClassByte.Proprietary)
            {
                return ClassByte.IsInterindustry(apdu.Cla) ? Sw.InsNotSupported : Sw.ClaNotSupported;
            }
            return ContentCommands.Process(content, DfId, channel, apdu);
        }
    }
}
