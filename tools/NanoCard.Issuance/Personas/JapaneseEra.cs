using System.Globalization;

namespace NanoCard.Issuance;

/// <summary>
/// Dates as the card's verification codes write them: YYMMDD with the year counted in the
/// Japanese era (docs/references.md §4.7: 1980-02-17 is Shōwa 55 → "550217"). The era start
/// dates are the Gregorian days each era began (the Meiji start is the Gregorian day of the
/// proclamation). Written out here because the tools run with invariant globalization, where
/// .NET's JapaneseCalendar is unavailable.
/// </summary>
public static class JapaneseEra
{
    private static readonly (DateOnly Start, string Name)[] Eras =
    [
        (new DateOnly(2019, 5, 1), "Reiwa"),
        (new DateOnly(1989, 1, 8), "Heisei"),
        (new DateOnly(1926, 12, 25), "Showa"),
        (new DateOnly(1912, 7, 30), "Taisho"),
        (new DateOnly(1868, 10, 23), "Meiji"),
    ];

    /// <summary>The era's name and the year within it (the first year is 1).</summary>
    public static (string Era, int Year) Of(DateOnly date)
    {
        foreach (var (start, name) in Eras)
        {
            if (date >= start)
            {
                return (name, date.Year - start.Year + 1);
            }
        }
        throw new ArgumentOutOfRangeException(nameof(date), "before the Meiji era");
    }

    /// <summary>YYMMDD with the era year (two digits), as the visual AP's birth-date key takes it.</summary>
    public static string YyMmDd(DateOnly date)
    {
        int year = Of(date).Year;
        return string.Create(CultureInfo.InvariantCulture, $"{year % 100:D2}{date.Month:D2}{date.Day:D2}");
    }
}
