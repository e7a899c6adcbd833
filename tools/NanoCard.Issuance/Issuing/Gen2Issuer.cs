using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoCard.Applets.CommonCard;
using NanoCard.Applets.Jpki;
using NanoCard.Applets.Text;
using NanoCard.Applets.Visual;

namespace NanoCard.Issuance;

/// <summary>What a gen2 issuance made, by role (the names <see cref="CaArchive"/> keeps).</summary>
public sealed record IssuedGen2Card(IReadOnlyDictionary<string, X509Certificate2> Certificates)
{
    public const string RsaAuth = "rsaAuth";
    public const string RsaSign = "rsaSign";
    public const string EcAuth = "ecAuth";
    public const string EcSign = "ecSign";
    public const string CardAuth = "cardAuth";
    public const string ApAuth = "jpkiApAuth";
    public const string TextApAuth = "textApAuth";

    /// <summary>The four JPKI user certificates renewal replaces, with the FIDs of their keys and EFs.</summary>
    public static readonly (string Role, short Key, short Certificate)[] Renewable =
    [
        (RsaAuth, JpkiAp.AuthKey, JpkiAp.AuthCertificate),
        (RsaSign, JpkiAp.SignKey, JpkiAp.SignCertificate),
        (EcAuth, JpkiAp.EcAuthKey, JpkiAp.EcAuthCertificate),
        (EcSign, JpkiAp.EcSignKey, JpkiAp.EcSignCertificate),
    ];
}

/// <summary>
/// Issues a blank gen2 card (docs/apdu-spec.md §13): everything gen1 has, plus EC keys next to
/// the RSA ones in the JPKI AP (curve from the persona), certificates valid as <see cref="Gen2Validity"/>
/// allows, the shared card PIN and the PUK, the card, JPKI AP and text AP authentication keys
/// certified by the card CA, AP data
/// signed by the issuer with ECDSA, and the colour photo. The certificates go to the CA folder's
/// archive so that renewal and revocation find them. Like gen1, a run cut short is run again.
/// Every command after a SELECT goes through an SCP03 session of the issuer security domain
/// (docs/apdu-spec.md §11.1), opened with <see cref="IssueOptions.KeySet"/>; the key set is
/// replaced at the end when <see cref="IssueOptions.NewKeySet"/> is given.
/// </summary>
public sealed class Gen2Issuer(CardClient card, TestCa ca, CaArchive archive, TimeProvider clock)
{
    private event Action<string>? StepReported;

    public event Action<string>? Step
    {
        add => StepReported += value;
        remove => StepReported -= value;
    }

    public IssuedGen2Card Issue(Persona persona, IssueOptions? options = null)
    {
        options ??= new IssueOptions();
        if (options.NewIssuerKey is not null)
        {
            throw new InvalidOperationException("a gen2 card has no 00 82 issuer key: its issuer holds the SCP03 key set");
        }
        var p = new CardPersonalizer(card, options.KeySet);
        p.Step += step => StepReported?.Invoke(step);
        // EFs that hold only what issuance writes (renewal rewrites only the key sets' certificates) are fitted to it.
        p.FitEfsOf(JpkiDescription.Describe(Applets.MynaCard.Gen2));
        p.FitEfsOf(Applets.Text.TextDescription.Describe(Applets.MynaCard.Gen2));
        p.FitEfsOf(VisualDescription.Describe(Applets.MynaCard.Gen2));
        p.FitEfsOf(CommonDescription.Describe(Applets.MynaCard.Gen2));
        DateTimeOffset now = clock.GetUtcNow();
        byte curve = EcPublicKeys.CurveNumber(persona.Curve);
        Gen1Issuer.RequireBlank(p);
        IssuerSigner issuer = ca.Gen2.Issuer;
        var certificates = new Dictionary<string, X509Certificate2>();

        p.Report("JPKI AP: generating keys");
        RequireGen2(p.Plain);
        p.Select(JpkiAp.Aid);
        certificates[IssuedGen2Card.RsaAuth] = JpkiCertificates.Gen2Authentication(JpkiCertificates.RsaKey(p.GenerateRsa(JpkiAp.AuthKey)), persona, ca, now, options.Links);
        certificates[IssuedGen2Card.RsaSign] = JpkiCertificates.Gen2Signing(JpkiCertificates.RsaKey(p.GenerateRsa(JpkiAp.SignKey)), persona, ca, now, options.Links);
        certificates[IssuedGen2Card.EcAuth] = JpkiCertificates.Gen2Authentication(JpkiCertificates.EcKey(p.GenerateEc(JpkiAp.EcAuthKey, curve)), persona, ca, now, options.Links);
        certificates[IssuedGen2Card.EcSign] = JpkiCertificates.Gen2Signing(JpkiCertificates.EcKey(p.GenerateEc(JpkiAp.EcSignKey, curve)), persona, ca, now, options.Links);
        certificates[IssuedGen2Card.ApAuth] = JpkiCertificates.CardAuthentication(
            JpkiCertificates.EcKey(p.GenerateEc(JpkiAp.ApAuthKey, curve)), "JPKI AP authentication", persona, ca, now);
        p.Report("JPKI AP: certificates");
        foreach (var (role, _, fid) in IssuedGen2Card.Renewable)
        {
            CertificateFit.Require(fid, certificates[role]);
        }
        foreach (var (role, _, fid) in IssuedGen2Card.Renewable)
        {
            p.Write(fid, certificates[role].RawData);
        }
        p.Write(JpkiAp.ApAuthCertificate, certificates[IssuedGen2Card.ApAuth].RawData);
        p.Write(JpkiAp.AuthCaCertificate, ca.AuthCa.RawData);
        p.Write(JpkiAp.SignCaCertificate, ca.SignCa.RawData);
        p.Write(JpkiAp.EcAuthCaCertificate, ca.Gen2.AuthCa.Certificate.RawData);
        p.Write(JpkiAp.EcSignCaCertificate, ca.Gen2.SignCa.Certificate.RawData);
        p.Write(JpkiAp.TokenInfo, ApFiles.TokenInfo(persona.Serial));
        p.Write(JpkiAp.CertificateAvailability, ApFiles.CertificateAvailability);
        p.Report("card PIN, password, PUK");
        p.SetPin(JpkiAp.AuthPin, options.PinTries, persona.Pin);
        p.SetPin(JpkiAp.SignPassword, options.PasswordTries, persona.SignPassword);
        p.SetPin(JpkiAp.Puk, options.PukTries, persona.Puk);

        Gen1Issuer.PersonalizeText(p, persona, issuer, options, setPin: false);
        certificates[IssuedGen2Card.TextApAuth] = JpkiCertificates.CardAuthentication(
            JpkiCertificates.EcKey(p.GenerateEc(TextAp.ApAuthKey, curve)), "text AP authentication", persona, ca, now);
        p.Write(TextAp.ApAuthCertificate, certificates[IssuedGen2Card.TextApAuth].RawData);
        Gen1Issuer.PersonalizeVisual(p, persona, issuer, options);
        p.Write(VisualAp.ColourPhoto, persona.ColourPhoto);
        Gen1Issuer.PersonalizeJuki(p, persona, options, setPin: false);

        p.Report("common AP");
        p.Select(CommonAp.Aid);
        p.Records(CommonAp.CardInfo, ApFiles.CardInfoRecord(persona));
        p.GenerateRsa(CommonAp.AuthenticationKey);
        certificates[IssuedGen2Card.CardAuth] = JpkiCertificates.CardAuthentication(
            JpkiCertificates.EcKey(p.GenerateEc(CommonAp.CardAuthKey, curve)), "card authentication", persona, ca, now);
        p.Write(CommonAp.CardAuthCertificate, certificates[IssuedGen2Card.CardAuth].RawData);

        Gen1Issuer.Finish(p, persona, options);
        archive.SetCard(persona.Serial, certificates);
        return new IssuedGen2Card(certificates);
    }

    /// <summary>A gen1 card has no EC key at 0037: say so before anything is written (plain: before any session).</summary>
    internal static void RequireGen2(CardClient plain)
    {
        if (!IsGen2(plain))
        {
            throw new InvalidOperationException("the card is a gen1 card; a gen2 persona needs a gen2 card (flasher sim --profile gen2)");
        }
    }

    /// <summary>True for a gen2 card: its JPKI AP has the EC key 0037 (a plain SELECT anyone may send).</summary>
    public static bool IsGen2(CardClient plain)
    {
        plain.Expect(Apdus.SelectAid(JpkiAp.Aid), "SELECT JPKI AP");
        return plain.Send(Apdus.SelectEf(JpkiAp.EcAuthKey)).Sw == 0x9000;
    }
}
