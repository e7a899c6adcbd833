using NanoCard.Applets.Shared;
using NanoCard.Os.Description;

namespace NanoCard.Applets.Visual
{
    /// <summary>
    /// The visual AP's files and codes (docs/apdu-spec.md §9), in the order the card allocates
    /// them: the age record (birth-date key), the card face and the AP's basic info and certificate
    /// (照合番号A or B), the rendered individual number (照合番号A only), and on gen2 the colour
    /// face photo (A or B).
    /// </summary>
    public static class VisualDescription
    {
        public static ApDescription Describe(byte profile)
        {
            AccessDescription always = AccessDescription.Always;
            AccessDescription aOrB = AccessDescription.AnyOf(new short[] { VisualAp.CodeA, VisualAp.CodeB });
            EntryDescription[] gen1 =
            {
                EntryDescription.Pin(VisualAp.BirthDateKey, 0x11, MynaPinFormats.BirthDate, "birth-date key"),
                EntryDescription.Pin(VisualAp.CodeB, 0x12, MynaPinFormats.CodeB, "照合番号B"),
                EntryDescription.Pin(VisualAp.CodeA, 0x13, MynaPinFormats.CodeA, "照合番号A"),
                EntryDescription.Transparent(VisualAp.AgeRecord, 0x01, VisualAp.AgeRecordSize, AccessDescription.AnyOf(new short[] { VisualAp.BirthDateKey }), "age record"),
                EntryDescription.Transparent(VisualAp.CardFace, 0x02, VisualAp.CardFaceSize, aOrB, "card face"),
                EntryDescription.Transparent(VisualAp.BasicInfo, 0x03, VisualAp.BasicInfoSize, always, "AP basic info"),
                EntryDescription.Transparent(VisualAp.Certificate, 0x04, VisualAp.CertificateSize, always, "CV certificate"),
                EntryDescription.Transparent(VisualAp.MyNumberImage, 0x05, VisualAp.MyNumberImageSize, AccessDescription.AnyOf(new short[] { VisualAp.CodeA }), "individual number image"),
            };
            EntryDescription[] entries = gen1;
            if (profile == CardProfile.Gen2)
            {
                entries = new EntryDescription[gen1.Length + 1];
                System.Array.Copy(gen1, entries, gen1.Length);
                entries[gen1.Length] = EntryDescription.Transparent(VisualAp.ColourPhoto, 0x07, VisualAp.ColourPhotoSize, aOrB, "colour face photo");
            }
            return new ApDescription(VisualAp.Aid, VisualAp.DfId, "visual AP", "券面事項確認AP", entries);
        }
    }
}
