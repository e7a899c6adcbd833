using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using NanoCard.Applets.CardManager;
using NanoCard.Applets.CommonCard;
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

    /// <summary>Try limit of every 4-digit PIN and of the 照合番号 keys (docs/references.md §3: 3).</summary>
    public byte PinTries { get; init; } = 3;

    /// <summary>Try limit of the JPKI signing password (§3.2: 5).</summary>
    public byte PasswordTries { get; init; } = 5;

    /// <summary>gen2: try limit of the PUK, 3–10 (docs/references.md §8, point 5).</summary>
    public byte PukTries { get; init; } = 10;

    /// <summary>gen1: when set, replaces the manufacture issuer key with this one after issuance.</summary>
    public byte[]? NewIssuerKey { get; init; }

    /// <summary>gen2: the issuer security domain's key set the blank card has (a blank card has the test set).</summary>
    public Scp03Keys KeySet { get; init; } = Scp03Keys.Test;

    /// <summary>gen2: when set, replaces <see cref="KeySet"/> with this one after issuance (PUT KEY): the card is then the holder's only.</summary>
    public Scp03Keys? NewKeySet { get; init; }

    /// <summary>
    /// gen2: given <see cref="NewKeySet"/> just before PUT KEY sends it, to keep it (the flasher
    /// writes the CA folder's key file): a run cut after PUT KEY must still find the set.
    /// </summary>
    public Action<Scp03Keys>? KeepNewKeySet { get; init; }

    /// <summary>When set, the JPKI user certificates point relying parties to this issuer service (AIA OCSP, CRL Distribution Points).</summary>
    public Revocation.RevocationLinks? Links { get; init; }
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
    /// <summary>The DF41 bytes of the text and visual AP basic info, as seen on a card (docs/references.md §3.3, §3.4).</summary>
    internal static readonly byte[] TextApInfo = [0x01, 0x03, 0x0E, 0x01];
    internal static readonly byte[] VisualApInfo = [0x06, 0x03, 0x0E, 0x01];

    private readonly CardPersonalizer p = new(card);

    /// <summary>Reports each step (for progress display).</summary>
    public event Action<string>? Step
    {
        add => p.Step += value;
        remove => p.Step -= value;
    }

    public IssuedCard Issue(Persona persona, IssueOptions? options = null)
    {
        options ??= new IssueOptions();
        DateTimeOffset now = clock.GetUtcNow();
        RequireBlank(p);
        var issuer = new RsaIssuerSigner(ca.IssuerKey);

        p.Report("JPKI AP: generating keys");
        p.Select(JpkiAp.Aid);
        if (p.Card.Send(Apdus.SelectEf(JpkiAp.EcAuthKey)).Sw == 0x9000)
        {
            throw new InvalidOperationException("the card is a gen2 card; issue it with a gen2 persona (flasher persona new --profile gen2)");
        }
        RSAParameters authKey = p.GenerateRsa(JpkiAp.AuthKey);
        RSAParameters signKey = p.GenerateRsa(JpkiAp.SignKey);
        X509Certificate2 authCert = JpkiCertificates.Authentication(authKey, persona, ca, now, options.Links);
        X509Certificate2 signCert = JpkiCertificates.Signing(signKey, persona, ca, now, options.Links);
        p.Report("JPKI AP: certificates");
        p.Write(JpkiAp.AuthCertificate, authCert.RawData);
        p.Write(JpkiAp.AuthCaCertificate, ca.AuthCa.RawData);
        p.Write(JpkiAp.SignCertificate, signCert.RawData);
        p.Write(JpkiAp.SignCaCertificate, ca.SignCa.RawData);
        p.Write(JpkiAp.TokenInfo, ApFiles.TokenInfo(persona.Serial));
        p.Write(JpkiAp.CertificateAvailability, ApFiles.CertificateAvailability);
        p.SetPin(JpkiAp.AuthPin, options.PinTries, persona.Pin);
        p.SetPin(JpkiAp.SignPassword, options.PasswordTries, persona.SignPassword);

        RSAParameters textKey = PersonalizeText(p, persona, issuer, options, setPin: true);
        PersonalizeVisual(p, persona, issuer, options);
        PersonalizeJuki(p, persona, options, setPin: true);

        p.Report("common AP");
        p.Select(CommonAp.Aid);
        p.Records(CommonAp.CardInfo, ApFiles.CardInfoRecord(persona));
        RSAParameters commonKey = p.GenerateRsa(CommonAp.AuthenticationKey);

        Finish(p, persona, options);
        return new IssuedCard(authCert, signCert, textKey, commonKey);
    }

    /// <summary>Checks that the card is blank (life cycle OP_READY) before anything is written; plainly, as anyone may.</summary>
    internal static void RequireBlank(CardPersonalizer p)
    {
        p.Report("card manager");
        p.Plain.Expect(Apdus.SelectCardManager(), "SELECT card manager");
        byte[] state = p.Plain.Expect(Apdus.GetData(CardManagerApplet.TagLifeCycle), "GET DATA life cycle");
        if (state[0] != LifeCycle.OpReady)
        {
            throw new InvalidOperationException($"the card is not blank (life cycle {state[0]:X2}); factory-reset it first");
        }
    }

    /// <summary>The text AP: its key, the number and attributes with the issuer's integrity signature; the AP's PINs.</summary>
    internal static RSAParameters PersonalizeText(CardPersonalizer p, Persona persona, IssuerSigner issuer, IssueOptions options, bool setPin)
    {
        p.Report("text AP");
        p.Select(TextAp.Aid);
        RSAParameters textKey = p.GenerateRsa(TextAp.ApKey);
        byte[] myNumber = ApFiles.MyNumber(persona.MyNumber);
        byte[] attributes = ApFiles.Attributes(persona);
        byte[] textCv = CvCertificate.Build(CvCertificate.TextApKeyId, IssuerSignature.PublicKeyFields(textKey), issuer);
        p.Write(TextAp.MyNumber, myNumber);
        p.Write(TextAp.Attributes, attributes);
        p.Write(TextAp.Integrity, ApFiles.Integrity(myNumber, attributes, issuer));
        p.Write(TextAp.Certificate, textCv);
        p.Write(TextAp.BasicInfo, ApFiles.BasicInfo(CvCertificate.TextApKeyId, textCv, TextApInfo));
        p.Write(TextAp.SessionKeyPublic, ApFiles.SessionKeyPublic(textKey));
        p.Write(TextAp.SignedPublicKey, ApFiles.SignedPublicKey(textKey, issuer));
        if (setPin)
        {
            p.SetPin(TextAp.Pin, options.PinTries, persona.Pin);
        }
        p.SetPin(TextAp.CodeA, options.PinTries, persona.MyNumber);
        p.SetPin(TextAp.CodeB, options.PinTries, persona.CodeB);
        return textKey;
    }

    /// <summary>The visual AP: the signed card-face data and the three keys that open it.</summary>
    internal static void PersonalizeVisual(CardPersonalizer p, Persona persona, IssuerSigner issuer, IssueOptions options)
    {
        p.Report("visual AP");
        p.Select(VisualAp.Aid);
        p.Write(VisualAp.AgeRecord, ApFiles.AgeRecord(persona, issuer));
        p.Write(VisualAp.CardFace, ApFiles.CardFace(persona, issuer));
        p.Write(VisualAp.BasicInfo, ApFiles.VisualBasicInfo(persona, issuer, VisualApInfo));
        p.Write(VisualAp.Certificate, CvCertificate.Build(CvCertificate.VisualApKeyId, issuer.PublicKeyFields(), issuer));
        p.Write(VisualAp.MyNumberImage, ApFiles.MyNumberImage(persona, issuer));
        p.SetPin(VisualAp.BirthDateKey, options.PinTries, persona.BirthDateKey);
        p.SetPin(VisualAp.CodeB, options.PinTries, persona.CodeB);
        p.SetPin(VisualAp.CodeA, options.PinTries, persona.MyNumber);
    }

    internal static void PersonalizeJuki(CardPersonalizer p, Persona persona, IssueOptions options, bool setPin)
    {
        p.Report("住基 AP");
        p.Select(JukiAp.Aid);
        p.Records(JukiAp.ResidentCode, ApFiles.ResidentCodeRecord(persona));
        if (setPin)
        {
            p.SetPin(JukiAp.Pin, options.PinTries, persona.Pin);
        }
    }

    /// <summary>
    /// Card data in the card manager, then SET STATUS issued, and the issuer key (gen1) or key set
    /// (gen2, through the session) replaced if asked.
    /// </summary>
    internal static void Finish(CardPersonalizer p, Persona persona, IssueOptions options)
    {
        p.Report("issuing");
        p.Select(CardManagerApplet.Aid);
        CardClient card = p.Card;
        card.Expect(Apdus.PutData(CardData.TagSerial, Encoding.ASCII.GetBytes(persona.Serial)), "PUT DATA serial");
        card.Expect(Apdus.PutData(CardData.TagExpiry, Encoding.ASCII.GetBytes(persona.Expiry.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture))), "PUT DATA expiry");
        card.Expect(Apdus.PutData(CardData.TagHistoricalBytes, options.HistoricalBytes), "PUT DATA historical bytes");
        card.Expect(Apdus.SetStatus(LifeCycle.Secured), "SET STATUS issued");
        if (options.NewIssuerKey is { } newKey)
        {
            IssuerAuthentication.Authenticate(card, IssuerKey.TestKey);
            card.Expect(Apdus.PutKey(newKey), "PUT KEY");
        }
        if (options.NewKeySet is { } newKeySet)
        {
            options.KeepNewKeySet?.Invoke(newKeySet);
            Scp03KeyRotation.Replace(card, p.SessionKeys ?? throw new InvalidOperationException("a new key set needs a session"), newKeySet);
        }
    }
}
