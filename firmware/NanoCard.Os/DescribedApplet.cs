using NanoCard.Hal.Crypto;
using NanoCard.Os.Description;
using NanoCard.Os.Files;
using NanoCard.Os.Store;

namespace NanoCard.Os
{
    /// <summary>
    /// An AP that is its description and nothing more: its DF is built from the
    /// <see cref="ApDescription"/> and it answers the ISO file and PIN commands on it. This is how
    /// an AP without commands of its own is made (the post-issuance APs of docs/architecture.md).
    /// </summary>
    public sealed class DescribedApplet : Applet
    {
        /// <param name="credentials">Shared PINs the description names; null when it names none.</param>
        public DescribedApplet(CardStore store, ApDescription description, ICrypto crypto, DedicatedFile credentials)
        {
            Description = description;
            Df = DfBuilder.Build(store, description, crypto, credentials);
        }

        public ApDescription Description { get; }

        /// <summary>
        /// INS table: A4 SELECT EF, B0 READ BINARY, B2 READ RECORD, D6 UPDATE BINARY, 20 VERIFY,
        /// 24 CHANGE REFERENCE DATA (ISO/IEC 7816-4, <see cref="FileCommands.Process"/>); 6D00 otherwise.
        /// </summary>
        public override ushort Process(Apdu apdu)
        {
            return FileCommands.Process(Df, apdu);
        }
    }
}
