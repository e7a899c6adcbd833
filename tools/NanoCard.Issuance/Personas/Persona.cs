namespace NanoCard.Issuance;

/// <summary>
/// A made-up person and the card's secrets (docs/persona.md): everything issuance writes to a
/// card. The images are what the visual AP shows: 1-bit PNGs for name, address, security code and
/// individual number, and the face photo.
/// </summary>
public sealed class Persona
{
    public string Profile { get; init; } = "gen1";
    /// <summary>gen2: the curve of the card's EC keys, "P-256" (with SHA-256) or "P-384" (with SHA-384).</summary>
    public string Curve { get; init; } = "P-256";
    public required string Name { get; init; }
    public required string NameKana { get; init; }
    /// <summary>The name in Latin letters: what the name image shows (CJK fonts are not everywhere).</summary>
    public string NameRoman { get; init; } = "";
    public required string Address { get; init; }
    /// <summary>The address in Latin letters, for the address image.</summary>
    public string AddressRoman { get; init; } = "";
    public required DateOnly BirthDate { get; init; }
    /// <summary>ISO 5218: "1" male, "2" female, "9" not applicable, "0" unknown.</summary>
    public required string Sex { get; init; }
    /// <summary>12 digits, the last a check digit (<see cref="Issuance.MyNumber"/>).</summary>
    public required string MyNumber { get; init; }
    /// <summary>住民票コード, 11 digits.</summary>
    public required string ResidentCode { get; init; }
    /// <summary>The 4-digit PIN, used for every 4-digit PIN of the card.</summary>
    public required string Pin { get; init; }
    /// <summary>The JPKI signing password, 6–16 of A–Z and 0–9.</summary>
    public required string SignPassword { get; init; }
    public required string Puk { get; init; }
    public required string SecurityCode { get; init; }
    public required DateOnly Expiry { get; init; }
    public required string MunicipalityCode { get; init; }
    /// <summary>The card's 15-digit serial (common AP card-info record).</summary>
    public required string Serial { get; init; }
    public required byte[] FacePhoto { get; init; }
    /// <summary>gen2: the colour face photo, JPEG 540×420 (portrait: 420 wide), at most 24 kB; empty on gen1.</summary>
    public byte[] ColourPhoto { get; init; } = [];
    public required byte[] NameImage { get; init; }
    public required byte[] AddressImage { get; init; }
    public required byte[] SecurityCodeImage { get; init; }
    public required byte[] MyNumberImage { get; init; }
    /// <summary>The persona's driving licence, for the licence AP (absent in persona files made before it existed).</summary>
    public LicenceData? Licence { get; init; }
    /// <summary>The persona's municipal cards, for the municipality's APs (absent in older persona files).</summary>
    public MunicipalData? Municipal { get; init; }

    /// <summary>照合番号B: era YYMMDD of the birth date + expiry year + security code (docs/references.md §4.7).</summary>
    public string CodeB => JapaneseEra.YyMmDd(BirthDate) + Expiry.Year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + SecurityCode;

    /// <summary>The birth-date key of the visual AP: era YYMMDD.</summary>
    public string BirthDateKey => JapaneseEra.YyMmDd(BirthDate);
}
