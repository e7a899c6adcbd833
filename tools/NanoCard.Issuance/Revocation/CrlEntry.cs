namespace NanoCard.Issuance.Revocation;

/// <summary>One revoked certificate as a CRL lists it: serial number (upper-case hex), revocation date, reason.</summary>
public sealed record CrlEntry(string Serial, DateTimeOffset RevokedAt, RevocationReason Reason);
