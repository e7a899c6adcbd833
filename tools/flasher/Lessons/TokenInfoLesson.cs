using System.Buffers.Binary;
using System.Text;
using NanoCard.Applets.Jpki;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Lessons;

/// <summary>
/// The JPKI token info, EF 0006: 160 bytes laid out as PKCS#11's CK_TOKEN_INFO with 32-bit
/// big-endian integers (docs/apdu-spec.md §8.1). Its label is how jpki/myna and OpenSC recognize
/// a My Number card.
/// </summary>
public sealed class TokenInfoLesson() : Lesson("token-info", "reading the token info")
{
    public override void Run(TextWriter output)
    {
        CardClient reader = LessonCard.Traced(output).Reader;
        output.WriteLine("# the JPKI AP, then the label (bytes 0–31) by SFI: P1 86 = 80 | SFI 06 (ISO/IEC 7816-4 §11.2.2), no SELECT EF needed");
        reader.Send(Apdus.SelectAid(JpkiAp.Aid));
        byte[] label = reader.Send([0x00, 0xB0, 0x86, 0x00, 0x20]).Data;
        output.WriteLine($"# label: \"{Ascii(label)}\" padded with spaces (20) to 32 bytes");
        output.WriteLine("# the rest of the 160 bytes with the EF now current: offset 32, 128 bytes");
        byte[] rest = reader.Send(Apdus.ReadBinary(0x20, 0x80)).Data;
        byte[] token = [.. label, .. rest];
        output.WriteLine($"# bytes  32–63  manufacturerID  \"{Ascii(token[32..64])}\"");
        output.WriteLine($"# bytes  64–79  model           \"{Ascii(token[64..80])}\"");
        output.WriteLine($"# bytes  80–95  serialNumber    \"{Ascii(token[80..96])}\" (the card's serial, the persona's)");
        output.WriteLine($"# bytes  96–99  flags           {Convert.ToHexString(token, 96, 4)}: CKF_RNG | CKF_LOGIN_REQUIRED | CKF_USER_PIN_INITIALIZED | CKF_TOKEN_INITIALIZED");
        output.WriteLine($"# bytes 116–123 ulMaxPinLen {BinaryPrimitives.ReadUInt32BigEndian(token.AsSpan(116))}, ulMinPinLen {BinaryPrimitives.ReadUInt32BigEndian(token.AsSpan(120))} (CK_ULONGs, big-endian)");
        output.WriteLine("# reading past the end: offset 160 is outside the EF (6B00)");
        reader.Send(Apdus.ReadBinary(160, 1));
        output.WriteLine("# EF 0008, certificate availability: 8F 8F 00 = both certificates present");
        reader.Send(Apdus.SelectEf(JpkiAp.CertificateAvailability));
        reader.Send(Apdus.ReadBinary(0, 3));
    }

    private static string Ascii(byte[] bytes) => Encoding.ASCII.GetString(bytes).TrimEnd();
}
