namespace NanoCard.Issuance;

/// <summary>
/// How long a gen2 certificate may be valid (docs/apdu-spec.md §13, "Certificate validity"), the one
/// place issuance and renewal ask. The task force material (次期個人番号カードタスクフォース, 2023-09-07)
/// aligns the certificates with the card's 10 years (電子証明書の有効期間をカード本体の有効期間である10年に合わせ)
/// and says RSA-2048 must not be used from 2031-01-01 (2031年1月1日以降利用してはならない), so:
/// a certificate ends no later than the card, and an RSA one no later than 2030-12-31.
/// </summary>
public static class Gen2Validity
{
    /// <summary>The last moment an RSA-2048 certificate may be valid: the end of 2030, UTC.</summary>
    public static readonly DateTimeOffset RsaLastValid = new(2030, 12, 31, 23, 59, 59, TimeSpan.Zero);

    /// <summary>The card's expiry as a certificate's notAfter: the end of that day, UTC.</summary>
    public static DateTimeOffset CardEnd(DateOnly cardExpiry) => new(cardExpiry.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero);

    /// <summary>
    /// notAfter for a gen2 certificate issued at <paramref name="now"/>: 10 years, cut to the card's
    /// expiry and, for RSA, to 2030-12-31. Throws when nothing of that is left (an expired card, or
    /// an RSA certificate asked for from 2031 on), since a certificate that ends before it starts
    /// is no certificate.
    /// </summary>
    public static DateTimeOffset NotAfter(DateTimeOffset now, DateOnly cardExpiry, bool rsa)
    {
        DateTimeOffset end = now.AddYears(JpkiCertificates.Gen2ValidityYears);
        DateTimeOffset card = CardEnd(cardExpiry);
        if (card < end)
        {
            end = card;
        }
        if (rsa && RsaLastValid < end)
        {
            end = RsaLastValid;
        }
        if (end <= now)
        {
            throw new InvalidOperationException(rsa && RsaLastValid <= now
                ? "RSA-2048 certificates are not issued from 2031-01-01 (docs/apdu-spec.md §13)"
                : $"the card expired on {cardExpiry:yyyy-MM-dd}: no certificate is issued for it");
        }
        return end;
    }
}
