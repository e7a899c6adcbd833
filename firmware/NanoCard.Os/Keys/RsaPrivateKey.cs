using NanoCard.Hal.Crypto;
using NanoCard.Os.Files;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Os.Keys
{
    /// <summary>
    /// An RSA-2048 key pair (<see cref="PrivateKey"/>): its store record is the body
    /// <c>e | n | p | q | dP | dQ | qInv</c> (<see cref="RsaKey.Save"/>) in a sealed <see cref="KeyRecord"/>.
    /// In RAM it lives only in the card's shared <see cref="KeySlots"/>, opened there when it is
    /// used. Nothing but the modulus and exponent ever leaves through this class.
    /// </summary>
    public sealed class RsaPrivateKey : PrivateKey
    {
        /// <summary>Bytes of the store record.</summary>
        public const short BodyLength = RsaKey.StoredLength;

        private bool initialized;

        public RsaPrivateKey(short fid, byte sfi, ICrypto crypto, KeyRecord record, KeySlots slots, AccessRule use)
            : base(fid, sfi, crypto, record, slots, use)
        {
            Slots.PrepareRsa(Record.Size);
            // Power-up: is there a key that opens? The slot is not kept.
            initialized = Opened().IsInitialized;
            Slots.Release();
        }

        public override bool IsInitialized { get { return initialized; } }

        /// <summary>
        /// Makes a fresh key pair and stores it in one atomic write, so a power cut leaves the old
        /// key or the new one. <paramref name="scratch"/> (the APDU buffer) needs the record's size
        /// from <paramref name="offset"/>; it is wiped before returning.
        /// </summary>
        public void Generate(byte[] scratch, short offset)
        {
            Slots.Release();
            RsaKey slot = Slots.Rsa;
            Crypto.GenerateRsaKey(slot);
            slot.Save(scratch, (short)(offset + KeyRecord.BodyOffset));
            Record.Write(scratch, offset);
            initialized = true;
            Slots.Hold(this);
        }

        /// <summary>PKCS#1 v1.5 signature of <paramref name="block"/> (a DigestInfo, up to 245 bytes); returns 256.</summary>
        public short Sign(byte[] block, short blockOffset, short blockLength, byte[] signature, short sigOffset)
        {
            return Crypto.SignRsaPkcs1(Opened(), block, blockOffset, blockLength, signature, sigOffset);
        }

        /// <summary>Copies n (256 bytes); returns the offset after it.</summary>
        public short GetModulus(byte[] dest, short offset)
        {
            return Opened().GetModulus(dest, offset);
        }

        public int PublicExponent { get { return Opened().PublicExponent; } }

        /// <summary>Factory reset: the key is gone from RAM and its record is zeroed.</summary>
        public override void Erase()
        {
            Slots.Release();
            Record.Erase();
            initialized = false;
        }

        /// <summary>The RSA slot holding this key: opened from the record unless the slot still holds it (empty when the record does not open).</summary>
        private RsaKey Opened()
        {
            if (!Slots.Holds(this))
            {
                Slots.Release();
                byte[] stored = Slots.Record;
                if (Record.Open(stored))
                {
                    Slots.Rsa.Load(stored, KeyRecord.BodyOffset);
                }
                Util.ArrayFill(stored, 0, Record.Size, 0);
                Slots.Hold(this);
            }
            return Slots.Rsa;
        }
    }
}
