using NanoCard.Hal.Crypto;
using NanoCard.Os.Files;
using NanoCard.Os.Store;

namespace NanoCard.Os.Keys
{
    /// <summary>
    /// An RSA-2048 key pair (<see cref="PrivateKey"/>): its store record is the body
    /// <c>e | n | p | q | dP | dQ | qInv</c> (<see cref="RsaKey.Save"/>) sealed with the device key
    /// (<see cref="SecretSeal"/>). Nothing but the modulus and exponent ever leaves through this class.
    /// </summary>
    public sealed class RsaPrivateKey : PrivateKey
    {
        /// <summary>Bytes of the store record.</summary>
        public const short RecordSize = RsaKey.StoredLength + SecretSeal.Overhead;

        private readonly ICrypto crypto;
        private readonly SecretSeal seal;
        private readonly PersistentBytes record;
        private readonly RsaKey slot;

        public RsaPrivateKey(short fid, byte sfi, ICrypto crypto, SecretSeal seal, PersistentBytes record, AccessRule use)
            : base(fid, sfi, use)
        {
            if (record.Size != RecordSize)
            {
                throw new System.ArgumentOutOfRangeException("record");
            }
            this.crypto = crypto;
            this.seal = seal;
            this.record = record;
            slot = crypto.CreateRsaKey();
            Reload();
        }

        public override bool IsInitialized { get { return slot.IsInitialized; } }

        /// <summary>
        /// Makes a fresh key pair and stores it in one atomic write, so a power cut leaves the old
        /// key or the new one. <paramref name="scratch"/> (the APDU buffer) needs <see cref="RecordSize"/>
        /// bytes from <paramref name="offset"/>; it is wiped before returning.
        /// </summary>
        public void Generate(byte[] scratch, short offset)
        {
            crypto.GenerateRsaKey(slot);
            slot.Save(scratch, (short)(offset + SecretSeal.HeaderLength));
            seal.Seal(record.Address, scratch, offset, RsaKey.StoredLength);
            try
            {
                record.Write(0, scratch, offset, RecordSize);
            }
            finally
            {
                Util.ArrayFill(scratch, offset, RecordSize, 0);
            }
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
            record.Fill(0x00);
        }

        /// <summary>Loads the stored key, if any and if it opens (power-up). The temporary copy is wiped.</summary>
        private void Reload()
        {
            byte[] stored = new byte[RecordSize];
            record.Read(0, stored, 0, RecordSize);
            if (seal.Open(record.Address, stored, 0, RsaKey.StoredLength))
            {
                slot.Load(stored, SecretSeal.HeaderLength);
            }
            Util.ArrayFill(stored, 0, RecordSize, 0);
        }
    }
}
