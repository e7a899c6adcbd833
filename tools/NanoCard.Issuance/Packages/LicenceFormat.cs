using System.Globalization;
using System.Text;

namespace NanoCard.Issuance.Packages;

/// <summary>
/// The licence AP's data formats (docs/apdu-spec.md §11.3), after the police agency's
/// specification of the IC licence (警察庁「運転免許証及び運転免許証作成システム等仕様書」,
/// version 009, 2021-06-30): the common data element of MF/EF01 byte for byte (17 bytes: spec
/// version, issue and expiry dates in BCD, manufacturer and crypto identifiers), and the items of
/// DF1/EF01 and EF02 as one-byte-tag TLVs with the specification's item tags, dates as era code
/// and YYMMDD. One deviation: text is UTF-8 where the specification uses JIS X 0208 (the rest of
/// the My Number card is UTF-8), so there is no JIS-year item and no 外字 file.
/// </summary>
public static class LicenceFormat
{
    /// <summary>NanoCard's version of the formats in the common data element (the specification's own are 3 digits).</summary>
    public const string Version = "N01";

    public const int TagCommonData = 0x45;
    public const int TagPreIssuance = 0x46;
    public const int TagName = 0x12;
    public const int TagKana = 0x13;
    public const int TagBirthDate = 0x16;
    public const int TagAddress = 0x17;
    public const int TagIssued = 0x18;
    public const int TagColour = 0x1A;
    public const int TagValidUntil = 0x1B;
    /// <summary>免許の条件 1–4: 1C–1F.</summary>
    public const int TagFirstCondition = 0x1C;
    public const int TagCommission = 0x20;
    public const int TagNumber = 0x21;
    /// <summary>本籍, the only item of EF 0102 (NanoCard's tag).</summary>
    public const int TagDomicile = 0x41;

    /// <summary><c>45 0B { version (3) ‖ issued (BCD YYYYMMDD) ‖ valid until (BCD) } 46 02 { manufacturer, crypto }</c>.</summary>
    public static byte[] CommonData(LicenceData licence) => Tlv.Concat(
        Tlv.Build(TagCommonData, [.. Encoding.ASCII.GetBytes(Version), .. Bcd(licence.Issued), .. Bcd(licence.ValidUntil)]),
        Tlv.Build(TagPreIssuance, [0x00, 0x00]));

    /// <summary>DF1/EF01 記載事項 (本籍除く): the holder and the licence, in the specification's item order.</summary>
    public static byte[] Items(Persona persona, LicenceData licence)
    {
        var items = new List<byte[]>
        {
            Text(TagName, persona.Name),
            Text(TagKana, persona.NameKana),
            Text(TagBirthDate, EraDate(persona.BirthDate)),
            Text(TagAddress, persona.Address),
            Text(TagIssued, EraDate(licence.Issued)),
            Text(TagColour, licence.Colour),
            Text(TagValidUntil, EraDate(licence.ValidUntil)),
        };
        for (int i = 0; i < licence.Conditions.Count; i++)
        {
            items.Add(Text(TagFirstCondition + i, licence.Conditions[i]));
        }
        items.Add(Text(TagCommission, licence.Commission));
        items.Add(Text(TagNumber, licence.Number));
        foreach (LicenceCategory c in licence.Categories.OrderBy(c => c.Tag))
        {
            items.Add(Text(c.Tag, EraDate(c.Since)));
        }
        return Tlv.Concat([.. items]);
    }

    /// <summary>DF1/EF02 記載事項 (本籍).</summary>
    public static byte[] Domicile(LicenceData licence) => Text(TagDomicile, licence.RegisteredDomicile);

    /// <summary>The one-byte-tag TLVs of an items file.</summary>
    public static IReadOnlyList<(int Tag, string Value)> Parse(byte[] file)
    {
        var fields = new List<(int, string)>();
        for (int at = 0; at + 2 <= file.Length && file[at] != 0xFF;)
        {
            int tag = file[at];
            int length = file[at + 1];
            int header = 2;
            if (length == 0x81 && at + 3 <= file.Length)
            {
                length = file[at + 2];
                header = 3;
            }
            if (at + header + length > file.Length)
            {
                throw new InvalidDataException($"item {tag:X2} runs past the end of the file");
            }
            fields.Add((tag, Encoding.UTF8.GetString(file, at + header, length)));
            at += header + length;
        }
        return fields;
    }

    /// <summary>Era code (1 明治 … 5 令和) and YYMMDD, as the specification writes dates in DF1/EF01: 2026-12-05 → 5081205.</summary>
    public static string EraDate(DateOnly date)
    {
        int code = JapaneseEra.Of(date).Era switch
        {
            "Meiji" => 1,
            "Taisho" => 2,
            "Showa" => 3,
            "Heisei" => 4,
            _ => 5,
        };
        return code.ToString(CultureInfo.InvariantCulture) + JapaneseEra.YyMmDd(date);
    }

    /// <summary>The date back from <see cref="EraDate"/>.</summary>
    public static DateOnly FromEraDate(string text)
    {
        if (text.Length != 7 || !text.All(char.IsAsciiDigit) || text[0] is < '1' or > '5')
        {
            throw new InvalidDataException($"'{text}' is not an era date (era code and YYMMDD)");
        }
        int[] firstYear = [1868, 1912, 1926, 1989, 2019];
        int year = firstYear[text[0] - '1'] + int.Parse(text[1..3], CultureInfo.InvariantCulture) - 1;
        return new DateOnly(year, int.Parse(text[3..5], CultureInfo.InvariantCulture), int.Parse(text[5..7], CultureInfo.InvariantCulture));
    }

    /// <summary>YYYYMMDD in BCD, four bytes.</summary>
    public static byte[] Bcd(DateOnly date) => Convert.FromHexString(date.ToString("yyyyMMdd", CultureInfo.InvariantCulture));

    public static DateOnly FromBcd(ReadOnlySpan<byte> bcd) =>
        DateOnly.ParseExact(Convert.ToHexString(bcd), "yyyyMMdd", CultureInfo.InvariantCulture);

    private static byte[] Text(int tag, string value) => Tlv.Build(tag, Encoding.UTF8.GetBytes(value));
}
