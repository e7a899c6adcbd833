using NanoCard.Hal.Crypto;
using NanoCard.Os.Files;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Os.Keys
{
    /// <summary>
    /// An ECDSA key pair on P-256 or P-384 (<see cref="PrivateKey"/>); the curve is chosen when the
    /// key is generated, so one entry serves either issuance option. Its store record is the body
    /// <c>curve (1) | d ‖ 04 ‖ X ‖ Y</c> (<see cref="EcKey.Save"/>), sized for P-384, in a sealed
    /// <see cref="KeyRecord"/>. In RAM it lives only in the card's shared <see cref="KeySlots"/>,
    /// opened there when it is used. Nothing but the public point ever leaves through this class.
    /// </summary>
    public sealed class EcPrivateKey : PrivateKey
    {
        /// <summary>Bytes of the store record: room for a P-384 key.</summary>
        public const short BodyLength = 1 + 48 + 1 + 2 * 48;

        private byte curve;

        public EcPrivateKey(short fid, byte sfi, ICrypto crypto, KeyRecord record, KeySlots slots, AccessRule use)
            : base(fid, sfi, crypto, record, slots, use)
        {
            Slots.PrepareEc(Record.Size);
            // Power-up: is there a key that opens, and on which curve? The slot is not kept.
            Opened();
            Slots.Release();
        }

        public override bool IsInitialized { get { return curve != 0; } }

        /// <summary>The key's <see cref="EcCurve"/>; 0 before it is generated.</summary>
        public byte Curve { get { return curve; } }

        /// <summary>
        /// Makes a fresh key pair on <paramref name="curve"/> and stores it in one atomic write, so a
        /// power cut leaves the old key or the new one. <paramref name="scratch"/> (the APDU buffer)
        /// needs the record's size from <paramref name="offset"/>; it is wiped before returning.
        /// </summary>
        public void Generate(byte curve, byte[] scratch, short offset)
        {
            if (curve != EcCurve.P256 && curve != EcCurve.P384)
            {
                throw new System.ArgumentOutOfRangeException("curve");
            }
            Slots.Release();
            EcKey target = Slots.Ec(curve);
            Crypto.GenerateEcKey(target);
            Util.ArrayFill(scratch, offset, Record.Size, 0);
            scratch[offset + KeyRecord.BodyOffset] = curve;
            target.Save(scratch, (short)(offset + KeyRecord.BodyOffset + 1));
            Record.Write(scratch, offset);
            this.curve = curve;
            Slots.Hold(this);
        }

        /// <summary>ECDSA over a hash (truncated to the order, FIPS 186-4 §6.4); writes r ‖ s and returns 2 × field length.</summary>
        public short Sign(byte[] hash, short hashOffset, short hashLength, byte[] signature, short sigOffset)
        {
            return Crypto.SignEcdsa(Opened(), hash, hashOffset, hashLength, signature, sigOffset);
        }

        /// <summary>Copies the uncompressed point 04 ‖ X ‖ Y; returns the offset after it.</summary>
        public short GetPublicPoint(byte[] dest, short offset)
        {
            return Opened().GetPublicPoint(dest, offset);
        }

        /// <summary>Factory reset: the key is gone from RAM and its record is zeroed.</summary>
        public override void Erase()
        {
            Slots.Release();
            Record.Erase();
            curve = 0;
        }

        /// <summary>
        /// The slot holding this key: opened from the record unless the slots still hold it. The
        /// record names the curve; a record that does not open leaves the key without one (empty slot).
        /// </summary>
        private EcKey Opened()
        {
            if (!Slots.Holds(this))
            {
                Slots.Release();
                byte[] stored = Slots.Record;
                curve = 0;
                if (Record.Open(stored))
                {
                    curve = stored[KeyRecord.BodyOffset] == EcCurve.P384 ? EcCurve.P384 : EcCurve.P256;
                    Slots.Ec(curve).Load(stored, KeyRecord.BodyOffset + 1);
                }
                Util.ArrayFill(stored, 0, Record.Size, 0);
                Slots.Hold(this);
            }
            return Slots.Ec(curve);
        }
    }
}
