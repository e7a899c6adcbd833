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
        long number = NextCrlNumber(caDir, caName, revoked);
        DateTimeOffset at = WholeSeconds(now);
        var entry = new RevocationEntry(serial, caName, reason, at, number);
        revoked.Add(entry);
        byte[] crl = BuildCrl(caDir, caName, revoked, number, at);
        Save(caDir, RevokedFile, revoked);
        WriteAtomically(CaFiles.CrlPath(caDir, caName), crl);
        return entry;
    }

    /// <summary>
    /// The CRL of CA <paramref name="caName"/> as the issuer service hands it out: the CA's latest
    /// CRL while it has more than <paramref name="margin"/> of its validity left; otherwise (none
    /// issued yet, stale, or unreadable) a new one from revoked.json, numbered one past any before,
    /// written to the folder first. So a relying party that follows a certificate's CRL Distribution
    /// Point always gets a CRL it can use, even from a CA that revoked nothing.
    /// </summary>
    public static byte[] PublishedCrl(string caDir, string caName, DateTimeOffset now, TimeSpan margin)
    {
        string path = CaFiles.CrlPath(caDir, caName);
        if (File.Exists(path))
        {
            byte[] current = File.ReadAllBytes(path);
            if (ReadNumber(current, out DateTimeOffset? nextUpdate) is not null && nextUpdate - margin > now)
            {
                return current;
            }
        }
        List<RevocationEntry> revoked = Load<RevocationEntry>(caDir, RevokedFile);
        byte[] crl = BuildCrl(caDir, caName, revoked, NextCrlNumber(caDir, caName, revoked), WholeSeconds(now));
        WriteAtomically(path, crl);
        return crl;
    }

    /// <summary>One past the CA's latest CRL: the one on disk (a republished CRL has no revocation of its own) or the last revocation's.</summary>
    private static long NextCrlNumber(string caDir, string caName, List<RevocationEntry> revoked)
    {
        string path = CaFiles.CrlPath(caDir, caName);
        long onDisk = File.Exists(path) && ReadNumber(File.ReadAllBytes(path), out _) is { } n ? (long)n : 0;
        return Math.Max(onDisk, revoked.Where(e => e.CaName == caName).Select(e => e.CrlNumber).DefaultIfEmpty(0).Max()) + 1;
    }

    private static System.Numerics.BigInteger? ReadNumber(byte[] der, out DateTimeOffset? nextUpdate)
    {
        try
        {
            CrlReader crl = CrlReader.Parse(der);
            nextUpdate = crl.NextUpdate;
            return crl.Number;
        }
        catch (RevocationException)
        {
            nextUpdate = null;
            return null;
        }
    }

    private static byte[] BuildCrl(string caDir, string caName, List<RevocationEntry> revoked, long number, DateTimeOffset at)
    {
        using X509Certificate2 signer = CaFiles.LoadSigner(caDir, caName);
        return CrlBuilder.Build(signer, revoked.Where(e => e.CaName == caName).Select(e => new CrlEntry(e.Serial, e.RevokedAt, e.Reason)), number, at);
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

    /// <summary>Writes beside the file and renames over it, so a reader never sees half a file (the name is unique: the issuer service writes from several requests).</summary>
    private static void WriteAtomically(string path, byte[] contents)
    {
        string temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, contents);
        File.Move(temporary, path, overwrite: true);
    }
}
