using NanoCard.Hal.Crypto;

namespace NanoCard.Os.Runtime
{
    /// <summary>
    /// GET CHALLENGE (ISO/IEC 7816-4:2020 §11.5.3) <c>00 84 00 00 Le</c>, answered by the OS in
    /// every state: Le 1–256 random bytes (short Le only: extended Le answers 6985, as the
    /// My Number card does, docs/references.md §3.1). The last challenge stays usable by
    /// exactly the next command (EXTERNAL AUTHENTICATE), then it is forgotten. Only its first
    /// <see cref="KeptLength"/> bytes are kept: no authentication takes a longer challenge, and the
    /// card spends 16 bytes of RAM on it rather than 256 (docs/performance.md, "Managed heap").
    /// </summary>
    public sealed class CardChallenge
    {
        public const short MaxLength = 256;

        /// <summary>The longest challenge an authentication can take (the issuer's AES block).</summary>
        public const short KeptLength = 16;

        private readonly IRandom random;
        private readonly byte[] value;
        private short length;

        public CardChallenge(IRandom random)
        {
            this.random = random;
            value = new byte[KeptLength];
        }

        internal ushort Answer(Apdu apdu)
        {
            Disarm();
            if (apdu.P1 != 0 || apdu.P2 != 0)
            {
                return Sw.IncorrectP1P2;
            }
            if (apdu.Case != ApduCase.ResponseData)
            {
                return Sw.WrongLength;
            }
            if (apdu.IsExtended)
            {
                return Sw.ConditionsNotSatisfied;
            }
            short n = (short)apdu.ExpectedLength;
            random.NextBytes(apdu.Buffer, 0, n);
            Util.ArrayCopy(apdu.Buffer, 0, value, 0, n < KeptLength ? n : KeptLength);
            apdu.SetOutgoingAndSend(0, n);
            length = n;
            return Sw.NoError;
        }

        /// <summary>
        /// True when the armed challenge is <paramref name="expectedLength"/> bytes; copies it to
        /// <paramref name="dest"/> and disarms it either way (one use per GET CHALLENGE).
        /// </summary>
        public bool Take(short expectedLength, byte[] dest, short offset)
        {
            bool ok = length == expectedLength && length <= KeptLength;
            if (ok)
            {
                Util.ArrayCopy(value, 0, dest, offset, length);
            }
            Disarm();
            return ok;
        }

        internal void Disarm()
        {
            Util.ArrayFill(value, 0, KeptLength, 0);
            length = 0;
        }
    }
}
