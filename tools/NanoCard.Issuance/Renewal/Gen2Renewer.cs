using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using NanoCard.Applets.CardManager;
using NanoCard.Applets.Jpki;
using NanoCard.Issuance.Revocation;

namespace NanoCard.Issuance;

/// <summary>What a renewal replaced: the certificates before and after, by role.</summary>
public sealed record RenewedCard(string CardSerial, IReadOnlyDictionary<string, X509Certificate2> Old, IReadOnlyDictionary<string, X509Certificate2> New)
{
    /// <summary>One line per renewed certificate: old serial, its revocation now, new serial and its end.</summary>
    public IReadOnlyList<string> Lines(string caDirectory) =>
    [
        .. IssuedGen2Card.Renewable.Select(r =>
        {
            RevocationReason? reason = CaRegistry.Find(caDirectory, Old[r.Role].SerialNumber).Revoked?.Reason;
            return $"{r.Role}: {Old[r.Role].SerialNumber} (revoked: {(reason is { } why ? RevocationReasons.Name(why) : "no")}) -> {New[r.Role].SerialNumber}, valid to {New[r.Role].NotAfter:yyyy-MM-dd}";
        }),
    ];
}

/// <summary>
/// Renewal of a gen2 card (docs/references.md §8, point 12; docs/apdu-spec.md §13.4; docs/security.md
/// "Renewal and the holder's consent"), the same whether the card is on this machine or behind a relay
/// (<see cref="RelaySession"/>). First the issuer's checks, with nothing written: the card is a
/// genuine card of this CA folder (card and JPKI AP authentication), not expired, and none of its
/// certificates is revoked. Then, in an SCP03 session of the issuer security domain in the JPKI AP:
/// the holder's signing password is verified on the card, the card's current signing key signs a
/// <see cref="RenewalRequest"/>, the AP opens its standby key set (which the card allows only after
/// the password), the card generates the four new key pairs, the CA certifies them like the old
/// certificates (valid as <see cref="Gen2Validity"/> allows for the card's expiry) and they are written, and one command switches sets. The new certificates are
/// recorded as pending before the switch; after it the old ones are revoked (superseded). A cut
/// before the switch leaves the old set in use and renewal is run again; a cut after it is
/// completed by the next run, which finds the card on the pending set.
/// </summary>
public sealed class Gen2Renewer(CardClient card, TestCa ca, CaArchive archive, TimeProvider clock)
{
    private event Action<string>? StepReported;

    public event Action<string>? Step
    {
        add => StepReported += value;
        remove => StepReported -= value;
    }

    /// <summary>COMPUTE DIGITAL SIGNATURE's P2 for the ECDSA signing key 003A: 80 | its SFI 1D (docs/apdu-spec.md §13.3).</summary>
    private const byte EcSignKeyP2 = 0x9D;

    /// <summary>Where the new certificates send relying parties; null keeps the old certificates' links.</summary>
    public RevocationLinks? Links { get; init; }

    /// <summary>Renews the card with the issuer key set the CA folder keeps for it (<see cref="Scp03KeyFile.ForCard"/>).</summary>
    public RenewedCard Renew(string signingPassword)
    {
        string cardSerial = ReadSerial(card);
        RequireIssuedHere(cardSerial);
        return Renew(Scp03KeyFile.ForCard(card, archive.Directory, cardSerial), signingPassword);
    }

    /// <summary>Renews the card whose issuer security domain holds <paramref name="issuerKeys"/>, with the holder's <paramref name="signingPassword"/>.</summary>
    public RenewedCard Renew(Scp03Keys issuerKeys, string signingPassword)
    {
        DateTimeOffset now = clock.GetUtcNow();
        StepReported?.Invoke("checking the card");
        string cardSerial = ReadSerial(card);
        RequireIssuedHere(cardSerial);
        Gen2Issuer.RequireGen2(card);
        Dictionary<string, X509Certificate2> old = archive.GetCard(cardSerial);
        DateOnly cardExpiry = RequireNotExpired(now);
        RequireGenuine();
        Dictionary<string, X509Certificate2>? pending = archive.GetPending(cardSerial);
        if (IsOnSet(pending))
        {
            StepReported?.Invoke("completing the renewal the card already switched to");
            return Finish(cardSerial, old, pending!, now);
        }
        RequireNotRevoked(old);
        if (!IsOnSet(old))
        {
            throw new RenewalRefusedException($"card {cardSerial} holds authentication certificates this CA folder does not list as its own");
        }
        if (pending is not null)
        {
            // A renewal that never switched: its new certificates were never on the card. The pending
            // set also lists the ones renewal does not replace (the JPKI AP's own), still in use: spared.
            RevokeUnlessRevoked(IssuedGen2Card.Renewable.Select(r => pending[r.Role]), now);
            archive.ClearPending(cardSerial);
        }

        var p = new CardPersonalizer(card, issuerKeys);
        p.Step += step => StepReported?.Invoke(step);
        p.Report("issuer session");
        p.Select(JpkiAp.Aid);
        p.Report("the holder's consent");
        RequireConsent(p, cardSerial, old, signingPassword, now);
        p.Card.Expect(Apdus.SwitchKeySet(0x01), "open the standby key set");
        var renewed = new Dictionary<string, X509Certificate2>(old);
        foreach (var (role, keyFid, certificateFid) in IssuedGen2Card.Renewable)
        {
            p.Report($"new key {keyFid:X4}");
            X509Certificate2 previous = old[role];
            IssuingCa issuer = ca.IssuerOf(previous) ?? throw new InvalidOperationException($"certificate {previous.SerialNumber} is not from this CA folder");
            PublicKey key = previous.GetECDsaPublicKey() is { } ec
                ? JpkiCertificates.EcKey(p.GenerateEc(keyFid, ec.KeySize > 256 ? EcPublicKeys.P384 : EcPublicKeys.P256))
                : JpkiCertificates.RsaKey(p.GenerateRsa(keyFid));
            renewed[role] = JpkiCertificates.Renewed(previous, key, issuer, cardExpiry, now, Links);
            CertificateFit.Require(certificateFid, renewed[role]);
            p.Write(certificateFid, renewed[role].RawData);
        }
        archive.SetPending(cardSerial, renewed);
        p.Report("switching key sets");
        p.Card.Expect(Apdus.SwitchKeySet(0x02), "switch to the new key set");
        p.Report("revoking the old certificates");
        return Finish(cardSerial, old, renewed, now);
    }

    /// <summary>The card serial from the card manager (GET DATA 0045, which anyone may read).</summary>
    public static string ReadSerial(CardClient card)
    {
        card.Expect(Apdus.SelectCardManager(), "SELECT card manager");
        return Encoding.ASCII.GetString(card.Expect(Apdus.GetData(CardData.TagSerial), "GET DATA serial"));
    }

    private void RequireIssuedHere(string cardSerial)
    {
        if (!archive.HasCard(cardSerial))
        {
            throw new RenewalRefusedException($"this CA folder did not issue card {cardSerial}");
        }
    }

    /// <summary>A card of this CA folder's card CA: its card and JPKI AP authentication keys answer fresh challenges.</summary>
    private void RequireGenuine()
    {
        VerificationReport report = new CardVerifier(card, ca, archive.Directory, clock).VerifyAuthenticity();
        if (!report.Genuine)
        {
            VerificationCheck failed = report.Checks.First(c => !c.Ok);
            throw new RenewalRefusedException($"not a genuine card of this CA folder: {failed.What}: {failed.Detail}");
        }
    }

    /// <summary>The card is not past its expiry date (GET DATA 00F2): an expired card gets a new card, not new keys.</summary>
    private DateOnly RequireNotExpired(DateTimeOffset now)
    {
        card.Expect(Apdus.SelectCardManager(), "SELECT card manager");
        string expiry = Encoding.ASCII.GetString(card.Expect(Apdus.GetData(CardData.TagExpiry), "GET DATA expiry"));
        if (!DateOnly.TryParseExact(expiry, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly until))
        {
            throw new RenewalRefusedException($"the card's expiry date '{expiry}' is not a date");
        }
        if (until < DateOnly.FromDateTime(now.UtcDateTime))
        {
            throw new RenewalRefusedException($"the card expired on {until:yyyy-MM-dd}: an expired card is not renewed, a new card is issued");
        }
        return until;
    }

    /// <summary>No certificate of the card is revoked, for any reason; a death is named as one.</summary>
    private void RequireNotRevoked(Dictionary<string, X509Certificate2> certificates)
    {
        foreach (var (role, certificate) in certificates)
        {
            if (CaRegistry.Find(archive.Directory, certificate.SerialNumber).Revoked is { } revoked)
            {
                string why = revoked.Reason == RevocationReason.Death
                    ? "death: the holder has died"
                    : RevocationReasons.Name(revoked.Reason);
                throw new RenewalRefusedException($"the card's {role} certificate {revoked.Serial} was revoked on {revoked.RevokedAt:yyyy-MM-dd} as {why}; a revoked card is not renewed");
            }
        }
    }

    /// <summary>True when the card's RSA authentication certificate (free to read) is the one of <paramref name="set"/>.</summary>
    private bool IsOnSet(Dictionary<string, X509Certificate2>? set)
    {
        if (set is null)
        {
            return false;
        }
        var p = new CardPersonalizer(card);
        p.Select(JpkiAp.Aid);
        return p.ReadDer(JpkiAp.AuthCertificate).AsSpan().SequenceEqual(set[IssuedGen2Card.RsaAuth].RawData);
    }

    /// <summary>
    /// The signing password verified on the card (through the session: encrypted, the relay never
    /// sees it), then the current ECDSA signing key's signature over a fresh renewal request, checked
    /// with the certificate the CA folder lists for the card and kept as the record of the consent.
    /// </summary>
    private void RequireConsent(CardPersonalizer p, string cardSerial, Dictionary<string, X509Certificate2> old, string signingPassword, DateTimeOffset now)
    {
        ResponseApdu verified = p.Card.Send(Apdus.Verify((byte)(0x80 | JpkiAp.SignPassword), Encoding.ASCII.GetBytes(signingPassword)));
        if (!verified.IsOk)
        {
            throw new RenewalRefusedException(verified.Sw switch
            {
                >= 0x63C0 and <= 0x63CF => $"the signing password is wrong ({verified.Sw & 0x0F} tries left); nothing was renewed",
                0x6983 or 0x6984 => "the signing password is blocked: unblock it with the PUK first; nothing was renewed",
                _ => $"the signing password was not accepted ({verified.Sw:X4}); nothing was renewed",
            });
        }
        X509Certificate2 signer = old[IssuedGen2Card.EcSign];
        var request = RenewalRequest.Create(cardSerial, IssuedGen2Card.Renewable.Select(r => old[r.Role]), now);
        using var key = signer.GetECDsaPublicKey()!;
        byte[] signature = p.Card.Expect(Apdus.ComputeSignature(EcSignKeyP2, request.Hash(key)), "COMPUTE DIGITAL SIGNATURE (renewal request)");
        if (!request.IsSignedBy(signer, signature))
        {
            throw new RenewalRefusedException($"the card's signing key did not sign the renewal request (certificate {signer.SerialNumber}); nothing was renewed");
        }
        archive.SaveConsent(cardSerial, request, signature, signer, now);
    }

    /// <summary>
    /// The old certificates are revoked as superseded (one revoked before keeps its first reason),
    /// then the folder lists the new set as the card's, then forgets the pending set: each step can be
    /// run again, so a cut anywhere here is completed by the next run.
    /// </summary>
    private RenewedCard Finish(string cardSerial, Dictionary<string, X509Certificate2> old, Dictionary<string, X509Certificate2> renewed, DateTimeOffset now)
    {
        if (!old[IssuedGen2Card.RsaAuth].RawData.AsSpan().SequenceEqual(renewed[IssuedGen2Card.RsaAuth].RawData))
        {
            RevokeUnlessRevoked(IssuedGen2Card.Renewable.Select(r => old[r.Role]), now);
            archive.SetCard(cardSerial, renewed);
        }
        archive.ClearPending(cardSerial);
        return new RenewedCard(cardSerial, old, renewed);
    }

    private void RevokeUnlessRevoked(IEnumerable<X509Certificate2> certificates, DateTimeOffset now)
    {
        foreach (X509Certificate2 certificate in certificates)
        {
            if (CaRegistry.Find(archive.Directory, certificate.SerialNumber).Revoked is null)
            {
                CaRegistry.Revoke(archive.Directory, certificate.SerialNumber, RevocationReason.Superseded, now);
            }
        }
    }
}
