using NanoCard.Os.Files;

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
        protected PrivateKey(short fid, byte sfi, AccessRule use)
            : base(fid, sfi)
        {
            Use = use;
        }

        /// <summary>Who may use the key.</summary>
        public AccessRule Use { get; }

        public abstract bool IsInitialized { get; }

        public override bool HasContent { get { return IsInitialized; } }
    }
}
