using NanoCard.Applets.Shared;
using NanoCard.Hal.Crypto;
using NanoCard.Os;
using NanoCard.Os.Description;
using NanoCard.Os.Files;
using NanoCard.Os.Keys;
using NanoCard.Os.Runtime;
using NanoCard.Os.SecureChannel;
using NanoCard.Os.Store;

namespace NanoCard.Applets.CardManager.Domains
{
    /// <summary>
    /// An AP installed after issuance from its description (docs/apdu-spec.md §11.2): to readers
    /// it answers like a built-in AP — SELECT, READ BINARY/RECORD, VERIFY, CHANGE REFERENCE DATA,
    /// INTERNAL AUTHENTICATE and COMPUTE DIGITAL SIGNATURE with the keys its description has. Its
    /// personalization (§10's commands) comes only through its owning domain's SCP03 channel,
    /// opened while the AP is selected: GlobalPlatform's model, where an application uses its
    /// security domain's SecureChannel.
    /// </summary>
    public sealed class InstalledAp : ContentApplet
    {
        private readonly SecurityDomain owner;
        /// <summary>FIDs under which the AP shows the card's shared PIN: the issuer's, not the domain's to set or erase.</summary>
        private readonly short[] sharedPins;
        /// <summary>Whether the description has keys: without, INTERNAL AUTHENTICATE is not an instruction of the AP (6D00).</summary>
        private readonly bool hasKeys;

        /// <param name="owner">The owning domain (the issuer's for the card manager's APs): the AP is installed under it and personalized through its session.</param>
        public InstalledAp(ContentRecord record, CardState card, CardStore store, ApDescription description, ICrypto crypto,
            DedicatedFile credentials, SecurityDomain owner)
            : base(record, card)
        {
            this.owner = owner;
            Df = DfBuilder.Build(store, description, crypto, credentials);
            sharedPins = SharedPinFids(description);
            hasKeys = HasKeys(description);
        }

        /// <summary>The domain it was installed under.</summary>
        public SecurityDomain Owner { get { return owner; } }

        /// <summary>
        /// INS table (INITIALIZE UPDATE and EXTERNAL AUTHENTICATE reach the owner's channel before
        /// it). CLA 80: 2A COMPUTE DIGITAL SIGNATURE, and inside the owner's session the
        /// personalization commands 46, D6, E2, 0E, D4 and 24 (PUT CREDENTIAL, which carries a PIN, at
        /// C-DECRYPTION), 6982 outside it. CLA 00: A4, B0, B2, D6, 20, 24 (ISO/IEC 7816-4) and 88
        /// INTERNAL AUTHENTICATE. 6D00 for the rest.
        /// </summary>
        public override ushort Process(Apdu apdu)
        {
            byte cla = apdu.Cla;
            if (cla == ClassByte.Proprietary)
            {
                switch (apdu.Ins)
                {
                    case MynaIns.ComputeSignature:
                        return Sign(apdu);
                    case MynaIns.GenerateKeyPair:
                    case MynaIns.WriteBinary:
                    case MynaIns.AppendRecord:
                    case MynaIns.Erase:
                    case MynaIns.PutCredential:
                    case MynaIns.Resize:
                        return Personalize(apdu);
                    default:
                        return FileCommands.UnderProprietaryClass(apdu.Ins);
                }
            }
            if (!ClassByte.IsInterindustry(cla))
            {
                return FileCommands.UnderProprietaryClass(apdu.Ins);
            }
            if (apdu.Ins == Iso7816.InsInternalAuthenticate)
            {
                return InternalAuthenticate(apdu);
            }
            return FileCommands.Process(Df, apdu);
        }

        /// <summary>
        /// §10's commands inside the owner's session (PUT CREDENTIAL at C-DECRYPTION); 6982 outside
        /// it, and for PUT CREDENTIAL or ERASE of the shared card PIN, which belongs to the issuer.
        /// </summary>
        private ushort Personalize(Apdu apdu)
        {
            byte level = apdu.Ins == MynaIns.PutCredential ? (byte)(SecurityLevel.CMac | SecurityLevel.CDecryption) : SecurityLevel.CMac;
            if (!DomainAuthority.Allows(owner, level) || TouchesSharedPin(apdu))
            {
                return Sw.SecurityStatusNotSatisfied;
            }
            return Personalization.Process(Df, apdu);
        }

        private bool TouchesSharedPin(Apdu apdu)
        {
            FileEntry target = null;
            if (apdu.Ins == MynaIns.PutCredential)
            {
                ushort sw;
                target = FileCommands.PinTarget(Df, apdu.P2, out sw);
            }
            else if (apdu.Ins == MynaIns.Erase)
            {
                target = Df.Current;
            }
            if (target == null)
            {
                return false;
            }
            for (int i = 0; i < sharedPins.Length; i++)
            {
                if (sharedPins[i] == target.Fid)
                {
                    return true;
                }
            }
            return false;
        }

        private static short[] SharedPinFids(ApDescription description)
        {
            int n = 0;
            for (int i = 0; i < description.Entries.Length; i++)
            {
                if (description.Entries[i].Kind == EntryKind.SharedPin)
                {
                    n++;
                }
            }
            short[] fids = new short[n];
            n = 0;
            for (int i = 0; i < description.Entries.Length; i++)
            {
                if (description.Entries[i].Kind == EntryKind.SharedPin)
                {
                    fids[n++] = description.Entries[i].Fid;
                }
            }
            return fids;
        }

        private ushort Sign(Apdu apdu)
        {
            ushort sw;
            PrivateKey key = KeyCommands.Find(Df, apdu.P2, out sw);
            return key == null ? sw : KeyCommands.Sign(apdu, key);
        }

        private ushort InternalAuthenticate(Apdu apdu)
        {
            if (!hasKeys)
            {
                return Sw.InsNotSupported;
            }
            ushort sw;
            PrivateKey key = KeyCommands.Find(Df, apdu.P2, out sw);
            return key == null ? sw : KeyCommands.InternalAuthenticate(apdu, key);
        }

        private static bool HasKeys(ApDescription description)
        {
            for (int i = 0; i < description.Entries.Length; i++)
            {
                if (description.Entries[i].IsKey)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
