using NanoCard.Hal.Crypto;
using NanoCard.Os.Files;
using NanoCard.Os.Store;

namespace NanoCard.Os.Keys
{
    /// <summary>
    /// An ECDSA key pair on P-256 or P-384 (<see cref="PrivateKey"/>); the curve is chosen when the
    /// key is generated, so one entry serves either issuance option. Its store record is the body
    /// <c>curve (1) | d ‖ 04 ‖ X ‖ Y</c> (<see cref="EcKey.Save"/>), sized for P-384, in a sealed
    /// <see cref="KeyRecord"/>.
    /// Nothing but the public point ever leaves through this class.
    /// </summary>
    public sealed class EcPrivateKey : PrivateKey
    {
        /// <summary>Bytes of the store record: room for a P-384 key.</summary>
        public const short BodyLength = 1 + 48 + 1 + 2 * 48;

        private readonly ICrypto crypto;
        private readonly KeyRecord record;
        private readonly EcKey p256;
        private readonly EcKey p384;
        private EcKey slot;

        public EcPrivateKey(short fid, byte sfi, ICrypto crypto, KeyRecord record, AccessRule use)
            : base(fid, sfi, use)
        {
            this.crypto = crypto;
            this.record = record;
            p256 = crypto.CreateEcKey(EcCurve.P256);
            p384 = crypto.CreateEcKey(EcCurve.P384);
            Reload();
        }

        public override bool IsInitialized { get { return slot != null && slot.IsInitialized; } }

        /// <summary>The key's <see cref="EcCurve"/>; 0 before it is generated.</summary>
        public byte Curve { get { return IsInitialized ? slot.Curve : (byte)0; } }

        /// <summary>
        /// Makes a fresh key pair on <paramref name="curve"/> and stores it in one atomic write, so a
        /// power cut leaves the old key or the new one. <paramref name="scratch"/> (the APDU buffer)
        /// needs the record's size from <paramref name="offset"/>; it is wiped before returning.
        /// </summary>
        public void Generate(byte curve, byte[] scratch, short offset)
        {
            EcKey target = curve == EcCurve.P256 ? p256 : curve == EcCurve.P384 ? p384 : null;
            if (target == null)
            {
                throw new System.ArgumentOutOfRangeException("curve");
            }
            crypto.GenerateEcKey(target);
            Util.ArrayFill(scratch, offset, record.Size, 0);
            scratch[offset + KeyRecord.BodyOffset] = curve;
            target.Save(scratch, (short)(offset + KeyRecord.BodyOffset + 1));
            record.Write(scratch, offset);
            if (slot != null && slot != target)
            {
                slot.Clear();
            }
            slot = target;
        }

        /// <summary>ECDSA over a hash (truncated to the order, FIPS 186-4 §6.4); writes r ‖ s and returns 2 × field length.</summary>
        public short Sign(byte[] hash, short hashOffset, short hashLength, byte[] signature, short sigOffset)
        {
            return crypto.SignEcdsa(slot, hash, hashOffset, hashLength, signature, sigOffset);
        }

        /// <summary>Copies the uncompressed point 04 ‖ X ‖ Y; returns the offset after it.</summary>
        public short GetPublicPoint(byte[] dest, short offset)
        {
            return slot.GetPublicPoint(dest, offset);
        }

        /// <summary>Factory reset: the key is gone from RAM and its record is zeroed.</summary>
        public override void Erase()
        {
            p256.Clear();
            p384.Clear();
            slot = null;
            record.Erase();
        }

        /// <summary>Loads the stored key, if any and if it opens (power-up). The temporary copy is wiped.</summary>
        private void Reload()
        {
            byte[] stored = new byte[record.Size];
            if (record.Open(stored))
            {
                slot = stored[KeyRecord.BodyOffset] == EcCurve.P384 ? p384 : p256;
                slot.Load(stored, KeyRecord.BodyOffset + 1);
            }
            Util.ArrayFill(stored, 0, record.Size, 0);
        }
    }
}
