using System.Globalization;

namespace NanoCard.Issuance;

/// <summary>
/// Makes a persona's licence and municipal cards from its seed (docs/persona.md, "Licence and
/// municipal cards"). Its own random sequence (the seed mixed with a constant), so personas made
/// before these fields existed keep every other value.
/// </summary>
public static class LicenceGenerator
{
    /// <summary>
    /// The prefectures of <c>PersonaGenerator</c> with their public safety commission's code, the first two
    /// digits of a licence number (札幌 10, 宮城 22, 東京 30, 愛知 54, 大阪 62, 福岡 91).
    /// </summary>
    private static readonly (string Prefecture, string Code)[] Commissions =
    [
        ("北海道", "10"), ("宮城県", "22"), ("東京都", "30"), ("愛知県", "54"), ("大阪府", "62"), ("福岡県", "91"),
    ];

    /// <summary>A 普通 licence taken before this day became 中型 (8t) by the 2007 reform; before the next, 準中型 (5t) by the 2017 one.</summary>
    private static readonly DateOnly MediumReform = new(2007, 6, 2);
    private static readonly DateOnly SemiMediumReform = new(2017, 3, 12);

    private static readonly string[] DomicileTowns = ["架空市本籍町", "見本市戸籍町", "仮想市原籍町"];

    public static LicenceData Licence(int seed, string address, DateOnly birth, DateOnly today)
    {
        var random = new Random(unchecked(seed * 31 + 0x4C1C));
        (string prefecture, string code) = Commissions.FirstOrDefault(c => address.StartsWith(c.Prefecture, StringComparison.Ordinal), Commissions[2]);
        DateOnly first = birth.AddYears(18 + random.Next(0, 8)).AddDays(random.Next(0, 300));
        if (first > today)
        {
            first = today.AddDays(-random.Next(30, 300));
        }
        var categories = new List<LicenceCategory>();
        var conditions = new List<string>();
        if (first < MediumReform)
        {
            categories.Add(new LicenceCategory(0x31, "中型", first));
            conditions.Add("中型車は中型車（８ｔ）に限る");
        }
        else if (first < SemiMediumReform)
        {
            categories.Add(new LicenceCategory(0x33, "準中型", first));
            conditions.Add("準中型で運転できる準中型車は準中型車（５ｔ）に限る");
        }
        else
        {
            categories.Add(new LicenceCategory(0x26, "普通", first));
        }
        if (random.Next(4) == 0)
        {
            categories.Add(new LicenceCategory(0x29, "普自二", first.AddYears(1 + random.Next(5))));
        }
        if (random.Next(3) == 0)
        {
            conditions.Insert(0, "眼鏡等");
        }
        // Renewed on a birthday month: issued in the last year, valid until a month after the birthday three or five years on.
        DateOnly issued = today.AddDays(-random.Next(0, 365));
        // 優良 after five years without a violation; a licence renewed after a violation (違反) runs three years, the others five.
        int draw = random.Next(6);
        string colour = draw == 0 ? "違反" : (today.Year - first.Year) < 5 || draw == 1 ? "一般" : "優良";
        int years = colour == "違反" ? 3 : 5;
        int year = issued.Year + years;
        DateOnly birthday = new(year, birth.Month, Math.Min(birth.Day, DateTime.DaysInMonth(year, birth.Month)));
        DateOnly validUntil = birthday.AddMonths(1);
        string number = code + (first.Year % 100).ToString("D2", CultureInfo.InvariantCulture) + Digits(random, 7) + "0";
        string domicile = prefecture + DomicileTowns[random.Next(DomicileTowns.Length)] + FullWidth(random.Next(1, 999)) + "番地";
        return new LicenceData(number, prefecture + "公安委員会", issued, validUntil, colour, conditions, categories, domicile,
            Digits(random, 4), Digits(random, 4));
    }

    public static MunicipalData Municipal(int seed, string address)
    {
        var random = new Random(unchecked(seed * 31 + 0x3C17));
        int city = address.IndexOf('市', StringComparison.Ordinal);
        int start = Commissions.Select(c => c.Prefecture).FirstOrDefault(p => address.StartsWith(p, StringComparison.Ordinal))?.Length ?? 0;
        string municipality = city > start ? address[start..(city + 1)] : "架空市";
        return new MunicipalData(municipality, Digits(random, 8), Digits(random, 10));
    }

    private static string Digits(Random random, int count)
        => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + random.Next(10))));

    private static string FullWidth(int number) => string.Concat(number.ToString(CultureInfo.InvariantCulture).Select(c => (char)('０' + (c - '0'))));
}
