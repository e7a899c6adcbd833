using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoCard.Applets.CommonCard;
using NanoCard.Applets.Jpki;
using NanoCard.Applets.Text;
using NanoCard.Issuance.Revocation;

namespace NanoCard.Issuance;

/// <summary>One check of <see cref="CardVerifier"/>: what was checked, whether it held, and the detail.</summary>
public sealed record VerificationCheck(string What, bool Ok, string Detail);

/// <summary>The checks in order; the card is genuine when every one holds.</summary>
public sealed record VerificationReport(IReadOnlyList<VerificationCheck> Checks)
{
    public bool Genuine => Checks.Count > 0 && Checks.All(c => c.Ok);
}

/// <summary>
/// What a relying party does to trust a gen2 card (docs/references.md §8, points 6–8), with no PIN: read
/// the card authentication certificate (common AP), the text AP's and the JPKI AP's authentication certificates,
/// check that the CA folder's card CA issued them and that they are valid now, have each key sign
/// a fresh challenge (INTERNAL AUTHENTICATE) and check the signature, then check that the CA's
/// JPKI CAs issued the card's authentication certificates and whether they are revoked (the CRL's
/// death sub-reason included).
/// </summary>
public sealed class CardVerifier(CardClient card, TestCa ca, string caDirectory, TimeProvider clock)
{
    /// <summary>Authenticity, then the JPKI authentication certificates' chain and revocation status.</summary>
    public VerificationReport Verify()
    {
        var checks = new List<VerificationCheck>(VerifyAuthenticity().Checks);
        if (checks.All(c => c.Ok))
        {
            var p = new CardPersonalizer(card);
            UserCertificate(p, "JPKI authentication certificate (RSA)", JpkiAp.AuthCertificate, ca.AuthIssuer, checks);
            UserCertificate(p, "JPKI authentication certificate (ECDSA)", JpkiAp.EcAuthCertificate, IssuingCa.Ec(ca.Gen2.AuthCa), checks);
        }
        return new VerificationReport(checks);
    }

    /// <summary>Card and JPKI AP authentication only (no CRL): is this a card of the CA folder's card CA? Leaves the JPKI AP selected.</summary>
    public VerificationReport VerifyAuthenticity()
    {
        var checks = new List<VerificationCheck>();
        var p = new CardPersonalizer(card);
        p.Select(CommonAp.Aid);
        if (card.Send(Apdus.SelectEf(CommonAp.CardAuthCertificate)).Sw != 0x9000)
        {
            checks.Add(new("card authentication", false, "the card has no card authentication certificate (a gen1 card)"));
            return new VerificationReport(checks);
        }
        Authenticate(p, "card authentication", CommonAp.CardAuthCertificate, 0x80 | CommonAp.CardAuthKey, checks);
        p.Select(TextAp.Aid);
        if (HoldsDer(TextAp.ApAuthCertificate))
        {
            Authenticate(p, "text AP authentication", TextAp.ApAuthCertificate, 0x80 | 0x1C, checks);
        }
        else
        {
            checks.Add(new("text AP authentication", false, "the text AP has no authentication certificate: the card was issued before it had one (docs/apdu-spec.md §13.8); issue it again"));
        }
        p.Select(JpkiAp.Aid);
        Authenticate(p, "JPKI AP authentication", JpkiAp.ApAuthCertificate, 0x80 | 0x07, checks);
        return new VerificationReport(checks);
    }

    private void Authenticate(CardPersonalizer p, string what, short certificateFid, int keyP2, List<VerificationCheck> checks)
    {
        X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(p.ReadDer(certificateFid));
        bool chained = TestCa.SignedBy(certificate, ca.Gen2.CardCa.Certificate);
        checks.Add(new($"{what} certificate", chained && Valid(certificate),
            chained ? $"{certificate.Subject}, issued by the card CA, valid {certificate.NotBefore:yyyy-MM-dd} to {certificate.NotAfter:yyyy-MM-dd}" : $"{certificate.Subject} was not issued by this CA folder's card CA"));
        byte[] challenge = RandomNumberGenerator.GetBytes(32);
        ResponseApdu response = p.Card.Send(Apdus.InternalAuthenticate((byte)keyP2, challenge));
        using ECDsa? key = certificate.GetECDsaPublicKey();
        bool signed = response.IsOk && key is not null && key.VerifyData(challenge, response.Data,
            key.KeySize > 256 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        checks.Add(new($"{what} challenge", signed, signed ? "the card's key signed a fresh 32-byte challenge" : $"no valid signature over the challenge (card answered {response.Sw:X4})"));
    }

    /// <summary>True when the EF starts a DER SEQUENCE: a card issued before an EF was added has it empty (<c>FF</c>) after power-up makes it.</summary>
    private bool HoldsDer(short fid)
    {
        if (card.Send(Apdus.SelectEf(fid)).Sw != 0x9000)
        {
            return false;
        }
        ResponseApdu first = card.Send(Apdus.ReadBinary(0, 1));
        return first.IsOk && first.Data.Length == 1 && first.Data[0] == 0x30;
    }

    private void UserCertificate(CardPersonalizer p, string what, short fid, IssuingCa issuer, List<VerificationCheck> checks)
    {
        X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(p.ReadDer(fid));
        if (!TestCa.SignedBy(certificate, issuer.Certificate))
        {
            checks.Add(new(what, false, $"serial {certificate.SerialNumber} was not issued by {issuer.Name}"));
            return;
        }
        RevocationStatus status = CaRegistry.Check(caDirectory, certificate);
        string detail = status.State switch
        {
            RevocationState.Revoked => $"serial {certificate.SerialNumber} REVOKED on {status.Entry!.RevokedAt:yyyy-MM-dd}: {RevocationReasons.Name(status.Reason!.Value)}"
                + (status.Reason == RevocationReason.Death ? " (CRL reason affiliationChanged with the NanoCard death sub-reason)" : ""),
            RevocationState.CrlInvalid => $"serial {certificate.SerialNumber}: the CRL cannot be trusted: {status.Problem}",
            RevocationState.NoCrl => $"serial {certificate.SerialNumber}, valid to {certificate.NotAfter:yyyy-MM-dd}, not revoked ({issuer.Name} has issued no CRL)",
            _ => $"serial {certificate.SerialNumber}, valid to {certificate.NotAfter:yyyy-MM-dd}, not revoked (CRL {status.CrlNumber})",
        };
        bool ok = status.State is RevocationState.NotRevoked or RevocationState.NoCrl && Valid(certificate);
        checks.Add(new(what, ok, detail));
    }

    private bool Valid(X509Certificate2 certificate)
    {
        DateTime now = clock.GetUtcNow().UtcDateTime;
        return certificate.NotBefore.ToUniversalTime() <= now && now <= certificate.NotAfter.ToUniversalTime();
    }
}
