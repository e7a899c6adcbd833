namespace NanoCard.Issuance.Revocation;

/// <summary>A revocation that cannot be done or a CRL that cannot be read, said in one line.</summary>
public sealed class RevocationException(string message) : Exception(message);
