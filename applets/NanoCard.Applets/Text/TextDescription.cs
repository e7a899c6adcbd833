using NanoCard.Applets.Shared;
using NanoCard.Os.Description;

namespace NanoCard.Applets.Text
{
    /// <summary>
    /// The text AP's files, PINs and key (docs/apdu-spec.md §9), in the order the card allocates
    /// them: the individual number, the four attributes, their integrity record and the AP's
    /// certificate and keys. The PIN or 照合番号A opens the number; the PIN or 照合番号B the
    /// attributes; any of the three the integrity record and the AP's public keys. On gen2 the PIN
    /// is the shared card PIN.
    /// </summary>
    public static class TextDescription
    {
        public static ApDescription Describe(byte profile)
        {
            AccessDescription always = AccessDescription.Always;
            AccessDescription pinOrA = AccessDescription.AnyOf(new short[] { TextAp.Pin, TextAp.CodeA });
            AccessDescription pinOrB = AccessDescription.AnyOf(new short[] { TextAp.Pin, TextAp.CodeB });
            AccessDescription any = AccessDescription.AnyOf(new short[] { TextAp.Pin, TextAp.CodeA, TextAp.CodeB });
            EntryDescription[] gen1 =
            {
                CardCredentials.FourDigitPin(profile, TextAp.Pin, 0x11, "PIN"),
                EntryDescription.Pin(TextAp.CodeA, 0x14, MynaPinFormats.CodeA, "照合番号A"),
                EntryDescription.Pin(TextAp.CodeB, 0x15, MynaPinFormats.CodeB, "照合番号B"),
                EntryDescription.Transparent(TextAp.MyNumber, 0x01, TextAp.MyNumberSize, pinOrA, "individual number"),
                EntryDescription.Transparent(TextAp.Attributes, 0x02, TextAp.AttributesSize, pinOrB, "four attributes"),
                EntryDescription.Transparent(TextAp.Integrity, 0x03, TextAp.IntegritySize, any, "integrity record"),
                EntryDescription.Transparent(TextAp.Certificate, 0x04, TextAp.CertificateSize, always, "CV certificate"),
                EntryDescription.Transparent(TextAp.BasicInfo, 0x05, TextAp.BasicInfoSize, always, "AP basic info"),
                EntryDescription.Transparent(TextAp.SessionKeyPublic, 0x06, TextAp.SessionKeySize, any, "AP public key"),
                EntryDescription.Transparent(TextAp.SignedPublicKey, 0x07, TextAp.SignedPublicKeySize, any, "signed AP public key"),
                EntryDescription.RsaKey(TextAp.ApKey, 0x13, always, "AP key"),
            };
            EntryDescription[] entries = gen1;
            if (profile == CardProfile.Gen2)
            {
                // RSA-2048 ends with 2030 (docs/apdu-spec.md §13.3): the AP's authenticity gets an EC
                // key and a card-CA certificate, like the JPKI AP's; the RSA key stays for old clients.
                entries = new EntryDescription[gen1.Length + 2];
                System.Array.Copy(gen1, entries, gen1.Length);
                entries[gen1.Length] = EntryDescription.Transparent(TextAp.ApAuthCertificate, 0x08, CertificateCapacity.Gen2Ec, always, "AP authentication certificate");
                entries[gen1.Length + 1] = EntryDescription.EcKey(TextAp.ApAuthKey, 0x1C, always, "AP authentication key (ECDSA)");
            }
            return new ApDescription(TextAp.Aid, TextAp.DfId, "text AP", "券面事項入力補助AP", entries);
        }
    }
}
