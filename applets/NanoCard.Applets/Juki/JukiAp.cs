using NanoCard.Applets.CardManager;
using NanoCard.Applets.Shared;
using NanoCard.Os;
using NanoCard.Os.Credentials;
using NanoCard.Os.Files;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Juki
{
    /// <summary>
    /// 住基AP, AID D3921000310001010401 (mynacard-interface.md §3.6): the resident record code
    /// (住民票コード) as record 1 of EF 0001, readable with the 4-digit PIN 001C, which CHANGE KEY
    /// <c>80 32 00 80</c> changes after VERIFY.
    /// </summary>
    public sealed class JukiAp : MynaApplet
    {
        public static readonly byte[] Aid = { 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x01 };

        public const short ResidentCode = 0x0001;
        public const short Pin = 0x001C;

        /// <param name="credentials">gen2: the shared card PIN stands at 001C; null on gen1.</param>
        public JukiAp(CardStore store, CardState card, CardCredentials credentials)
            : base(store, card, 0x0040, 4)
        {
            OwnerPin pin = FourDigitPin(credentials, Pin);
            Df.CreateRecordEf(ResidentCode, (byte)ResidentCode, 32, AccessRule.AnyOf(new OwnerPin[] { pin }));
        }

        public override ushort Process(Apdu apdu)
        {
            if (apdu.Cla == ClassByte.Proprietary && apdu.Ins == MynaIns.ChangeKey)
            {
                return ChangeKey.Process(Df, apdu);
            }
            return base.Process(apdu);
        }
    }
}
