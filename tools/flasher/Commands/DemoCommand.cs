using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using NanoCard.Applets.Jpki;
using NanoCard.Applets.Text;
using NanoCard.Applets.Visual;
using NanoCard.Flasher.Cards;
using NanoCard.Flasher.Pictures;
using NanoCard.Flasher.Trace;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// <c>flasher demo</c>: the main job with no setup. Makes a persona and a test CA in memory,
/// issues an in-process simulated card, then plays a reader session — JPKI authentication
/// signature checked against the certificate, the individual number and four attributes from the
/// text AP, the face photo from the visual AP, the PIN counter — as an annotated APDU trace and a
/// summary. With <c>--profile gen2</c> the card is the next-generation one and the session goes on
/// with its additions: an ECDSA signature, card authentication, the colour photo and the PUK, and
/// then the licence AP installed over SCP03 into the police agency's domain and read back.
/// Exit 0 when every check passed.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "persona seed (the same seed makes the same person)", DefaultValueFactory = _ => 1 };
        var profile = new Option<string>("--profile") { Description = Profiles.Description, DefaultValueFactory = _ => "gen1" };
        var map = new Option<string?>("--map") { Description = "afterwards draw the card's EEPROM as a PNG, each page shaded by how often the run wrote it" };
        var lesson = new Option<string?>("--lesson") { Description = "a teaching lesson of docs/teaching.md instead: NAME, all, or list" };
        var updateDoc = new Option<string?>("--update-doc") { Description = "with --lesson: rewrite the lesson blocks of this guide (docs/teaching.md) instead of printing" };
        var command = new Command("demo", "issue a simulated card for a made-up person and play a reader session on it") { seed, profile, map, lesson, updateDoc };
        command.Validators.Add(result =>
        {
            if (result.GetValue(updateDoc) is not null && result.GetValue(lesson) is null)
            {
                result.AddError("--update-doc needs --lesson (all, or one lesson's name)");
            }
        });
        command.SetAction(result => result.GetValue(lesson) is { } name
            ? LessonCommand.Run(name, result.GetValue(updateDoc), Console.Out)
            : Run(Console.Out, result.GetValue(seed), result.GetValue(profile)!, result.GetValue(map)));
        return command;
    }

    /// <param name="mapPng">
    /// where to draw the EEPROM picture with wear: the demo's card lives in memory that counts every
    /// page write from blank (format, issuance, session), the one place those counts exist.
    /// </param>
    public static int Run(TextWriter output, int seed, string profile = "gen1", string? mapPng = null)
    {
        byte number = Profiles.Number(profile);
        string caDirectory = Directory.CreateTempSubdirectory("nanocard-demo-ca-").FullName;
        try
        {
            return Session(output, seed, profile, number, caDirectory, mapPng);
        }
        finally
        {
            Directory.Delete(caDirectory, recursive: true);
        }
    }

    private static int Session(TextWriter output, int seed, string profile, byte profileNumber, string caDirectory, string? mapPng)
    {
        var clock = Stopwatch.StartNew();
        Persona persona = PersonaGenerator.Create(seed, profile, DateOnly.FromDateTime(DateTime.UtcNow));
        output.WriteLine($"persona (seed {seed}): {persona.Name} ({persona.NameRoman}), born {persona.BirthDate:yyyy-MM-dd}; {profile} card");
        TestCa ca = TestCa.OpenOrCreate(caDirectory, DateTimeOffset.UtcNow);
        var memory = new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize);
        var card = new SimulatedCard(memory, new HostCrypto(), CardConfig.Desktop(), profileNumber, RandomNumberGenerator.GetBytes(SecretSeal.DeviceKeyLength));
        X509Certificate2 authCertificate;
        IReadOnlyDictionary<string, X509Certificate2>? gen2Certificates = null;
        if (profile == "gen2")
        {
            var issuer = new Gen2Issuer(card.Client, ca, new CaArchive(caDirectory, ca), TimeProvider.System);
            gen2Certificates = IssueProgress.Run("issuing", 10, report => issuer.Step += report, () => issuer.Issue(persona), output).Certificates;
            authCertificate = gen2Certificates[IssuedGen2Card.RsaAuth];
        }
        else
        {
            var issuer = new Gen1Issuer(card.Client, ca, TimeProvider.System);
            authCertificate = IssueProgress.Run("issuing", 8, report => issuer.Step += report, () => issuer.Issue(persona), output).AuthCertificate;
        }
        output.WriteLine($"card issued in {clock.Elapsed.TotalSeconds:0.0} s; the reader session:");
        output.WriteLine();

        var trace = new TraceWriter(output);
        card.Client.Exchanged += trace.Write;
        var checks = new List<(string What, bool Ok)>();
        CardClient reader = card.Client;

        output.WriteLine("# JPKI: is this a My Number card? (token info, as jpki/myna checks it)");
        reader.Expect(Apdus.SelectAid(JpkiAp.Aid), "SELECT JPKI");
        reader.Expect(Apdus.SelectEf(JpkiAp.TokenInfo), "SELECT token info");
        string token = Encoding.ASCII.GetString(reader.Expect(Apdus.ReadBinary(0, 0x20), "READ token")).TrimEnd();
        checks.Add(("token label JPKIAPICCTOKEN2", token == "JPKIAPICCTOKEN2"));

        output.WriteLine("# JPKI: user authentication — read the certificate, VERIFY the PIN, sign a challenge");
        reader.Expect(Apdus.SelectEf(JpkiAp.AuthCertificate), "SELECT auth certificate");
        byte[] certificate = TlvFileReader.ReadAll(reader);
        using var cert = X509CertificateLoader.LoadCertificate(certificate);
        reader.Expect(Apdus.SelectEf(JpkiAp.AuthPin), "SELECT PIN");
        reader.Send(Apdus.VerifyStatus(0x80));
        reader.Expect(Apdus.Verify(0x80, Encoding.ASCII.GetBytes(persona.Pin)), "VERIFY");
        reader.Expect(Apdus.SelectEf(JpkiAp.AuthKey), "SELECT auth key");
        byte[] challenge = Encoding.ASCII.GetBytes("NanoCard demo login " + DateTime.UtcNow.ToString("O"));
        byte[] signature = reader.Expect(Apdus.ComputeSignature(0x80, IssuerSignature.DigestInfo(challenge)), "SIGN");
        using (RSA key = cert.GetRSAPublicKey()!)
        {
            checks.Add(("signature verifies with the certificate's key", key.VerifyData(challenge, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
        }
        checks.Add(("certificate is the one issued", cert.RawData.AsSpan().SequenceEqual(authCertificate.RawData)));

        output.WriteLine("# text AP: the individual number and the four attributes, after the PIN");
        reader.Expect(Apdus.SelectAid(TextAp.Aid), "SELECT text AP");
        reader.Expect(Apdus.SelectEf(TextAp.Pin), "SELECT PIN");
        reader.Expect(Apdus.Verify(0x80, Encoding.ASCII.GetBytes(persona.Pin)), "VERIFY");
        reader.Expect(Apdus.SelectEf(TextAp.MyNumber), "SELECT number");
        string number = Encoding.ASCII.GetString(reader.Expect(Apdus.ReadBinary(0, 17), "READ number")[3..15]);
        checks.Add(("individual number", number == persona.MyNumber));
        reader.Expect(Apdus.SelectEf(TextAp.Attributes), "SELECT attributes");
        var attributes = TlvFileReader.Fields(TlvFileReader.ReadAll(reader));
        string name = Encoding.UTF8.GetString(attributes[0xDF22]);
        string address = Encoding.UTF8.GetString(attributes[0xDF23]);
        checks.Add(("four attributes", name == persona.Name && address == persona.Address));

        output.WriteLine("# visual AP: the card face with 照合番号A (the individual number), then the face photo");
        reader.Expect(Apdus.SelectAid(VisualAp.Aid), "SELECT visual AP");
        reader.Expect(Apdus.SelectEf(VisualAp.CodeA), "SELECT 照合番号A");
        reader.Expect(Apdus.Verify(0x80, Encoding.ASCII.GetBytes(number)), "VERIFY");
        reader.Expect(Apdus.SelectEf(VisualAp.CardFace), "SELECT card face");
        byte[] photo = TlvFileReader.Fields(TlvFileReader.ReadAll(reader))[0xDF27];
        checks.Add(("face photo", photo.AsSpan().SequenceEqual(persona.FacePhoto)));

        output.WriteLine("# PIN counter: one wrong PIN, then the right one gives the tries back");
        reader.Expect(Apdus.SelectAid(JpkiAp.Aid), "SELECT JPKI");
        ushort wrong = reader.Send(Apdus.Verify(0x98, Encoding.ASCII.GetBytes(WrongPin(persona.Pin)))).Sw;
        ushort right = reader.Send(Apdus.Verify(0x98, Encoding.ASCII.GetBytes(persona.Pin))).Sw;
        reader.Expect(Apdus.SelectAid(JpkiAp.Aid), "SELECT JPKI (logout)");
        ushort tries = reader.Send(Apdus.VerifyStatus(0x98)).Sw;
        checks.Add(("PIN counter: 63C2 after a wrong PIN, 63C3 again after the right one", wrong == 0x63C2 && right == 0x9000 && tries == 0x63C3));
        if (gen2Certificates is not null)
        {
            Gen2Demo.Session(reader, persona, ca, gen2Certificates, checks, output);
            LicenceDemo.Session(card.Store, reader, persona, checks, output);
        }

        if (mapPng is not null)
        {
            EepromPicture.Save(card, $"demo, seed {seed}", memory.PageWriteCounts(), mapPng);
        }

        output.WriteLine();
        output.WriteLine("summary");
        output.WriteLine($"  holder     {name} / {persona.NameRoman}, {address}");
        output.WriteLine($"  number     {number}   photo {photo.Length} bytes   signature {signature.Length} bytes");
        output.WriteLine($"  APDUs      {trace.Count} in the session; whole demo {clock.Elapsed.TotalSeconds:0.0} s");
        if (mapPng is not null)
        {
            output.WriteLine($"  EEPROM     {mapPng}: {memory.TotalPageWrites:N0} page writes since the memory was blank");
        }
        foreach (var (what, ok) in checks)
        {
            output.WriteLine($"  {(ok ? "ok  " : "FAIL")} {what}");
        }
        return checks.All(c => c.Ok) ? 0 : 1;
    }

    private static string WrongPin(string pin) => pin[..3] + (pin[3] == '0' ? '1' : '0');
}
