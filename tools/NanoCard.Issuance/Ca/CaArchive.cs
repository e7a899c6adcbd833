using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace NanoCard.Issuance;

/// <summary>
/// What the CA folder keeps about the cards it issued, as a real CA's database does: a copy of every
/// certificate (<c>issued/SERIAL.der</c>) and, per card, which certificates the card holds now
/// (<c>cards/CARDSERIAL.json</c>, role → certificate serial). Renewal reads the old certificates
/// from here (a signing certificate on the card is readable only with the password) and revocation
/// finds what to revoke. Each certificate is also entered in the revocation registry
/// (<see cref="Revocation.CaRegistry"/>) under the CA that issued it.
/// </summary>
public sealed class CaArchive(string directory, TestCa ca)
{
    /// <summary>The CA folder.</summary>
    public string Directory => directory;

    private string IssuedDirectory => Path.Combine(directory, "issued");
    private string CardsDirectory => Path.Combine(directory, "cards");

    /// <summary>Keeps a copy of <paramref name="certificate"/> and registers it; a certificate kept before is left as it is.</summary>
    public void Save(X509Certificate2 certificate)
    {
        System.IO.Directory.CreateDirectory(IssuedDirectory);
        string path = Path.Combine(IssuedDirectory, certificate.SerialNumber + ".der");
        if (File.Exists(path))
        {
            return;
        }
        File.WriteAllBytes(path, certificate.RawData);
        IssuingCa issuer = ca.IssuerOf(certificate) ?? throw new InvalidOperationException($"certificate {certificate.SerialNumber} is not from this CA folder");
        Revocation.CaRegistry.RecordIssued(directory, certificate, issuer.Name);
    }

    public X509Certificate2 Load(string serial)
    {
        string path = Path.Combine(IssuedDirectory, serial.ToUpperInvariant() + ".der");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"the CA folder has no certificate with serial {serial}");
        }
        return X509CertificateLoader.LoadCertificate(File.ReadAllBytes(path));
    }

    /// <summary>Records the certificates <paramref name="cardSerial"/> holds, by role (saving a copy of each).</summary>
    public void SetCard(string cardSerial, IReadOnlyDictionary<string, X509Certificate2> certificates)
        => WriteRoles(CardPath(cardSerial), certificates);

    /// <summary>True when the folder issued card <paramref name="cardSerial"/>.</summary>
    public bool HasCard(string cardSerial) => File.Exists(CardPath(cardSerial));

    /// <summary>The certificates <paramref name="cardSerial"/> holds, by role.</summary>
    public Dictionary<string, X509Certificate2> GetCard(string cardSerial)
        => ReadRoles(CardPath(cardSerial)) ?? throw new InvalidOperationException($"the CA folder did not issue card {cardSerial}");

    /// <summary>
    /// Records the certificates a renewal is about to switch <paramref name="cardSerial"/> to, before
    /// the switch: a renewal cut after the card switched but before the folder knew finds them and
    /// completes (<c>cards/CARDSERIAL.pending.json</c>).
    /// </summary>
    public void SetPending(string cardSerial, IReadOnlyDictionary<string, X509Certificate2> certificates)
        => WriteRoles(PendingPath(cardSerial), certificates);

    /// <summary>The certificates of a renewal not known to have finished; null when none.</summary>
    public Dictionary<string, X509Certificate2>? GetPending(string cardSerial) => ReadRoles(PendingPath(cardSerial));

    public void ClearPending(string cardSerial) => File.Delete(PendingPath(cardSerial));

    /// <summary>
    /// Keeps the holder's consent to a renewal: the request and the card's signature over it, with
    /// the serial of the certificate it verifies with (<c>renewals/CARDSERIAL-TIME.json</c>).
    /// </summary>
    public void SaveConsent(string cardSerial, RenewalRequest request, byte[] signature, X509Certificate2 signer, DateTimeOffset at)
    {
        string folder = Path.Combine(directory, "renewals");
        System.IO.Directory.CreateDirectory(folder);
        var record = new Dictionary<string, string>
        {
            ["request"] = Convert.ToBase64String(request.Der),
            ["signature"] = Convert.ToHexString(signature),
            ["signer"] = signer.SerialNumber,
        };
        File.WriteAllText(Path.Combine(folder, $"{cardSerial}-{at.ToUniversalTime():yyyyMMddTHHmmssZ}.json"), JsonSerializer.Serialize(record, PersonaFile.Options));
    }

    private void WriteRoles(string path, IReadOnlyDictionary<string, X509Certificate2> certificates)
    {
        foreach (X509Certificate2 certificate in certificates.Values)
        {
            Save(certificate);
        }
        System.IO.Directory.CreateDirectory(CardsDirectory);
        var serials = certificates.ToDictionary(pair => pair.Key, pair => pair.Value.SerialNumber);
        File.WriteAllText(path, JsonSerializer.Serialize(serials, PersonaFile.Options));
    }

    private Dictionary<string, X509Certificate2>? ReadRoles(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var serials = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? [];
        return serials.ToDictionary(pair => pair.Key, pair => Load(pair.Value));
    }

    private string CardPath(string cardSerial) => Path.Combine(CardsDirectory, cardSerial + ".json");

    private string PendingPath(string cardSerial) => Path.Combine(CardsDirectory, cardSerial + ".pending.json");
}
