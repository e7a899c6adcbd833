using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NanoCard.Issuance;

/// <summary>A persona file that cannot be used: the message names the field and the fix.</summary>
public sealed class PersonaException(string message) : Exception(message);

/// <summary>
/// Personas as JSON files (docs/persona.md): camelCase fields, dates as YYYY-MM-DD, images as
/// base64. Loading checks every field against the card's rules, so a bad file fails with one line
/// that names the field, before any card is touched.
/// </summary>
public static class PersonaFile
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static void Save(Persona persona, string path) => File.WriteAllText(path, JsonSerializer.Serialize(persona, Options));

    public static Persona Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new PersonaException($"persona file '{path}' not found: make one with `flasher persona new --out {path}`");
        }
        Persona? persona;
        try
        {
            persona = JsonSerializer.Deserialize<Persona>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            throw new PersonaException($"persona file '{path}' is not a valid persona: {e.Message}");
        }
        if (persona is null)
        {
            throw new PersonaException($"persona file '{path}' is empty");
        }
        Validate(persona, path);
        return persona;
    }

    /// <summary>Checks each field against the card's format rules (docs/persona.md).</summary>
    public static void Validate(Persona p, string source)
    {
        void Require(bool ok, string field, string rule)
        {
            if (!ok)
            {
                throw new PersonaException($"{source}: field '{field}' {rule}");
            }
        }
        static bool Digits(string s, int n) => s.Length == n && s.All(char.IsAsciiDigit);
        Require(p.Profile is "gen1" or "gen2", "profile", "must be gen1 or gen2");
        Require(p.Name.Length > 0 && System.Text.Encoding.UTF8.GetByteCount(p.Name) <= 200, "name", "must have 1 to 200 UTF-8 bytes");
        Require(System.Text.Encoding.UTF8.GetByteCount(p.Address) is > 0 and <= 300, "address", "must have 1 to 300 UTF-8 bytes");
        Require(p.Sex is "0" or "1" or "2" or "9", "sex", "must be one ISO 5218 digit: 0, 1, 2 or 9");
        Require(MyNumber.IsValid(p.MyNumber), "myNumber", "must be 12 digits whose last is the check digit of the first 11");
        Require(Digits(p.ResidentCode, 11), "residentCode", "must be 11 digits");
        Require(Digits(p.Pin, 4), "pin", "must be 4 digits (the card's 4-digit PIN format)");
        Require(p.SignPassword.Length is >= 6 and <= 16 && p.SignPassword.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)),
            "signPassword", "must be 6 to 16 of A-Z and 0-9 (upper case)");
        Require(Digits(p.Puk, 8), "puk", "must be 8 digits");
        Require(Digits(p.SecurityCode, 4), "securityCode", "must be 4 digits");
        Require(Digits(p.MunicipalityCode, 5), "municipalityCode", "must be 5 digits");
        Require(Digits(p.Serial, 15), "serial", "must be 15 digits");
        Require(p.BirthDate.Year >= 1900 && p.BirthDate < p.Expiry, "birthDate", "must be after 1900 and before the expiry");
        Require(p.Expiry.Year <= 9999, "expiry", "must be a date YYYY-MM-DD");
        Require(p.FacePhoto.Length is > 0 and <= 8000, "facePhoto", "must hold an image of 1 to 8000 bytes (base64)");
        Require(p.NameImage.Length + p.AddressImage.Length + p.SecurityCodeImage.Length + p.FacePhoto.Length <= 11000,
            "images", "must total at most 11000 bytes to fit the visual AP's card face (12288 bytes)");
        Require(p.MyNumberImage.Length is > 0 and <= 1500, "myNumberImage", "must hold an image of 1 to 1500 bytes");
        Require(p.Curve is "P-256" or "P-384", "curve", "must be P-256 or P-384");
        if (p.Licence is LicenceData l)
        {
            Require(Digits(l.Number, 12), "licence.number", "must be 12 digits");
            Require(Digits(l.Pin1, 4) && Digits(l.Pin2, 4), "licence.pin1", "and pin2 must be 4 digits each");
            Require(l.Categories.Count is > 0 and <= 8 && l.Conditions.Count <= 4, "licence.categories", "must list 1 to 8 categories (and conditions at most 4)");
            Require(l.Issued < l.ValidUntil, "licence.issued", "must be before validUntil");
            Require(System.Text.Encoding.UTF8.GetByteCount(l.RegisteredDomicile) is > 0 and <= 120, "licence.registeredDomicile", "must have 1 to 120 UTF-8 bytes");
        }
        if (p.Municipal is MunicipalData m)
        {
            Require(Digits(m.SealNumber, 8) && Digits(m.LibraryNumber, 10), "municipal.sealNumber", "must be 8 digits (and libraryNumber 10)");
            Require(System.Text.Encoding.UTF8.GetByteCount(m.Municipality) is > 0 and <= 60, "municipal.municipality", "must have 1 to 60 UTF-8 bytes");
        }
        Require(p.Profile == "gen1" || p.ColourPhoto.Length is > 0 and <= Applets.Visual.VisualAp.ColourPhotoSize,
            "colourPhoto", $"must hold a JPEG of 1 to {Applets.Visual.VisualAp.ColourPhotoSize} bytes on a gen2 persona");
    }
}
