using NanoCard.Hal.Crypto;
using NanoCard.Os.Files;
using NanoCard.Os.Secrets;

namespace NanoCard.Os.Keys
{
    /// <summary>
    /// A key pair that lives in a DF under a FID/SFI, as the My Number card's keys do (SELECT EF
    /// 0017, then COMPUTE DIGITAL SIGNATURE with P2 80; or P2 = 80|SFI). It is generated on the
    /// card, kept in one store record and loaded into a RAM slot at power-up; only its public
    /// part ever leaves.
    /// </summary>
    public abstract class PrivateKey : FileEntry
    {
        protected PrivateKey(short fid, byte sfi, ICrypto crypto, KeyRecord record, KeySlots slots, AccessRule use)
            : base(fid, sfi)
        {
            Crypto = crypto;
            Record = record;
            Slots = slots;
            Use = use;
        }

        /// <summary>The engine that generates the key and signs with it; also what hashes for it (INTERNAL AUTHENTICATE).</summary>
        public ICrypto Crypto { get; }

        /// <summary>The key's sealed store record.</summary>
        protected KeyRecord Record { get; }

        /// <summary>The card's shared RAM slots a key is opened into when used.</summary>
        protected KeySlots Slots { get; }

        /// <summary>Who may use the key.</summary>
        public AccessRule Use { get; }

        public abstract bool IsInitialized { get; }

        public override bool HasContent { get { return IsInitialized; } }
    }
}
