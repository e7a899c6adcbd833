namespace NanoCard.Issuance;

/// <summary>
/// The individual number's check digit (個人番号の検査用数字): for the first 11 digits P(n),
/// n counted 1–11 from the right, weights Q(n) = n + 1 for n ≤ 6 and n − 5 for n ≥ 7;
/// r = Σ P(n)Q(n) mod 11; the check digit is 0 when r ≤ 1, else 11 − r
/// (総務省令第八十五号 第五条, the formula every validator implements).
/// </summary>
public static class MyNumber
{
    public static int CheckDigit(string first11)
    {
        if (first11.Length != 11 || !first11.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("11 digits", nameof(first11));
        }
        int sum = 0;
        for (int n = 1; n <= 11; n++)
        {
            int p = first11[11 - n] - '0';
            int q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        int r = sum % 11;
        return r <= 1 ? 0 : 11 - r;
    }

    public static bool IsValid(string number)
        => number.Length == 12 && number.All(char.IsAsciiDigit) && CheckDigit(number[..11]) == number[11] - '0';
}
