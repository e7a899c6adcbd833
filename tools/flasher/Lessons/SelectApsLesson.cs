using NanoCard.Applets.CardManager;
using NanoCard.Applets.CommonCard;
using NanoCard.Applets.Jpki;
using NanoCard.Applets.Juki;
using NanoCard.Applets.Text;
using NanoCard.Applets.Visual;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Lessons;

/// <summary>Selecting the APs by DF name, then EFs by FID, and what an access condition looks like (docs/apdu-spec.md §4, §5).</summary>
public sealed class SelectApsLesson() : Lesson("select-aps", "selecting the APs and their files")
{
    public override void Run(TextWriter output)
    {
        CardClient reader = LessonCard.Traced(output).Reader;
        output.WriteLine("# SELECT by DF name (ISO/IEC 7816-4 §11.1.1: P1 04); P2 0C asks for no FCI, so each AP answers only 9000");
        foreach (byte[] aid in new[] { JpkiAp.Aid, TextAp.Aid, VisualAp.Aid, JukiAp.Aid, CommonAp.Aid, CardManagerApplet.Aid })
        {
            reader.Send(Apdus.SelectAid(aid));
        }
        output.WriteLine("# a name no AP has (the JPKI AID with its last byte changed): 6A82, and the card manager stays selected");
        reader.Send(Apdus.SelectAid([.. JpkiAp.Aid[..^1], 0x09]));
        output.WriteLine("# P2 00 asks for the FCI: 6F (FCI template) holding 84 (the DF name) — docs/apdu-spec.md §4");
        reader.Send([0x00, 0xA4, 0x04, 0x00, (byte)JpkiAp.Aid.Length, .. JpkiAp.Aid, 0x00]);
        output.WriteLine("# inside the JPKI AP, SELECT EF by FID (P1 02): the token info and the user-authentication certificate");
        reader.Send(Apdus.SelectEf(JpkiAp.TokenInfo));
        reader.Send(Apdus.SelectEf(JpkiAp.AuthCertificate));
        output.WriteLine("# the certificate's first 4 bytes: 30 82 = a DER SEQUENCE with a 2-byte length, then the length");
        reader.Send(Apdus.ReadBinary(0, 4));
        output.WriteLine("# a FID this AP does not have: 6A82");
        reader.Send(Apdus.SelectEf(0x0099));
        output.WriteLine("# the text AP's individual number needs its PIN: the EF is found, reading it is refused with 6982");
        reader.Send(Apdus.SelectAid(TextAp.Aid));
        reader.Send(Apdus.SelectEf(TextAp.MyNumber));
        reader.Send(Apdus.ReadBinary(0, 17));
    }
}
