using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoCard.Flasher.Cards;
using NanoCard.Issuance;
using NanoCard.Issuance.Revocation;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// <c>flasher issue</c>: issues a blank card for a persona under the test CA in a folder (made
/// there when the folder is empty). The card generates its keys, the CA certifies them, and data,
/// certificates and PINs go to the card by personalization APDUs (docs/apdu-spec.md §10). A gen2
/// card is personalized through SCP03 sessions under its factory test key set, which issuance then
/// replaces with a fresh random one kept in the CA folder (<see cref="Scp03KeyFile.PathFor"/>):
/// from then on only the holder of that file can renew or reset the card.
/// </summary>
public static class IssueCommand
{
    public static Command Create()
    {
        var persona = new Option<string>("--persona") { Description = "the persona JSON file (flasher persona new)", Required = true };
        var ca = new Option<string>("--ca") { Description = "the test CA folder (created when empty; files in docs/persona.md)", Required = true };
        var card = new Option<string>("--card") { Description = "sim:PATH (an EEPROM image file), pcsc:READER or serial:PORT", Required = true };
        var issuerKey = new Option<string?>("--issuer-key") { Description = "gen1: a new AES-128 issuer key (32 hex digits) replacing the test key after issuance" };
        var format = FormatOption.Create();
        var serviceUrl = new Option<string?>("--service-url") { Description = "the issuer service's base URL (flasher ca serve): the JPKI certificates point relying parties to its OCSP responder and CRLs" };
        var command = new Command("issue", "issue a blank card for a persona") { persona, ca, card, issuerKey, format, serviceUrl };
        command.SetAction(result => Run(result.GetValue(persona)!, result.GetValue(ca)!, result.GetValue(card)!, result.GetValue(issuerKey), Console.Out,
            FormatOption.Access(result.GetValue(format)), result.GetValue(serviceUrl)));
        return command;
    }

    public static int Run(string personaPath, string caDirectory, string target, string? issuerKeyHex, TextWriter output,
        ImageAccess access = ImageAccess.ReadWrite, string? serviceUrl = null)
    {
        Persona persona;
        try
        {
            persona = PersonaFile.Load(personaPath);
        }
        catch (PersonaException e)
        {
            throw new UserError(e.Message);
        }
        var options = new IssueOptions { NewIssuerKey = IssuerKey(issuerKeyHex), Links = Links(serviceUrl) };
        if (persona.Profile == "gen2")
        {
            if (options.NewIssuerKey is not null)
            {
                throw new UserError("--issuer-key is for gen1 cards: a gen2 card's issuer holds the SCP03 key set flasher issue writes to the CA folder");
            }
            string keyFile = Scp03KeyFile.PathFor(caDirectory, persona.Serial);
            options = options with
            {
                NewKeySet = Scp03Keys.Random(Scp03Keys.Test.NextVersion),
                KeepNewKeySet = keys => KeepKeySet(keyFile, keys, target),
            };
        }
        TestCa ca = OpenCa(caDirectory);
        using (CardConnection card = CardConnection.Open(target, persona.Profile, access))
        {
            Issue(card.Client, persona, ca, caDirectory, options, target, output);
        }
        return 0;
    }

    /// <summary>
    /// Issues the card as its persona's profile and records its certificates in the CA folder
    /// (archive and revocation registry), so <c>flasher renew</c>, <c>revoke</c> and <c>verify</c> find them.
    /// </summary>
    private static void Issue(CardClient client, Persona persona, TestCa ca, string caDirectory, IssueOptions options, string target, TextWriter output)
    {
        IReadOnlyDictionary<string, X509Certificate2> certificates;
        try
        {
            var archive = new CaArchive(caDirectory, ca);
            if (persona.Profile == "gen2")
            {
                var issuer = new Gen2Issuer(client, ca, archive, TimeProvider.System);
                certificates = IssueProgress.Run("issuing", 10, report => issuer.Step += report, () => issuer.Issue(persona, options), output).Certificates;
            }
            else
            {
                var issuer = new Gen1Issuer(client, ca, TimeProvider.System);
                certificates = Gen1Certificates(IssueProgress.Run("issuing", 8, report => issuer.Step += report, () => issuer.Issue(persona, options), output));
                archive.SetCard(persona.Serial, certificates);
            }
        }
        catch (InvalidOperationException e)
        {
            throw new UserError($"{target}: {e.Message}");
        }
        catch (CardException e)
        {
            throw new UserError($"{target}: issuance stopped at {e.Message}; the card is still in pre-issuance: run the same command again to finish it");
        }
        catch (CardLinkException e)
        {
            throw new UserError($"{target}: issuance stopped: {e.Message}; if the card was not issued yet it is still in pre-issuance: run the same command again to finish it");
        }
        catch (Exception e) when (e is RevocationException or IOException)
        {
            throw new UserError($"{target}: issued, but its certificates are not recorded in the CA folder: {e.Message}");
        }
        output.WriteLine($"{target}: issued {persona.Profile} card for {persona.Name} ({persona.NameRoman}); certificates: "
            + string.Join(", ", certificates.Select(pair => $"{pair.Key} {pair.Value.SerialNumber}")));
    }

    /// <summary>The new key set's file, written before the card takes the set (it is then the only way in).</summary>
    private static void KeepKeySet(string path, Scp03Keys keys, string target)
    {
        try
        {
            Scp03KeyFile.Save(path, keys);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{target}: issued, but its new key set could not be kept ({e.Message}); the card keeps the test key set: renew or reset it with that");
        }
    }

    private static Dictionary<string, X509Certificate2> Gen1Certificates(IssuedCard issued) => new()
    {
        [IssuedGen2Card.RsaAuth] = issued.AuthCertificate,
        [IssuedGen2Card.RsaSign] = issued.SignCertificate,
    };

    private static RevocationLinks? Links(string? serviceUrl)
    {
        try
        {
            return serviceUrl is null ? null : RevocationLinks.Parse(serviceUrl);
        }
        catch (ArgumentException e)
        {
            throw new UserError("--service-url " + e.Message);
        }
    }

    internal static byte[]? IssuerKey(string? hex)
    {
        if (hex is null)
        {
            return null;
        }
        try
        {
            byte[] key = Convert.FromHexString(hex);
            if (key.Length == 16)
            {
                return key;
            }
        }
        catch (FormatException)
        {
        }
        throw new UserError("--issuer-key must be 32 hex digits (an AES-128 key)");
    }

    /// <summary>The CA folder, created when it holds none of the CA's files; a partial or mismatched one is an error.</summary>
    internal static TestCa OpenCa(string directory)
    {
        string[] files = [TestCa.SignCaCertificateFile, TestCa.SignCaKeyFile, TestCa.AuthCaCertificateFile, TestCa.AuthCaKeyFile, TestCa.IssuerKeyFile];
        string[] present = [.. files.Where(f => File.Exists(Path.Combine(directory, f)))];
        if (present.Length != 0 && present.Length != files.Length)
        {
            throw new UserError($"CA folder '{directory}' is incomplete: {string.Join(", ", files.Except(present))} missing; restore it, or use an empty folder for a new CA");
        }
        TestCa ca;
        try
        {
            ca = TestCa.OpenOrCreate(directory, DateTimeOffset.UtcNow);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or IOException)
        {
            throw new UserError($"CA folder '{directory}': {e.Message}");
        }
        Matches(ca.SignCa.GetRSAPublicKey(), ca.SignCaKey, directory, TestCa.SignCaKeyFile, TestCa.SignCaCertificateFile);
        Matches(ca.AuthCa.GetRSAPublicKey(), ca.AuthCaKey, directory, TestCa.AuthCaKeyFile, TestCa.AuthCaCertificateFile);
        return ca;
    }

    private static void Matches(RSA? certificateKey, RSA key, string directory, string keyFile, string certificateFile)
    {
        byte[]? a = certificateKey?.ExportParameters(false).Modulus;
        byte[] b = key.ExportParameters(false).Modulus!;
        if (a is null || !a.AsSpan().SequenceEqual(b))
        {
            throw new UserError($"CA folder '{directory}': {keyFile} is not the key of {certificateFile}; restore the pair, or use an empty folder for a new CA");
        }
    }
}
