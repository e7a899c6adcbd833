using NanoCard.Hal.Crypto;
using NanoCard.Os.Files;
using NanoCard.Os.Store;

namespace NanoCard.Os.Keys
{
    /// <summary>
    /// An RSA-2048 key pair (<see cref="PrivateKey"/>): its store record is the body
    /// <c>e | n | p | q | dP | dQ | qInv</c> (<see cref="RsaKey.Save"/>) in a sealed <see cref="KeyRecord"/>. Nothing but the modulus and exponent ever leaves through this class.
    /// </summary>
    public sealed class RsaPrivateKey : PrivateKey
    {
        /// <summary>Bytes of the store record.</summary>
        public const short BodyLength = RsaKey.StoredLength;

        private readonly ICrypto crypto;
        private readonly KeyRecord record;
        private readonly RsaKey slot;

        public RsaPrivateKey(short fid, byte sfi, ICrypto crypto, KeyRecord record, AccessRule use)
            : base(fid, sfi, use)
        {
            this.crypto = crypto;
            this.record = record;
            slot = crypto.CreateRsaKey();
            Reload();
        }

        public override bool IsInitialized { get { return slot.IsInitialized; } }

        /// <summary>
        /// Makes a fresh key pair and stores it in one atomic write, so a power cut leaves the old
        /// key or the new one. <paramref name="scratch"/> (the APDU buffer) needs the record's size
        /// from <paramref name="offset"/>; it is wiped before returning.
        /// </summary>
        public void Generate(byte[] scratch, short offset)
        {
            crypto.GenerateRsaKey(slot);
            slot.Save(scratch, (short)(offset + KeyRecord.BodyOffset));
            record.Write(scratch, offset);
        }

        /// <summary>PKCS#1 v1.5 signature of <paramref name="block"/> (a DigestInfo, up to 245 bytes); returns 256.</summary>
        public short Sign(byte[] block, short blockOffset, short blockLength, byte[] signature, short sigOffset)
        {
            return crypto.SignRsaPkcs1(slot, block, blockOffset, blockLength, signature, sigOffset);
        }

        /// <summary>Copies n (256 bytes); returns the offset after it.</summary>
        public short GetModulus(byte[] dest, short offset)
        {
            return slot.GetModulus(dest, offset);
        }

        public int PublicExponent { get { return slot.PublicExponent; } }

        /// <summary>Factory reset: the key is gone from RAM and its record is zeroed.</summary>
        public override void Erase()
        {
            slot.Clear();
            record.Erase();
        }

        /// <summary>Loads the stored key, if any and if it opens (power-up). The temporary copy is wiped.</summary>
        private void Reload()
        {
            byte[] stored = new byte[record.Size];
            if (record.Open(stored))
            {
                slot.Load(stored, KeyRecord.BodyOffset);
            }
            Util.ArrayFill(stored, 0, record.Size, 0);
        }
    }
}
