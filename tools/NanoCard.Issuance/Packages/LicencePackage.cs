using System.Security.Cryptography;
using NanoCard.Issuance.Content;
using static NanoCard.Issuance.Packages.PackageEntries;

namespace NanoCard.Issuance.Packages;

/// <summary>
/// The licence AP (免許証カードAP) as a package the police agency's domain installs after issuance
/// (docs/apdu-spec.md §11.3): its description and personalization from a persona's licence. The
/// IC licence's MF, DF1 and their EFs become one DF; the two PINs keep their roles:
/// 暗証番号1 opens the licence's items, 暗証番号2 the registered domicile. The police agency
/// signs both (EF 0107, 0108), so a reader can tell the data is the agency's.
/// </summary>
public static class LicencePackage
{
    public static readonly byte[] Aid = Convert.FromHexString("F04E616E6F4C6963656E6365");
    public const string DfId = "1001";
    /// <summary>The police agency's security domain.</summary>
    public static readonly byte[] DomainAid = Convert.FromHexString("F04E616E6F506F6C696365");

    public const int Pin1 = 0x0001;
    public const int Pin2 = 0x0002;
    /// <summary>MF/EF01 共通データ要素: readable by all.</summary>
    public const int CommonData = 0x2F01;
    /// <summary>DF1/EF01 記載事項 (本籍除く): PIN1.</summary>
    public const int Items = 0x0101;
    /// <summary>DF1/EF02 記載事項 (本籍): PIN2.</summary>
    public const int Domicile = 0x0102;
    /// <summary>DF1/EF04 記載事項変更等: records the agency appends later (a new address), PIN1.</summary>
    public const int Changes = 0x0104;
    public const int ChangesSize = 128;
    /// <summary>DF1/EF07 電子署名: the agency's signature over EF 2F01 ‖ EF 0101 (PIN1), and over EF 0102 (PIN2).</summary>
    public const int ItemsSignature = 0x0107;
    public const int DomicileSignature = 0x0108;

    /// <summary>The entries' names, as the specification names the files they stand for (for traces).</summary>
    public static readonly IReadOnlyDictionary<int, string> EntryNames = new Dictionary<int, string>
    {
        [Pin1] = "暗証番号1", [Pin2] = "暗証番号2", [CommonData] = "共通データ要素", [Items] = "記載事項 (本籍除く)",
        [Domicile] = "記載事項 (本籍)", [Changes] = "記載事項変更等", [ItemsSignature] = "電子署名 (記載事項)", [DomicileSignature] = "電子署名 (本籍)",
    };

    /// <summary>The licence AP for <paramref name="persona"/>, its data signed by <paramref name="police"/>.</summary>
    public static ApDescriptionFile Describe(Persona persona, ECDsa police)
    {
        LicenceData licence = persona.Licence
            ?? throw new InvalidDataException("the persona has no licence data (made before it existed): make a new one with flasher persona new");
        byte[] common = LicenceFormat.CommonData(licence);
        byte[] items = LicenceFormat.Items(persona, licence);
        byte[] domicile = LicenceFormat.Domicile(licence);
        return new ApDescriptionFile(Convert.ToHexString(Aid), DfId,
        [
            Pin(Pin1, 1, licence.Pin1),
            Pin(Pin2, 2, licence.Pin2),
            Data(CommonData, 3, common, Always),
            Data(Items, 4, items, Pins(Pin1)),
            Data(Domicile, 5, domicile, Pins(Pin2)),
            new ApEntryFile("records", Fid(Changes), 6, ChangesSize, Read: Pins(Pin1)),
            Data(ItemsSignature, 7, AuthoritySigner.Sign(police, common, items), Pins(Pin1)),
            Data(DomicileSignature, 8, AuthoritySigner.Sign(police, domicile), Pins(Pin2)),
        ]);
    }
}
