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
    {
        foreach (X509Certificate2 certificate in certificates.Values)
        {
            Save(certificate);
        }
        System.IO.Directory.CreateDirectory(CardsDirectory);
        var serials = certificates.ToDictionary(pair => pair.Key, pair => pair.Value.SerialNumber);
        File.WriteAllText(CardPath(cardSerial), JsonSerializer.Serialize(serials, PersonaFile.Options));
    }

    /// <summary>The certificates <paramref name="cardSerial"/> holds, by role.</summary>
    public Dictionary<string, X509Certificate2> GetCard(string cardSerial)
    {
        string path = CardPath(cardSerial);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"the CA folder did not issue card {cardSerial}");
        }
        var serials = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? [];
        return serials.ToDictionary(pair => pair.Key, pair => Load(pair.Value));
    }

    private string CardPath(string cardSerial) => Path.Combine(CardsDirectory, cardSerial + ".json");
}
