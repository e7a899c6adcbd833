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
