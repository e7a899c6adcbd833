using System.Security.Cryptography;
using System.Text;
using NanoCard.Issuance.Content;
using static NanoCard.Issuance.Packages.PackageEntries;

namespace NanoCard.Issuance.Packages;

/// <summary>
/// A municipality's AP for 条例利用 (docs/apdu-spec.md §11.4): a card the city issues on the My
/// Number card — the seal-registration card (印鑑登録証) or the library card — as a package its
/// domain installs. A member record readable by all, a key that proves the card is present
/// (INTERNAL AUTHENTICATE: EC P-256 on gen2, RSA-2048 on gen1, which has no EC), and the city's
/// signature binding the record to that key, which the card generated: a reader checks the
/// signature, then a fresh challenge, and knows the record is the city's and the card the one it
/// was issued to.
/// </summary>
public sealed record MunicipalPackage(string Name, string Kind, byte[] Aid, string DfId)
{
    /// <summary>The municipality's security domain, which holds the 条例利用 area.</summary>
    public static readonly byte[] DomainAid = Convert.FromHexString("F04E616E6F43697479");

    public static readonly MunicipalPackage Seal = new("seal", "印鑑登録証", Convert.FromHexString("F04E616E6F5365616C"), "2001");
    public static readonly MunicipalPackage Library = new("library", "図書館利用カード", Convert.FromHexString("F04E616E6F4C696272617279"), "2002");

    public static readonly IReadOnlyList<MunicipalPackage> All = [Seal, Library];

    /// <summary>EF 0001: <c>C0 municipality, C1 kind, C2 member number</c> (UTF-8), readable by all.</summary>
    public const int Record = 0x0001;
    /// <summary>The presence key: INTERNAL AUTHENTICATE with no PIN.</summary>
    public const int Key = 0x0002;
    /// <summary>EF 0003: <c>C3 public key template (7F49, as GENERATE KEY PAIR returned it), C4 the city's signature</c> over EF 0001 ‖ the template.</summary>
    public const int KeyCertificate = 0x0003;

    /// <summary>The entries' names (for traces).</summary>
    public static readonly IReadOnlyDictionary<int, string> EntryNames = new Dictionary<int, string>
    {
        [Record] = "member record", [Key] = "presence key", [KeyCertificate] = "key certificate (the city's signature)",
    };

    public const int TagMunicipality = 0xC0;
    public const int TagKind = 0xC1;
    public const int TagNumber = 0xC2;
    public const int TagPublicKey = 0xC3;
    public const int TagSignature = 0xC4;

    /// <summary>Bytes of the public key templates GENERATE KEY PAIR returns: 7F49 with a P-256 point, or with an RSA-2048 modulus and exponent.</summary>
    private const int EcTemplateLength = 3 + (2 + 8) + (2 + 65);
    private const int RsaTemplateLength = 5 + (4 + 256) + (2 + 3);

    public static MunicipalPackage Named(string name) => All.FirstOrDefault(p => p.Name == name)
        ?? throw new InvalidDataException($"no municipal package '{name}' (seal, library)");

    /// <summary>The member number of <paramref name="persona"/> this AP carries.</summary>
    public string Number(Persona persona)
    {
        MunicipalData m = persona.Municipal
            ?? throw new InvalidDataException("the persona has no municipal data (made before it existed): make a new one with flasher persona new");
        return this == Seal ? m.SealNumber : m.LibraryNumber;
    }

    public byte[] RecordBytes(Persona persona) => Tlv.Concat(
        Tlv.Build(TagMunicipality, Encoding.UTF8.GetBytes(persona.Municipal!.Municipality)),
        Tlv.Build(TagKind, Encoding.UTF8.GetBytes(Kind)),
        Tlv.Build(TagNumber, Encoding.UTF8.GetBytes(Number(persona))));

    /// <summary>
    /// The AP for <paramref name="persona"/>: the key certificate's EF is sized here and written by
    /// <see cref="Certificate"/> once the card has generated the key.
    /// </summary>
    public ApDescriptionFile Describe(Persona persona, bool gen2)
    {
        int certificate = TlvSize(gen2 ? EcTemplateLength : RsaTemplateLength) + TlvSize(AuthoritySigner.SignatureLength);
        return new ApDescriptionFile(Convert.ToHexString(Aid), DfId,
        [
            Data(Record, 1, RecordBytes(persona), Always),
            new ApEntryFile(gen2 ? "ec-key" : "rsa-key", Fid(Key), 2, Use: Always, Curve: gen2 ? "p256" : null),
            new ApEntryFile("transparent", Fid(KeyCertificate), 3, certificate, Read: Always),
        ]);
    }

    /// <summary>The second personalization step: EF 0003 with the city's signature over the record and the key the card made.</summary>
    public ApDescriptionFile Certificate(Persona persona, byte[] publicKeyTemplate, ECDsa city)
    {
        byte[] content = Tlv.Concat(
            Tlv.Build(TagPublicKey, publicKeyTemplate),
            Tlv.Build(TagSignature, AuthoritySigner.Sign(city, RecordBytes(persona), publicKeyTemplate)));
        int expected = TlvSize(publicKeyTemplate.Length) + TlvSize(AuthoritySigner.SignatureLength);
        if (publicKeyTemplate.Length is not (EcTemplateLength or RsaTemplateLength) || content.Length != expected)
        {
            throw new InvalidDataException($"the card returned a {publicKeyTemplate.Length}-byte public key template, not a P-256 or RSA-2048 one");
        }
        return new ApDescriptionFile(Convert.ToHexString(Aid), DfId, [Data(KeyCertificate, 3, content, Always)]);
    }

    private static int TlvSize(int length) => 1 + (length > 0xFF ? 3 : length > 0x7F ? 2 : 1) + length;
}
