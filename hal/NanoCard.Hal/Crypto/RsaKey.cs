namespace NanoCard.Hal.Crypto
{
    /// <summary>
    /// An RSA-2048 key slot in CRT form, made once at install by <see cref="ICrypto.CreateRsaKey"/>.
    /// Only the modulus and public exponent can be read out; the CRT components stay inside the
    /// crypto implementations (internal to this assembly and the host one).
    /// </summary>
    public sealed class RsaKey
    {
        /// <summary>Modulus length in bytes (2048 bits).</summary>
        public const short ModulusLength = 256;
        /// <summary>Length of each CRT component (p, q, dP, dQ, qInv).</summary>
        public const short PrimeLength = 128;

        public RsaKey()
        {
            Modulus = new byte[ModulusLength];
            P = new byte[PrimeLength];
            Q = new byte[PrimeLength];
            DP = new byte[PrimeLength];
            DQ = new byte[PrimeLength];
            QInv = new byte[PrimeLength];
        }

        public bool IsInitialized { get; internal set; }

        /// <summary>e (65537 for generated keys).</summary>
        public int PublicExponent { get; internal set; }

        /// <summary>n, big-endian.</summary>
        internal byte[] Modulus { get; }

        /// <summary>CRT components, big-endian, each <see cref="PrimeLength"/> bytes, p &gt; q.</summary>
        internal byte[] P { get; }
        internal byte[] Q { get; }
        internal byte[] DP { get; }
        internal byte[] DQ { get; }
        internal byte[] QInv { get; }

        /// <summary>Copies n (256 bytes, big-endian); returns the offset after it.</summary>
        public short GetModulus(byte[] dest, short offset)
        {
            System.Array.Copy(Modulus, 0, dest, offset, ModulusLength);
            return (short)(offset + ModulusLength);
        }

        /// <summary>Bytes of the stored form: e (4) | n | p | q | dP | dQ | qInv, all big-endian.</summary>
        public const short StoredLength = 4 + ModulusLength + 5 * PrimeLength;

        /// <summary>
        /// Writes the whole key in its stored form, for the card's own persistent memory only
        /// (Java Card keys are persistent objects; here the store holds the bytes and this slot is
        /// the RAM copy). Callers wipe <paramref name="dest"/> after writing it to the store.
        /// </summary>
        public short Save(byte[] dest, short offset)
        {
            if (!IsInitialized)
            {
                throw new System.ArgumentException("empty key slot");
            }
            dest[offset] = (byte)(PublicExponent >> 24);
            dest[offset + 1] = (byte)(PublicExponent >> 16);
            dest[offset + 2] = (byte)(PublicExponent >> 8);
            dest[offset + 3] = (byte)PublicExponent;
            System.Array.Copy(Modulus, 0, dest, offset + 4, ModulusLength);
            int at = offset + 4 + ModulusLength;
            System.Array.Copy(P, 0, dest, at, PrimeLength);
            System.Array.Copy(Q, 0, dest, at + PrimeLength, PrimeLength);
            System.Array.Copy(DP, 0, dest, at + 2 * PrimeLength, PrimeLength);
            System.Array.Copy(DQ, 0, dest, at + 3 * PrimeLength, PrimeLength);
            System.Array.Copy(QInv, 0, dest, at + 4 * PrimeLength, PrimeLength);
            return (short)(offset + StoredLength);
        }

        /// <summary>Fills the slot from the form <see cref="Save"/> wrote.</summary>
        public void Load(byte[] source, short offset)
        {
            PublicExponent = (source[offset] << 24) | (source[offset + 1] << 16) | (source[offset + 2] << 8) | source[offset + 3];
            System.Array.Copy(source, offset + 4, Modulus, 0, ModulusLength);
            int at = offset + 4 + ModulusLength;
            System.Array.Copy(source, at, P, 0, PrimeLength);
            System.Array.Copy(source, at + PrimeLength, Q, 0, PrimeLength);
            System.Array.Copy(source, at + 2 * PrimeLength, DP, 0, PrimeLength);
            System.Array.Copy(source, at + 3 * PrimeLength, DQ, 0, PrimeLength);
            System.Array.Copy(source, at + 4 * PrimeLength, QInv, 0, PrimeLength);
            IsInitialized = true;
        }

        /// <summary>Overwrites the key material and marks the slot empty.</summary>
        public void Clear()
        {
            System.Array.Clear(Modulus, 0, ModulusLength);
            System.Array.Clear(P, 0, PrimeLength);
            System.Array.Clear(Q, 0, PrimeLength);
            System.Array.Clear(DP, 0, PrimeLength);
            System.Array.Clear(DQ, 0, PrimeLength);
            System.Array.Clear(QInv, 0, PrimeLength);
            PublicExponent = 0;
            IsInitialized = false;
        }
    }
}
