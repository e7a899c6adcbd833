namespace NanoCard.Issuance.Revocation;

/// <summary>A certificate a CA in the folder issued (a line of <c>issued.json</c>); the serial is upper-case hex.</summary>
public sealed record IssuedEntry(string Serial, string CaName, string Subject, DateTimeOffset NotAfter);

/// <summary>A revocation (a line of <c>revoked.json</c>); <see cref="CrlNumber"/> is the first CRL that lists it.</summary>
public sealed record RevocationEntry(string Serial, string CaName, RevocationReason Reason, DateTimeOffset RevokedAt, long CrlNumber);
