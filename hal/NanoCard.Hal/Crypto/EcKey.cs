namespace NanoCard.Hal.Crypto
{
    /// <summary>
    /// An EC key pair slot, made once at install by <see cref="ICrypto.CreateEcKey"/> and filled by
    /// <see cref="ICrypto.GenerateEcKey"/>. Only the public point can be read out; the private
    /// scalar stays inside the crypto implementations (internal to this assembly and the host one).
    /// </summary>
    public sealed class EcKey
    {
        public EcKey(byte curve)
        {
            short length = EcCurve.FieldLengthOf(curve);
            if (length == 0)
            {
                throw new System.ArgumentOutOfRangeException("curve");
            }
            Curve = curve;
            FieldLength = length;
            PrivateScalar = new byte[length];
            PublicPoint = new byte[1 + 2 * length];
        }

        public byte Curve { get; }

        /// <summary>32 (P-256) or 48 (P-384).</summary>
        public short FieldLength { get; }

        /// <summary>Length of the uncompressed public point 04 ‖ X ‖ Y.</summary>
        public short PublicPointLength { get { return (short)PublicPoint.Length; } }

        public bool IsInitialized { get; internal set; }

        /// <summary>d, big-endian, FieldLength bytes. Never leaves the crypto layer.</summary>
        internal byte[] PrivateScalar { get; }

        /// <summary>04 ‖ X ‖ Y (SEC 1 §2.3.3).</summary>
        internal byte[] PublicPoint { get; }

        /// <summary>Copies the uncompressed public point; returns the offset after it.</summary>
        public short GetPublicPoint(byte[] dest, short offset)
        {
            System.Array.Copy(PublicPoint, 0, dest, offset, PublicPoint.Length);
            return (short)(offset + PublicPoint.Length);
        }

        /// <summary>Bytes of the stored form: d ‖ 04 ‖ X ‖ Y.</summary>
        public short StoredLength { get { return (short)(FieldLength + PublicPoint.Length); } }

        /// <summary>
        /// Writes d ‖ 04 ‖ X ‖ Y, for the card's own persistent memory only (the store holds the
        /// bytes and this slot is the RAM copy, as <see cref="RsaKey.Save"/>). Callers wipe
        /// <paramref name="dest"/> after writing it to the store.
        /// </summary>
        public short Save(byte[] dest, short offset)
        {
            if (!IsInitialized)
            {
                throw new System.ArgumentException("empty key slot");
            }
            System.Array.Copy(PrivateScalar, 0, dest, offset, FieldLength);
            System.Array.Copy(PublicPoint, 0, dest, offset + FieldLength, PublicPoint.Length);
            return (short)(offset + StoredLength);
        }

        /// <summary>Fills the slot from the form <see cref="Save"/> wrote.</summary>
        public void Load(byte[] source, short offset)
        {
            System.Array.Copy(source, offset, PrivateScalar, 0, FieldLength);
            System.Array.Copy(source, offset + FieldLength, PublicPoint, 0, PublicPoint.Length);
            IsInitialized = true;
        }

        /// <summary>Overwrites the key material and marks the slot empty.</summary>
        public void Clear()
        {
            System.Array.Clear(PrivateScalar, 0, PrivateScalar.Length);
            System.Array.Clear(PublicPoint, 0, PublicPoint.Length);
            IsInitialized = false;
        }
    }
}
