using System.Text;
using NanoCard.Applets.Visual;
using NanoCard.Flasher.Cards;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Pictures;

/// <summary>Which 照合番号 opens the visual AP's card face: A (the individual number, 12 digits) or B (14 digits).</summary>
public sealed record VerificationCode(char Which, string Value)
{
    /// <summary>The visual AP's PIN for this code (docs/apdu-spec.md §8.2).</summary>
    public short Fid => Which == 'A' ? VisualAp.CodeA : VisualAp.CodeB;

    public override string ToString() => $"照合番号{Which}";

    /// <summary>The name the picture prints (its font has no kanji).</summary>
    public string Latin => $"verification code {Which} (shogo bango {Which})";
}

/// <summary>
/// What the visual AP returns for the card face (docs/apdu-spec.md §8.1, EF 0002; gen2 also EF
/// 0007), as a reader gets it: dates and sex as the card codes them, the images as stored.
/// </summary>
public sealed record CardFace(
    string BirthDate, string Sex, byte[] NameImage, byte[] AddressImage, byte[] Photo, string Expiry, byte[] SecurityCodeImage, byte[]? ColourPhoto)
{
    /// <summary>
    /// SELECT the visual AP, VERIFY the code, READ BINARY the card face (and the colour photo where
    /// the card has EF 0007). A refused code is a one-line error that says what is left.
    /// </summary>
    public static CardFace Read(CardClient reader, VerificationCode code)
    {
        reader.Expect(Apdus.SelectAid(VisualAp.Aid), "SELECT visual AP");
        ushort sw = reader.Send(Apdus.Verify((byte)(0x80 | code.Fid), Encoding.ASCII.GetBytes(code.Value))).Sw;
        if (sw != 0x9000)
        {
            throw new UserError(sw switch
            {
                >= 0x63C0 and <= 0x63CF => $"the card refused {code} ({sw:X4}: {sw & 0xF} tries left); no picture written",
                0x6984 => $"{code} is blocked or not set on this card ({sw:X4}: a blank card has none); no picture written",
                _ => $"VERIFY {code}: card answered {sw:X4}; no picture written",
            });
        }
        reader.Expect(Apdus.SelectEf(VisualAp.CardFace), "SELECT card face");
        Dictionary<int, byte[]> face = TlvFileReader.Fields(TlvFileReader.ReadAll(reader));
        string Text(int tag) => Encoding.ASCII.GetString(face[tag]);
        return new CardFace(Text(0xDF22), Text(0xDF23), face[0xDF25], face[0xDF26], face[0xDF27], Text(0xDF29), face[0xDF2A], ReadColourPhoto(reader));
    }

    /// <summary>gen2's colour photo by short reads (every transport carries them); a gen1 card has no EF 0007 (6A82).</summary>
    private static byte[]? ReadColourPhoto(CardClient reader)
    {
        if (reader.Send(Apdus.SelectEf(VisualAp.ColourPhoto)).Sw != 0x9000)
        {
            return null;
        }
        return PhotoReader.ReadToEnd(reader, out _);
    }
}
