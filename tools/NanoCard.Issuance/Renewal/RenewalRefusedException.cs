namespace NanoCard.Issuance;

/// <summary>The issuer will not renew this card (not its card, expired, revoked, no consent); nothing on the card changed.</summary>
public sealed class RenewalRefusedException(string message) : Exception(message);
