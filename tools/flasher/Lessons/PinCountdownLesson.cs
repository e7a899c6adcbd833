using NanoCard.Applets.Jpki;
using NanoCard.Applets.Text;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Lessons;

/// <summary>
/// The try counter of the JPKI user-authentication PIN, from three tries to blocked
/// (docs/apdu-spec.md §6, ISO/IEC 7816-4 §11.5.6). Traces mask every PIN value.
/// </summary>
public sealed class PinCountdownLesson() : Lesson("pin-countdown", "PIN countdown and blocking")
{
    public override void Run(TextWriter output)
    {
        LessonCard card = LessonCard.Traced(output);
        CardClient reader = card.Reader;
        byte[] pin = card.Pin, wrong = card.WrongPin;
        output.WriteLine("# an empty VERIFY (no data) asks how many tries are left, and uses none: 63C3");
        reader.Send(Apdus.SelectAid(JpkiAp.Aid));
        reader.Send(Apdus.VerifyStatus(0x98));
        output.WriteLine("# a wrong PIN: 63C2; the right one gives the tries back: 9000, then 63C3 again after a new SELECT (which logs out)");
        reader.Send(Apdus.Verify(0x98, wrong));
        reader.Send(Apdus.Verify(0x98, pin));
        reader.Send(Apdus.SelectAid(JpkiAp.Aid));
        reader.Send(Apdus.VerifyStatus(0x98));
        output.WriteLine("# three wrong PINs in a row: 63C2, 63C1, 63C0 — the last one blocks");
        for (int i = 0; i < 3; i++)
        {
            reader.Send(Apdus.Verify(0x98, wrong));
        }
        output.WriteLine("# blocked: the right PIN is not even compared (6984); an empty VERIFY says 63C0");
        reader.Send(Apdus.Verify(0x98, pin));
        reader.Send(Apdus.VerifyStatus(0x98));
        output.WriteLine("# the key behind the PIN is now out of reach: signing answers 6982 (security status not satisfied)");
        reader.Send(Apdus.ComputeSignature(0x97, IssuerSignature.DigestInfo([])));
        output.WriteLine("# a gen1 card has one PIN per AP: the text AP's PIN (P2 91 = SFI 11) still has its 3 tries");
        reader.Send(Apdus.SelectAid(TextAp.Aid));
        reader.Send(Apdus.VerifyStatus(0x91));
    }
}
