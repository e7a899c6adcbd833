using System.Globalization;

namespace NanoCard.Issuance;

/// <summary>
/// Makes a made-up person from a seed: the same seed gives the same persona, byte for byte.
/// Names are common Japanese family and given names; addresses are in towns that do not exist
/// (架空 "fictional", 試験 "test" and similar place names under real prefectures), so no persona can
/// be mistaken for a real resident. The individual number gets a valid check digit; serial,
/// codes and PINs are random digits.
/// </summary>
public static class PersonaGenerator
{
    private static readonly (string Kanji, string Kana, string Roman)[] FamilyNames =
    [
        ("佐藤", "サトウ", "SATO"), ("鈴木", "スズキ", "SUZUKI"), ("高橋", "タカハシ", "TAKAHASHI"),
        ("田中", "タナカ", "TANAKA"), ("伊藤", "イトウ", "ITO"), ("渡辺", "ワタナベ", "WATANABE"),
        ("山本", "ヤマモト", "YAMAMOTO"), ("中村", "ナカムラ", "NAKAMURA"), ("小林", "コバヤシ", "KOBAYASHI"),
        ("加藤", "カトウ", "KATO"), ("吉田", "ヨシダ", "YOSHIDA"), ("山田", "ヤマダ", "YAMADA"),
    ];

    private static readonly (string Kanji, string Kana, string Roman, string Sex)[] GivenNames =
    [
        ("花子", "ハナコ", "HANAKO", "2"), ("陽菜", "ヒナ", "HINA", "2"), ("美咲", "ミサキ", "MISAKI", "2"),
        ("結衣", "ユイ", "YUI", "2"), ("さくら", "サクラ", "SAKURA", "2"), ("葵", "アオイ", "AOI", "2"),
        ("太郎", "タロウ", "TARO", "1"), ("翔太", "ショウタ", "SHOTA", "1"), ("大輔", "ダイスケ", "DAISUKE", "1"),
        ("蓮", "レン", "REN", "1"), ("健一", "ケンイチ", "KENICHI", "1"), ("拓海", "タクミ", "TAKUMI", "1"),
    ];

    /// <summary>Real prefectures and their first municipality code digits; the towns below them are invented.</summary>
    private static readonly (string Prefecture, string Roman, string Code)[] Prefectures =
    [
        ("東京都", "TOKYO", "13"), ("大阪府", "OSAKA", "27"), ("北海道", "HOKKAIDO", "01"),
        ("愛知県", "AICHI", "23"), ("福岡県", "FUKUOKA", "40"), ("宮城県", "MIYAGI", "04"),
    ];

    private static readonly (string Kanji, string Roman)[] Towns =
    [
        ("架空市試験町", "KAKU-SHI SHIKEN-CHO"), ("見本市模擬町", "MIHON-SHI MOGI-CHO"), ("仮想市例題町", "KASO-SHI REIDAI-CHO"),
        ("試作市検証町", "SHISAKU-SHI KENSHO-CHO"), ("想定市演習町", "SOTEI-SHI ENSHU-CHO"),
    ];

    private static readonly string[] FullWidthDigits = ["０", "１", "２", "３", "４", "５", "６", "７", "８", "９"];

    /// <summary>The persona for <paramref name="seed"/>; <paramref name="today"/> fixes ages and the expiry.</summary>
    public static Persona Create(int seed, string profile, DateOnly today, string curve = "P-256")
    {
        if (profile is not ("gen1" or "gen2"))
        {
            throw new ArgumentException($"unknown profile '{profile}': use gen1 or gen2", nameof(profile));
        }
        var random = new Random(seed);
        var family = FamilyNames[random.Next(FamilyNames.Length)];
        var given = GivenNames[random.Next(GivenNames.Length)];
        var prefecture = Prefectures[random.Next(Prefectures.Length)];
        var town = Towns[random.Next(Towns.Length)];
        int chome = random.Next(1, 10), ban = random.Next(1, 30), go = random.Next(1, 20);
        var birth = today.AddYears(-random.Next(18, 80)).AddDays(-random.Next(0, 365));
        string first11 = Digits(random, 11);
        // The card is valid until the holder's tenth birthday after issuance (adults).
        var expiry = new DateOnly(today.Year + 10, birth.Month, Math.Min(birth.Day, DateTime.DaysInMonth(today.Year + 10, birth.Month)));
        string nameRoman = family.Roman + " " + given.Roman;
        string addressRoman = $"{chome}-{ban}-{go} {town.Roman}, {prefecture.Roman}";
        string myNumber = first11 + MyNumber.CheckDigit(first11).ToString(CultureInfo.InvariantCulture);
        string residentCode = Digits(random, 11);
        string pin = Digits(random, 4);
        string password = Password(random);
        string puk = Digits(random, 8);
        string securityCode = Digits(random, 4);
        string address = $"{prefecture.Prefecture}{town.Kanji}{FullWidth(chome)}丁目{FullWidth(ban)}番{FullWidth(go)}号";
        return new Persona
        {
            Profile = profile,
            Curve = curve,
            ColourPhoto = profile == "gen2" ? PersonaImages.ColourFace(seed, Applets.Visual.VisualAp.ColourPhotoSize) : [],
            Name = family.Kanji + "\u3000" + given.Kanji,
            NameKana = family.Kana + "\u3000" + given.Kana,
            NameRoman = nameRoman,
            Address = address,
            AddressRoman = addressRoman,
            BirthDate = birth,
            Sex = given.Sex,
            MyNumber = myNumber,
            ResidentCode = residentCode,
            Pin = pin,
            SignPassword = password,
            Puk = puk,
            SecurityCode = securityCode,
            Expiry = expiry,
            MunicipalityCode = prefecture.Code + Digits(random, 3),
            Serial = "6" + Digits(random, 14),
            FacePhoto = PersonaImages.Face(seed),
            NameImage = PersonaImages.Name(nameRoman),
            AddressImage = PersonaImages.Address(addressRoman),
            SecurityCodeImage = PersonaImages.SecurityCode(securityCode),
            MyNumberImage = PersonaImages.MyNumber(myNumber),
            Licence = LicenceGenerator.Licence(seed, address, birth, today),
            Municipal = LicenceGenerator.Municipal(seed, address),
        };
    }

    private static string Digits(Random random, int count)
        => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + random.Next(10))));

    private static string Password(Random random)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        return string.Concat(Enumerable.Range(0, 10).Select(_ => alphabet[random.Next(alphabet.Length)]));
    }

    private static string FullWidth(int number) => string.Concat(number.ToString(CultureInfo.InvariantCulture).Select(c => FullWidthDigits[c - '0']));
}
