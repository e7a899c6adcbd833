using NanoCard.Hal.Crypto;

namespace NanoCard.Os.Secrets
{
    /// <summary>
    /// The card's RAM for opened private keys: one RSA slot, one slot per curve and one buffer to
    /// open a key record in, shared by every key of the card. A key opens its record into a slot
    /// when it is used, unless the slots still hold it from its last use, so the card keeps at most
    /// one opened key instead of every key all the time (docs/performance.md, "Managed heap").
    /// The keys make what they need at install (<see cref="PrepareRsa"/>, <see cref="PrepareEc"/>);
    /// nothing is allocated while a key is used.
    /// </summary>
    public sealed class KeySlots
    {
        private readonly ICrypto crypto;
        private RsaKey rsa;
        private EcKey p256;
        private EcKey p384;
        private byte[] record;
        private object holder;

        internal KeySlots(ICrypto crypto)
        {
            this.crypto = crypto;
        }

        /// <summary>Where a key record is opened: as long as the largest record of the keys prepared.</summary>
        public byte[] Record { get { return record; } }

        public RsaKey Rsa { get { return rsa; } }

        /// <summary>The slot of <paramref name="curve"/>: P-384's for <see cref="EcCurve.P384"/>, else P-256's.</summary>
        public EcKey Ec(byte curve)
        {
            return curve == EcCurve.P384 ? p384 : p256;
        }

        /// <summary>Install: the RSA slot and a record buffer of at least <paramref name="recordSize"/> bytes.</summary>
        public void PrepareRsa(short recordSize)
        {
            if (rsa == null)
            {
                rsa = crypto.CreateRsaKey();
            }
            Grow(recordSize);
        }

        /// <summary>Install: the slots of both curves and a record buffer of at least <paramref name="recordSize"/> bytes.</summary>
        public void PrepareEc(short recordSize)
        {
            if (p256 == null)
            {
                p256 = crypto.CreateEcKey(EcCurve.P256);
                p384 = crypto.CreateEcKey(EcCurve.P384);
            }
            Grow(recordSize);
        }

        /// <summary>True when the slots hold <paramref name="key"/>'s secret from its last use.</summary>
        public bool Holds(object key)
        {
            return holder == key;
        }

        /// <summary>The slots now hold <paramref name="key"/>'s secret (or its absence).</summary>
        public void Hold(object key)
        {
            holder = key;
        }

        /// <summary>Wipes every slot and the record buffer: no key is held.</summary>
        public void Release()
        {
            holder = null;
            if (rsa != null)
            {
                rsa.Clear();
            }
            if (p256 != null)
            {
                p256.Clear();
                p384.Clear();
            }
            if (record != null)
            {
                System.Array.Clear(record, 0, record.Length);
            }
        }

        private void Grow(short recordSize)
        {
            if (record == null || record.Length < recordSize)
            {
                record = new byte[recordSize];
            }
        }
    }
}
