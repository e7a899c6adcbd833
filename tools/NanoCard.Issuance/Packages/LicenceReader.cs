using System.Security.Cryptography;
using System.Text;

namespace NanoCard.Issuance.Packages;

/// <summary>What a reader got from the licence AP; what it could not open is null, with the reason in <see cref="Refusals"/>.</summary>
public sealed record LicenceReading(
    string Version,
    DateOnly Issued,
    DateOnly ValidUntil,
    IReadOnlyList<(int Tag, string Value)>? Items,
    string? Domicile,
    bool? ItemsSigned,
    bool? DomicileSigned,
    IReadOnlyList<string> Refusals)
{
    public string? Item(int tag) => Items?.FirstOrDefault(i => i.Tag == tag).Value;
}

/// <summary>
/// Reads the licence AP the way a police or rental-car reader would (docs/apdu-spec.md §11.3):
/// the common data element without a PIN; after 暗証番号1 the items and their signature; after
/// 暗証番号2 the registered domicile and its signature; each signature checked against the police
/// agency's key when the reader has it.
/// </summary>
public static class LicenceReader
{
    public static LicenceReading Read(CardClient card, string? pin1, string? pin2, ECDsa? police)
    {
        card.Expect(Apdus.SelectAid(LicencePackage.Aid), "SELECT of the licence AP");
        byte[] common = EfReader.Read(card, LicencePackage.CommonData);
        if (common.Length != 17 || common[0] != LicenceFormat.TagCommonData || common[1] != 0x0B)
        {
            throw new InvalidDataException($"the common data element is not 45 0B …: {Convert.ToHexString(common)}");
        }
        string version = Encoding.ASCII.GetString(common, 2, 3);
        var refusals = new List<string>();
        IReadOnlyList<(int, string)>? items = null;
        bool? itemsSigned = null;
        if (pin1 is not null && Refused(refusals, EfReader.Verify(card, 1, pin1, "暗証番号1")) is false)
        {
            byte[] raw = EfReader.Read(card, LicencePackage.Items);
            items = LicenceFormat.Parse(raw);
            itemsSigned = Checked(police, EfReader.Read(card, LicencePackage.ItemsSignature), common, raw);
        }
        string? domicile = null;
        bool? domicileSigned = null;
        if (pin2 is not null && Refused(refusals, EfReader.Verify(card, 2, pin2, "暗証番号2")) is false)
        {
            byte[] raw = EfReader.Read(card, LicencePackage.Domicile);
            domicile = LicenceFormat.Parse(raw).Single(i => i.Tag == LicenceFormat.TagDomicile).Value;
            domicileSigned = Checked(police, EfReader.Read(card, LicencePackage.DomicileSignature), raw);
        }
        return new LicenceReading(version, LicenceFormat.FromBcd(common.AsSpan(5, 4)), LicenceFormat.FromBcd(common.AsSpan(9, 4)),
            items, domicile, itemsSigned, domicileSigned, refusals);
    }

    private static bool Refused(List<string> refusals, string? refusal)
    {
        if (refusal is not null)
        {
            refusals.Add(refusal);
        }
        return refusal is not null;
    }

    private static bool? Checked(ECDsa? police, byte[] signature, params byte[][] signed) =>
        police is null ? null : AuthoritySigner.Verify(police, signature, signed);
}
