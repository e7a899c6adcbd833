using NanoCard.Applets.Shared;
using NanoCard.Hal.Crypto;
using NanoCard.Os;
using NanoCard.Os.Files;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Juki
{
    /// <summary>
    /// 住基AP, AID D3921000310001010401 (docs/apdu-spec.md §12); its file and PIN are in
    /// <see cref="JukiDescription"/>. CHANGE KEY <c>80 32 00 80</c> changes the PIN after VERIFY.
    /// </summary>
    /// <remarks>
    /// INS table. Inherited ISO/IEC 7816-4 file and PIN commands (CLA 00): A4 SELECT EF, B0 READ
    /// BINARY, B2 READ RECORD, D6 UPDATE BINARY, 20 VERIFY, 24 CHANGE REFERENCE DATA; gen2: 2C
    /// RESET RETRY COUNTER for the card PIN. Its own: CLA 80 32 CHANGE KEY. Personalization (CLA
    /// 80, §10): 46, D6, E2, 0E, 24. Anything else 6D00.
    /// </remarks>
    public sealed class JukiAp : MynaApplet
    {
        public static readonly byte[] Aid = { 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x01 };

        /// <summary>Names the AP's objects in the store.</summary>
        public const ushort DfId = 0x0040;

        public const short ResidentCode = 0x0001;
        public const short Pin = 0x001C;

        /// <summary>Bytes the resident record code's records share (one record of 13 bytes in use).</summary>
        public const short ResidentCodeCapacity = 32;

        /// <param name="credentials">gen2: the card's shared credentials (the card PIN stands at 001C); null on gen1.</param>
        public JukiAp(CardStore store, CardState card, ICrypto crypto, byte profile, DedicatedFile credentials)
            : base(store, card, JukiDescription.Describe(profile), crypto, credentials, profile)
        {
        }

        protected override ushort ProcessProprietary(Apdu apdu)
        {
            switch (apdu.Ins)
            {
                case MynaIns.ChangeKey:
                    return ChangeKey.Process(Df, apdu);
                case MynaIns.GenerateKeyPair:
                case MynaIns.WriteBinary:
                case MynaIns.AppendRecord:
                case MynaIns.Erase:
                case MynaIns.PutCredential:
                    return Personalize(apdu);
                default:
                    return FileCommands.UnderProprietaryClass(apdu.Ins);
            }
        }

        protected override ushort ProcessInterindustry(Apdu apdu)
        {
            switch (apdu.Ins)
            {
                case Iso7816.InsSelect:
                case Iso7816.InsReadBinary:
                case Iso7816.InsReadRecord:
                case Iso7816.InsUpdateBinary:
                case Iso7816.InsVerify:
                case Iso7816.InsChangeReferenceData:
                    return FileCommands.Process(Df, apdu);
                case Iso7816.InsResetRetryCounter:
                    return IsGen2 ? FileCommands.ResetRetryCounter(Df, apdu) : Sw.InsNotSupported;
                default:
                    return Sw.InsNotSupported;
            }
        }
    }
}
