using NanoCard.Applets.Jpki;
using NanoCard.Flasher.Cards;
using NanoCard.Flasher.Commands;
using NanoCard.Issuance;
using NanoCard.Os.Store;

namespace NanoCard.Flasher.Lessons;

/// <summary>
/// Where the JPKI AP's data lives in the EEPROM image (docs/eeprom-layout.md): the regions, the
/// AP's objects from the directory, the token info's bytes at their address, and the pages one
/// wrong PIN writes.
/// </summary>
public sealed class EepromLesson() : Lesson("eeprom", "where each byte lives in the EEPROM")
{
    /// <summary>The JPKI AP's DF id, the top half of its objects' ids (MapCommand's owners).</summary>

    public override void Run(TextWriter output)
    {
        LessonCard card = LessonCard.Issue();
        CardStore store = card.Card.Store;
        StoreLayout layout = store.Layout;
        output.WriteLine($"# {layout.Size:N0} bytes in {layout.PageSize}-byte pages; the regions (address, bytes):");
        foreach (var (name, address, size) in StoreMap.Regions(layout))
        {
            output.WriteLine($"#   {address:X5}  {size,7:N0}  {name}");
        }
        output.WriteLine("# the JPKI AP's objects, from the directory (a PIN is a try counter plus a value object):");
        foreach (StoreObject o in StoreDirectory.Objects(store).Where(o => o.Df == JpkiAp.DfId))
        {
            output.WriteLine(o.IsTryCounter
                ? $"#   {o.Fid:X4}  try counter {o.Address} in the counter area, limit {o.Size}"
                : $"#   {o.Fid:X4}  {o.KindName,-15} at {o.Address:X5}, {o.Size,5:N0} bytes");
        }

        StoreObject token = StoreDirectory.Find(store, JpkiAp.DfId, JpkiAp.TokenInfo);
        byte[] image = card.Nvm.Snapshot();
        output.WriteLine($"# the token info (EF 0006) in the image at {token.Address:X5}: its first 32 bytes are the label");
        HexRows.Write(output, image.AsSpan(token.Address, 32), token.Address);
        output.WriteLine("# the same bytes through the interface:");
        card.TraceTo(output);
        CardClient reader = card.Reader;
        reader.Send(Apdus.SelectAid(JpkiAp.Aid));
        reader.Send(Apdus.SelectEf(JpkiAp.TokenInfo));
        reader.Send(Apdus.ReadBinary(0, 0x20));

        StoreObject certificate = StoreDirectory.Find(store, JpkiAp.DfId, JpkiAp.AuthCertificate);
        int used = Tlv.TotalLength(image[certificate.Address..(certificate.Address + 4)]);
        output.WriteLine($"# EF 000A holds {certificate.Size:N0} bytes from {certificate.Address:X5}; the certificate's DER header says it uses {used:N0} of them");

        output.WriteLine("# one wrong PIN: which bytes of the image change?");
        reader.Send(Apdus.Verify(0x98, card.WrongPin));
        byte[] after = card.Nvm.Snapshot();
        foreach (var (start, length) in Changes(image, after))
        {
            string region = StoreMap.Regions(layout).Last(r => r.Address <= start).Name;
            output.WriteLine($"#   {start:X5}  {length,3} bytes  ({region})");
        }
        output.WriteLine("# only a counter snapshot: the PIN's value object is never written by VERIFY (docs/eeprom-layout.md, \"Try counters\")");
    }

    /// <summary>The runs of bytes that differ between two images.</summary>
    private static IEnumerable<(int Start, int Length)> Changes(byte[] before, byte[] after)
    {
        int i = 0;
        while (i < before.Length)
        {
            if (before[i] == after[i])
            {
                i++;
                continue;
            }
            int start = i;
            while (i < before.Length && before[i] != after[i])
            {
                i++;
            }
            yield return (start, i - start);
        }
    }
}
