using NanoCard.Applets.Shared;
using NanoCard.Os.Description;

namespace NanoCard.Applets.CommonCard
{
    /// <summary>
    /// The common card AP's file and keys (docs/apdu-spec.md §12): the card-info record
    /// (<c>01 1C</c> + serial 15 + municipality code 5 + expiry YYYYMMDD), readable by anyone, and
    /// key 0019 for INTERNAL AUTHENTICATE without any credential. gen2 adds the card
    /// authentication certificate (EF 0002) and EC key (0003), like PIV card authentication:
    /// readable and usable without any PIN.
    /// </summary>
    public static class CommonDescription
    {
        public static ApDescription Describe(byte profile)
        {
            AccessDescription always = AccessDescription.Always;
            EntryDescription[] gen1 =
            {
                EntryDescription.Records(CommonAp.CardInfo, 0x01, CommonAp.CardInfoCapacity, always, "card info"),
                EntryDescription.RsaKey(CommonAp.AuthenticationKey, 0x19, always, "card authentication key"),
            };
            EntryDescription[] entries = gen1;
            if (profile == CardProfile.Gen2)
            {
                entries = new EntryDescription[]
                {
                    gen1[0],
                    gen1[1],
                    EntryDescription.Transparent(CommonAp.CardAuthCertificate, 0x02, CertificateCapacity.Gen2Ec, always, "card authentication certificate"),
                    EntryDescription.EcKey(CommonAp.CardAuthKey, 0x03, always, "card authentication key (ECDSA)"),
                };
            }
            return new ApDescription(CommonAp.Aid, CommonAp.DfId, "common AP", "共通AP", entries);
        }
    }
}
