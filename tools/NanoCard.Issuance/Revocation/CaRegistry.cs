using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NanoCard.Issuance.Revocation;

/// <summary>
/// A CA folder's record of what its CAs issued and revoked: <c>issued.json</c> and
/// <c>revoked.json</c> (the database) and one CRL per CA, <c>&lt;caName&gt;.crl</c>, rebuilt from
/// revoked.json on every revocation (<see cref="CaFiles"/>). revoked.json is written before the CRL,
/// so a CRL lost midway is rebuilt, under a higher number, by the next revocation.
/// </summary>
public static class CaRegistry
{
    public const string IssuedFile = "issued.json";
    public const string RevokedFile = "revoked.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>Records that CA <paramref name="caName"/> of the folder issued <paramref name="cert"/>.</summary>
    public static void RecordIssued(string caDir, X509Certificate2 cert, string caName)
    {
        using X509Certificate2 ca = CaFiles.LoadCertificate(caDir, caName);
        if (!ca.SubjectName.RawData.AsSpan().SequenceEqual(cert.IssuerName.RawData))
        {
            throw new RevocationException($"certificate {cert.SerialNumber} was issued by '{cert.Issuer}', not by CA '{caName}'");
        }
        List<IssuedEntry> issued = Load<IssuedEntry>(caDir, IssuedFile);
        if (issued.Any(e => e.Serial == cert.SerialNumber))
        {
            throw new RevocationException($"serial {cert.SerialNumber} is already in {IssuedFile}");
        }
        issued.Add(new IssuedEntry(cert.SerialNumber, caName, cert.Subject, cert.NotAfter.ToUniversalTime()));
        Save(caDir, IssuedFile, issued);
    }

    /// <summary>
    /// Revokes the certificate with serial <paramref name="serialHex"/> (hex, any case, colons
    /// allowed) and writes its CA's CRL with every certificate that CA revoked, numbered one past the
    /// CA's previous CRL. An unknown serial is an error, and so is one already revoked: a revocation
    /// is final, and its reason and date are not rewritten (the folder is left as it was).
    /// </summary>
    public static RevocationEntry Revoke(string caDir, string serialHex, RevocationReason reason, DateTimeOffset now)
    {
        string serial = serialHex.Replace(":", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        IssuedEntry issued = Load<IssuedEntry>(caDir, IssuedFile).Find(e => e.Serial == serial)
            ?? throw new RevocationException($"serial {serial} is not in {Path.Combine(caDir, IssuedFile)}: no CA in this folder issued it");
        List<RevocationEntry> revoked = Load<RevocationEntry>(caDir, RevokedFile);
        if (revoked.Find(e => e.Serial == serial) is RevocationEntry earlier)
        {
            throw new RevocationException($"serial {serial} was already revoked on {earlier.RevokedAt:yyyy-MM-dd HH:mm:ss}Z as {RevocationReasons.Name(earlier.Reason)}; nothing changed");
        }
        string caName = issued.CaName;
        long number = revoked.Where(e => e.CaName == caName).Select(e => e.CrlNumber).DefaultIfEmpty(0).Max() + 1;
        DateTimeOffset at = WholeSeconds(now);
        var entry = new RevocationEntry(serial, caName, reason, at, number);
        revoked.Add(entry);
        byte[] crl;
        using (X509Certificate2 signer = CaFiles.LoadSigner(caDir, caName))
        {
            crl = CrlBuilder.Build(signer, revoked.Where(e => e.CaName == caName).Select(e => new CrlEntry(e.Serial, e.RevokedAt, e.Reason)), number, at);
        }
        Save(caDir, RevokedFile, revoked);
        WriteAtomically(CaFiles.CrlPath(caDir, caName), crl);
        return entry;
    }

    /// <summary>What the folder's records say about <paramref name="serialHex"/>: who issued it (null: no CA here) and its revocation (null: none).</summary>
    public static (IssuedEntry? Issued, RevocationEntry? Revoked) Find(string caDir, string serialHex)
    {
        string serial = serialHex.ToUpperInvariant();
        return (Load<IssuedEntry>(caDir, IssuedFile).Find(e => e.Serial == serial), Load<RevocationEntry>(caDir, RevokedFile).Find(e => e.Serial == serial));
    }

    /// <summary>
    /// What the CRL of <paramref name="cert"/>'s CA says about it. The CA is the one issued.json
    /// names for the serial, else the one whose subject is the certificate's issuer. A CRL that does
    /// not parse or whose signature does not verify with the CA's certificate is reported as
    /// <see cref="RevocationState.CrlInvalid"/>, never as not revoked.
    /// </summary>
    public static RevocationStatus Check(string caDir, X509Certificate2 cert)
    {
        string caName = Load<IssuedEntry>(caDir, IssuedFile).Find(e => e.Serial == cert.SerialNumber)?.CaName
            ?? CaFiles.FindByIssuer(caDir, cert.IssuerName)
            ?? throw new RevocationException($"no CA in {caDir} issued certificate {cert.SerialNumber} ('{cert.Issuer}')");
        using X509Certificate2 ca = CaFiles.LoadCertificate(caDir, caName);
        if (!ca.SubjectName.RawData.AsSpan().SequenceEqual(cert.IssuerName.RawData))
        {
            throw new RevocationException($"certificate {cert.SerialNumber} was issued by '{cert.Issuer}', not by CA '{caName}'");
        }
        string path = CaFiles.CrlPath(caDir, caName);
        if (!File.Exists(path))
        {
            return new RevocationStatus(RevocationState.NoCrl, caName);
        }
        CrlReader crl;
        try
        {
            crl = CrlReader.Parse(File.ReadAllBytes(path));
        }
        catch (RevocationException e)
        {
            return new RevocationStatus(RevocationState.CrlInvalid, caName, Problem: $"{path}: {e.Message}");
        }
        if (!crl.VerifySignature(ca))
        {
            return new RevocationStatus(RevocationState.CrlInvalid, caName, Problem: $"{path}: the signature does not verify with CA '{caName}'");
        }
        CrlEntry? entry = crl.Entries.FirstOrDefault(e => e.Serial == cert.SerialNumber);
        return new RevocationStatus(entry is null ? RevocationState.NotRevoked : RevocationState.Revoked, caName, crl.Number, crl.ThisUpdate, entry);
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset time)
    {
        DateTimeOffset utc = time.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond));
    }

    private static List<T> Load<T>(string caDir, string file)
    {
        string path = Path.Combine(caDir, file);
        if (!File.Exists(path))
        {
            return [];
        }
        try
        {
            return JsonSerializer.Deserialize<List<T>>(File.ReadAllText(path), Json)
                ?? throw new RevocationException($"{path} holds null, not a list");
        }
        catch (JsonException e)
        {
            throw new RevocationException($"{path} is damaged: {e.Message}");
        }
    }

    private static void Save<T>(string caDir, string file, List<T> entries)
        => WriteAtomically(Path.Combine(caDir, file), JsonSerializer.SerializeToUtf8Bytes(entries, Json));

    /// <summary>Writes beside the file and renames over it, so a reader never sees half a file.</summary>
    private static void WriteAtomically(string path, byte[] contents)
    {
        string temporary = path + ".tmp";
        File.WriteAllBytes(temporary, contents);
        File.Move(temporary, path, overwrite: true);
    }
}
