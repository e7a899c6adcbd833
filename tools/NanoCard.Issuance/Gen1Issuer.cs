using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using NanoCard.Applets.CardManager;
using NanoCard.Applets.Common;
using NanoCard.Applets.Jpki;
using NanoCard.Applets.Juki;
using NanoCard.Applets.Text;
using NanoCard.Applets.Visual;
using NanoCard.Os.Store;

namespace NanoCard.Issuance;

/// <summary>What issuance made: the certificates and the public keys of the keys the card generated.</summary>
public sealed record IssuedCard(
    X509Certificate2 AuthCertificate,
    X509Certificate2 SignCertificate,
    RSAParameters TextApKey,
    RSAParameters CommonApKey);

/// <summary>Options of one issuance.</summary>
public sealed record IssueOptions
{
    /// <summary>ATR/ATS historical bytes (ISO/IEC 7816-4 §12.1.1): card capabilities <c>73 C6 01 C0</c> = command chaining and extended Lc/Le.</summary>
    public byte[] HistoricalBytes { get; init; } = [0x80, 0x73, 0xC6, 0x01, 0xC0];

    /// <summary>Try limit of every 4-digit PIN and of the 照合番号 keys (mynacard-interface.md §3: 3).</summary>
    public byte PinTries { get; init; } = 3;

    /// <summary>Try limit of the JPKI signing password (§3.2: 5).</summary>
    public byte PasswordTries { get; init; } = 5;

    /// <summary>When set, replaces the manufacture issuer key with this one after issuance.</summary>
    public byte[]? NewIssuerKey { get; init; }
}

/// <summary>
/// Issues a blank (pre-issuance) card as profile gen1, the way the real system does: the card
/// generates every key pair, the test CA certifies the returned public keys, and certificates, AP
/// data with issuer signatures and credentials go to the card by personalization APDUs
/// (docs/apdu-spec.md §10); SET STATUS then locks personalization. Each step is idempotent, so an
/// issuance cut short (power, reader) is simply run again.
/// </summary>
public sealed class Gen1Issuer(CardClient card, TestCa ca, TimeProvider clock)
{
    /// <summary>The DF41 bytes of the text and visual AP basic info, as seen on a card (mynacard-interface.md §3.3, §3.4).</summary>
    private static readonly byte[] TextApInfo = [0x01, 0x03, 0x0E, 0x01];
    private static readonly byte[] VisualApInfo = [0x06, 0x03, 0x0E, 0x01];

    /// <summary>Reports each step (for progress display).</summary>
    public event Action<string>? Step;

    public IssuedCard Issue(Persona persona, IssueOptions? options = null)
    {
        options ??= new IssueOptions();
        DateTimeOffset now = clock.GetUtcNow();
        Report("card manager");
        card.Expect(Apdus.SelectCardManager(), "SELECT card manager");
        byte[] state = card.Expect(Apdus.GetData(CardManagerApplet.TagLifeCycle), "GET DATA life cycle");
        if (state[0] != LifeCycle.OpReady)
        {
            throw new InvalidOperationException($"the card is not blank (life cycle {state[0]:X2}); factory-reset it first");
        }

        Report("JPKI AP: generating keys");
        Select(JpkiAp.Aid);
        RSAParameters authKey = Generate(JpkiAp.AuthKey);
        RSAParameters signKey = Generate(JpkiAp.SignKey);
        X509Certificate2 authCert = JpkiCertificates.Authentication(authKey, persona, ca, now);
        X509Certificate2 signCert = JpkiCertificates.Signing(signKey, persona, ca, now);
        Report("JPKI AP: certificates");
        Write(JpkiAp.AuthCertificate, authCert.RawData);
        Write(JpkiAp.AuthCaCertificate, ca.AuthCa.RawData);
        Write(JpkiAp.SignCertificate, signCert.RawData);
        Write(JpkiAp.SignCaCertificate, ca.SignCa.RawData);
        Write(JpkiAp.TokenInfo, ApFiles.TokenInfo(persona.Serial));
        Write(JpkiAp.CertificateAvailability, ApFiles.CertificateAvailability);
        SetPin(JpkiAp.AuthPin, options.PinTries, persona.Pin);
        SetPin(JpkiAp.SignPassword, options.PasswordTries, persona.SignPassword);

        Report("text AP");
        Select(TextAp.Aid);
        RSAParameters textKey = Generate(TextAp.ApKey);
        byte[] myNumber = ApFiles.MyNumber(persona.MyNumber);
        byte[] attributes = ApFiles.Attributes(persona);
        byte[] textCv = CvCertificate.Build(CvCertificate.TextApKeyId, textKey, ca.IssuerKey);
        Write(TextAp.MyNumber, myNumber);
        Write(TextAp.Attributes, attributes);
        Write(TextAp.Integrity, ApFiles.Integrity(myNumber, attributes, ca.IssuerKey));
        Write(TextAp.Certificate, textCv);
        Write(TextAp.BasicInfo, ApFiles.BasicInfo(CvCertificate.TextApKeyId, textCv, TextApInfo));
        Write(TextAp.SessionKeyPublic, ApFiles.SessionKeyPublic(textKey));
        Write(TextAp.SignedPublicKey, ApFiles.SignedPublicKey(textKey, ca.IssuerKey));
        SetPin(TextAp.Pin, options.PinTries, persona.Pin);
        SetPin(TextAp.CodeA, options.PinTries, persona.MyNumber);
        SetPin(TextAp.CodeB, options.PinTries, persona.CodeB);

        Report("visual AP");
        Select(VisualAp.Aid);
        Write(VisualAp.AgeRecord, ApFiles.AgeRecord(persona, ca.IssuerKey));
        Write(VisualAp.CardFace, ApFiles.CardFace(persona, ca.IssuerKey));
        Write(VisualAp.BasicInfo, ApFiles.VisualBasicInfo(persona, ca.IssuerKey, VisualApInfo));
        Write(VisualAp.Certificate, CvCertificate.Build(CvCertificate.VisualApKeyId, ca.IssuerKey.ExportParameters(false), ca.IssuerKey));
        Write(VisualAp.MyNumberImage, ApFiles.MyNumberImage(persona, ca.IssuerKey));
        SetPin(VisualAp.BirthDateKey, options.PinTries, persona.BirthDateKey);
        SetPin(VisualAp.CodeB, options.PinTries, persona.CodeB);
        SetPin(VisualAp.CodeA, options.PinTries, persona.MyNumber);

        Report("住基 AP");
        Select(JukiAp.Aid);
        Records(JukiAp.ResidentCode, ApFiles.ResidentCodeRecord(persona));
        SetPin(JukiAp.Pin, options.PinTries, persona.Pin);

        Report("common AP");
        Select(CommonAp.Aid);
        Records(CommonAp.CardInfo, ApFiles.CardInfoRecord(persona));
        RSAParameters commonKey = Generate(CommonAp.AuthenticationKey);

        Report("issuing");
        card.Expect(Apdus.SelectCardManager(), "SELECT card manager");
        card.Expect(Apdus.PutData(CardData.TagSerial, Encoding.ASCII.GetBytes(persona.Serial)), "PUT DATA serial");
        card.Expect(Apdus.PutData(CardData.TagExpiry, Encoding.ASCII.GetBytes(persona.Expiry.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture))), "PUT DATA expiry");
        card.Expect(Apdus.PutData(CardData.TagHistoricalBytes, options.HistoricalBytes), "PUT DATA historical bytes");
        card.Expect(Apdus.SetStatus(LifeCycle.Secured), "SET STATUS issued");
        if (options.NewIssuerKey is { } newKey)
        {
            IssuerAuthentication.Authenticate(card, IssuerKey.TestKey);
            card.Expect(Apdus.PutKey(newKey), "PUT KEY");
        }
        return new IssuedCard(authCert, signCert, textKey, commonKey);
    }

    private void Report(string step) => Step?.Invoke(step);

    private void Select(byte[] aid) => card.Expect(Apdus.SelectAid(aid), "SELECT AP " + Convert.ToHexString(aid));

    /// <summary>GENERATE KEY PAIR and the public key from its <c>7F49 { 81 n, 82 e }</c> reply.</summary>
    private RSAParameters Generate(short fid)
    {
        byte[] reply = card.Expect(Apdus.GenerateKeyPair(fid), $"GENERATE KEY PAIR {fid:X4}");
        if (reply.Length != 270 || reply[0] != 0x7F || reply[1] != 0x49 || reply[5] != 0x81 || reply[265] != 0x82 || reply[266] != 3)
        {
            throw new InvalidDataException("unexpected public key template " + Convert.ToHexString(reply));
        }
        return new RSAParameters { Modulus = reply[9..265], Exponent = reply[267..270] };
    }

    /// <summary>SELECT EF and ERASE it back to its filler: a re-run after a cut starts from a clean EF.</summary>
    private void SelectAndErase(short fid)
    {
        card.Expect(Apdus.SelectEf(fid), $"SELECT EF {fid:X4}");
        card.Expect(Apdus.Erase(), $"ERASE {fid:X4}");
    }

    /// <summary>A clean EF, then the content in short-APDU chunks.</summary>
    private void Write(short fid, byte[] content)
    {
        SelectAndErase(fid);
        for (int offset = 0; offset < content.Length; offset += Apdus.ChunkSize)
        {
            int length = Math.Min(Apdus.ChunkSize, content.Length - offset);
            card.Expect(Apdus.WriteBinary(offset, content.AsSpan(offset, length)), $"WRITE {fid:X4} at {offset}");
        }
    }

    private void Records(short fid, params byte[][] records)
    {
        SelectAndErase(fid);
        foreach (byte[] record in records)
        {
            card.Expect(Apdus.AppendRecord(record), $"APPEND RECORD {fid:X4}");
        }
    }

    private void SetPin(short fid, byte tries, string value)
        => card.Expect(Apdus.PutCredential((byte)(0x80 | fid), tries, Encoding.ASCII.GetBytes(value)), $"PUT CREDENTIAL {fid:X4}");
}
