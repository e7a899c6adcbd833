namespace NanoCard.Issuance;

/// <summary>
/// A persona's driving licence (docs/persona.md), made up like the rest of the persona and what
/// the licence AP carries (docs/apdu-spec.md §11.3): the items of the police agency's
/// specification of the IC licence (警察庁「運転免許証及び運転免許証作成システム等仕様書」,
/// DF1/EF01 and EF02) that a licence AP on the My Number card needs, and its two 4-digit PINs.
/// </summary>
/// <param name="Number">免許証の番号, 12 digits: the commission's code (2), the year first licensed (2), 8 more.</param>
/// <param name="Commission">公安委員会名, e.g. 東京都公安委員会.</param>
/// <param name="Issued">交付年月日.</param>
/// <param name="ValidUntil">有効期間の末日: one month after the birthday, in the third or fifth year.</param>
/// <param name="Colour">免許証の色区分: 優良, 一般 or 違反.</param>
/// <param name="Conditions">免許の条件, at most four.</param>
/// <param name="Categories">The categories held, each with the date first licensed (免許の年月日).</param>
/// <param name="RegisteredDomicile">本籍: behind PIN2.</param>
/// <param name="Pin1">暗証番号1: opens the licence's items.</param>
/// <param name="Pin2">暗証番号2: opens the registered domicile.</param>
public sealed record LicenceData(
    string Number,
    string Commission,
    DateOnly Issued,
    DateOnly ValidUntil,
    string Colour,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<LicenceCategory> Categories,
    string RegisteredDomicile,
    string Pin1,
    string Pin2);

/// <summary>
/// One licence category as the specification's DF1/EF01 lists it: its item tag there (普通 26,
/// 中型 31, 準中型 33, 普自二 29, 原付 2B, …; <see cref="Name"/> for people) and the date first licensed.
/// </summary>
public sealed record LicenceCategory(int Tag, string Name, DateOnly Since);

/// <summary>
/// A persona's cards from its municipality (条例利用, docs/persona.md): the seal-registration card
/// (印鑑登録証) and the library card, each a member number the municipality's AP carries.
/// </summary>
/// <param name="Municipality">The city of the persona's address, e.g. 架空市.</param>
/// <param name="SealNumber">印鑑登録番号, 8 digits.</param>
/// <param name="LibraryNumber">図書館の利用者番号, 10 digits.</param>
public sealed record MunicipalData(string Municipality, string SealNumber, string LibraryNumber);
