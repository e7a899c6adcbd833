using System.Text;
using NanoCard.Applets.CardManager;
using NanoCard.Applets.Jpki;
using NanoCard.Flasher.Cards;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Lessons;

/// <summary>
/// Power cuts in the middle of an update and of a VERIFY (docs/reliability.md): the simulated
/// EEPROM dies at a chosen page write and garbles that page; the next power-up replays or drops
/// the journal (docs/eeprom-layout.md, "Transactions"). The EF ends all old or all new, never a
/// mix, and a PIN try never comes back.
/// </summary>
public sealed class PowerCutLesson() : Lesson("power-cut", "what happens when power is cut mid-write")
{
    /// <summary>The JPKI AP's DF id (MapCommand's owners).</summary>

    /// <summary>Two fields of the token info (EF 0006) on different pages of the EF: the label (bytes 0–31) and the serial (80–95).</summary>
    private static readonly (string Name, int Offset, int Length)[] Fields = [("label", 0, 32), ("serial", 80, 16)];

    public override void Run(TextWriter output)
    {
        LessonCard card = LessonCard.Issue();
        StoreObject token = StoreDirectory.Find(card.Card.Store, JpkiAp.DfId, JpkiAp.TokenInfo);
        byte[] old = card.Nvm.Snapshot()[token.Address..(token.Address + token.Size)];
        byte[] updated = (byte[])old.Clone();
        Encoding.ASCII.GetBytes("NANOCARD POWER CUT LESSON       ").CopyTo(updated, 0);
        Encoding.ASCII.GetBytes("LESSON-SERIAL-02").CopyTo(updated, 80);
        byte[] write = Apdus.WriteBinary(0, updated);
        long writes = Writes(OpenTokenInfo, write);
        output.WriteLine($"# the issuer rewrites the token info (EF 0006 at {token.Address:X5}): a new label and serial, {updated.Length} bytes in one WRITE BINARY");
        output.WriteLine($"# on a copy of the card that write takes {writes} page writes: journal pages, commit record, then the pages in place");
        card.TraceTo(output);
        OpenTokenInfo(card);

        output.WriteLine("# cut 1: at the first page write, before the commit record (the commit point)");
        Cut(output, card, write, 1, writes);
        Show(output, "in the EEPROM when the power dies", card.Nvm, token.Address, old, updated);
        card = card.PowerCycle();
        Show(output, "after the next power-up", card.Nvm, token.Address, old, updated);

        output.WriteLine($"# cut 2: at page write {writes - 1}, after the commit point, while the pages are written in place");
        card.TraceTo(output);
        OpenTokenInfo(card);
        Cut(output, card, write, writes - 1, writes);
        Show(output, "in the EEPROM when the power dies", card.Nvm, token.Address, old, updated);
        card = card.PowerCycle();
        Show(output, "after the next power-up (recovery replayed the journal)", card.Nvm, token.Address, old, updated);

        output.WriteLine("# a PIN try never comes back: the counter is decremented and flushed before the PIN is compared");
        card.TraceTo(output);
        card.Reader.Send(Apdus.SelectAid(JpkiAp.Aid));
        card.Reader.Send(Apdus.VerifyStatus(0x98));
        byte[] right = Apdus.Verify(0x98, card.Pin);
        long verifyWrites = Writes(c => c.Reader.Send(Apdus.SelectAid(JpkiAp.Aid)), right);
        output.WriteLine($"# the right PIN takes {verifyWrites} page writes: the decrement, then the reset to 3");
        Cut(output, card, right, verifyWrites, verifyWrites);
        card = card.PowerCycle();
        card.TraceTo(output);
        output.WriteLine("# the PIN was right, but the reset never landed: the try is gone");
        card.Reader.Send(Apdus.SelectAid(JpkiAp.Aid));
        card.Reader.Send(Apdus.VerifyStatus(0x98));
        output.WriteLine("# the right PIN, with no cut, gives the tries back");
        card.Reader.Send(right);
        card.Reader.Send(Apdus.SelectAid(JpkiAp.Aid));
        card.Reader.Send(Apdus.VerifyStatus(0x98));
    }

    /// <summary>Issuer authentication in the card manager, then the JPKI AP's EF 0006 current (personalization reopened: docs/apdu-spec.md §11).</summary>
    private static void OpenTokenInfo(LessonCard card)
    {
        card.Reader.Send(Apdus.SelectCardManager());
        IssuerAuthentication.Authenticate(card.Reader, IssuerKey.TestKey);
        card.Reader.Send(Apdus.SelectAid(JpkiAp.Aid));
        card.Reader.Send(Apdus.SelectEf(JpkiAp.TokenInfo));
    }

    /// <summary>The page writes <paramref name="command"/> makes on a fresh copy of the card after <paramref name="prepare"/>.</summary>
    private static long Writes(Action<LessonCard> prepare, byte[] command)
    {
        LessonCard dry = LessonCard.Issue();
        prepare(dry);
        dry.Nvm.ResetCounters();
        dry.Reader.Send(command);
        return dry.Nvm.TotalPageWrites;
    }

    /// <summary>
    /// Sends <paramref name="command"/> with the power cut at its <paramref name="at"/>-th page write,
    /// that page garbled (a fixed seed). The in-process runtime turns the dead memory's exception
    /// into 6F00; a real card would simply fall silent.
    /// </summary>
    private static void Cut(TextWriter output, LessonCard card, byte[] command, long at, long of)
    {
        card.Nvm.CutPowerAfter(at, garble: true, seed: (int)at);
        output.WriteLine($"# power cut at page write {at} of {of}, that page garbled (the simulator shows 6F00; a real card goes silent)");
        card.Reader.Send(command);
    }

    private static void Show(TextWriter output, string when, RamNvm nvm, int address, byte[] old, byte[] updated)
    {
        byte[] image = nvm.Snapshot();
        output.WriteLine($"# {when}:");
        foreach (var (name, offset, length) in Fields)
        {
            ReadOnlySpan<byte> now = image.AsSpan(address + offset, length);
            string state = now.SequenceEqual(old.AsSpan(offset, length)) ? "old"
                : now.SequenceEqual(updated.AsSpan(offset, length)) ? "new" : "neither (a torn page)";
            output.WriteLine($"#   {name}: {state}");
            HexRows.Write(output, now, address + offset);
        }
    }
}
