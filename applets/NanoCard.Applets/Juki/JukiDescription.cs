using NanoCard.Applets.Shared;
using NanoCard.Os.Description;

namespace NanoCard.Applets.Juki
{
    /// <summary>
    /// The 住基 AP's file and PIN (docs/apdu-spec.md §12): the resident record code (住民票コード)
    /// as record 1 of EF 0001, readable with the 4-digit PIN 001C (on gen2 the shared card PIN).
    /// </summary>
    public static class JukiDescription
    {
        public static ApDescription Describe(byte profile)
        {
            return new ApDescription(JukiAp.Aid, JukiAp.DfId, "Juki AP", "住基AP", new EntryDescription[]
            {
                CardCredentials.FourDigitPin(profile, JukiAp.Pin, 0x1C, "PIN"),
                EntryDescription.Records(JukiAp.ResidentCode, 0x01, JukiAp.ResidentCodeCapacity, AccessDescription.AnyOf(new short[] { JukiAp.Pin }), "resident record code"),
            });
        }
    }
}
