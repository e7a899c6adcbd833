using System.Security.Cryptography.X509Certificates;
using System.Text;
using NanoCard.Applets.CardManager;
using NanoCard.Applets.CommonCard;
using NanoCard.Applets.Jpki;
using NanoCard.Issuance.Revocation;

namespace NanoCard.Issuance;

/// <summary>What a renewal replaced: the certificates before and after, by role.</summary>
public sealed record RenewedCard(string CardSerial, IReadOnlyDictionary<string, X509Certificate2> Old, IReadOnlyDictionary<string, X509Certificate2> New);

/// <summary>
/// Online renewal of a gen2 card (docs/references.md §8, point 12; docs/apdu-spec.md §13): in an
/// SCP03 session of the issuer security domain in the JPKI AP, the AP opens its standby key set, the card generates the four new
/// key pairs there, the CA certifies them like the old certificates (same subject and attributes,
/// valid as <see cref="Gen2Validity"/> allows for the card's expiry) and writes them, and one command switches sets. Only then are the old certificates
/// revoked (superseded) and the CA folder updated. A cut before the switch leaves the old set in
/// use and renewal is run again; after it the new set is in use.
/// </summary>
public sealed class Gen2Renewer(CardClient card, TestCa ca, CaArchive archive, TimeProvider clock)
{
    private event Action<string>? StepReported;

    public event Action<string>? Step
    {
        add => StepReported += value;
        remove => StepReported -= value;
    }

    /// <summary>Renews the card whose issuer security domain holds <paramref name="issuerKeys"/>.</summary>
    public RenewedCard Renew(Scp03Keys issuerKeys)
    {
        DateTimeOffset now = clock.GetUtcNow();
        var p = new CardPersonalizer(card, issuerKeys);
        p.Step += step => StepReported?.Invoke(step);
        string cardSerial = ReadSerial(card);
        Dictionary<string, X509Certificate2> old = archive.GetCard(cardSerial);
        Gen2Issuer.RequireGen2(card);
        DateOnly cardExpiry = ReadCardExpiry(card);

        p.Report("issuer session");
        p.Select(JpkiAp.Aid);
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
            renewed[role] = JpkiCertificates.Renewed(previous, key, issuer, cardExpiry, now);
            p.Write(certificateFid, renewed[role].RawData);
        }
        p.Report("switching key sets");
        p.Card.Expect(Apdus.SwitchKeySet(0x02), "switch to the new key set");

        p.Report("revoking the old certificates");
        archive.SetCard(cardSerial, renewed);
        foreach (var (role, _, _) in IssuedGen2Card.Renewable)
        {
            // A certificate revoked before (say, key compromise) keeps its first reason.
            if (CaRegistry.Check(archive.Directory, old[role]).State != RevocationState.Revoked)
            {
                CaRegistry.Revoke(archive.Directory, old[role].SerialNumber, RevocationReason.Superseded, now);
            }
        }
        return new RenewedCard(cardSerial, old, renewed);
    }

    /// <summary>
    /// The card's expiry from the common AP's card-info record (<c>01 1C</c> + serial 15 +
    /// municipality code 5 + expiry YYYYMMDD), which anyone may read: renewed certificates end with the card.
    /// </summary>
    public static DateOnly ReadCardExpiry(CardClient card)
    {
        card.Expect(Apdus.SelectAid(CommonAp.Aid), "SELECT common AP");
        byte[] record = card.Expect(Apdus.ReadRecord(1, 0x01), "READ RECORD card info");
        string expiry = Encoding.ASCII.GetString(record, record.Length - 8, 8);
        return DateOnly.ParseExact(expiry, "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The card serial from the card manager (GET DATA 0045, which anyone may read).</summary>
    public static string ReadSerial(CardClient card)
    {
        card.Expect(Apdus.SelectCardManager(), "SELECT card manager");
        return Encoding.ASCII.GetString(card.Expect(Apdus.GetData(CardData.TagSerial), "GET DATA serial"));
    }
}
