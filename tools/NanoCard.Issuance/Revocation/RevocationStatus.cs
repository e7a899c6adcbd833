using System.Numerics;

namespace NanoCard.Issuance.Revocation;

/// <summary>What a CA folder's CRL says about a certificate.</summary>
public enum RevocationState
{
    /// <summary>The CA has not issued a CRL yet (it has revoked nothing), so the certificate is not revoked.</summary>
    NoCrl,
    NotRevoked,
    Revoked,
    /// <summary>The CRL is damaged or not signed by the CA: nothing can be said, and "not revoked" would be a lie.</summary>
    CrlInvalid,
}

/// <summary>
/// The answer of <see cref="CaRegistry.Check"/>. <see cref="CrlNumber"/> and <see cref="ThisUpdate"/>
/// are those of the CRL read (absent for <see cref="RevocationState.NoCrl"/> and
/// <see cref="RevocationState.CrlInvalid"/>); <see cref="Entry"/> is the certificate's CRL entry when
/// revoked; <see cref="Problem"/> says what is wrong with an invalid CRL.
/// </summary>
public sealed record RevocationStatus(RevocationState State, string CaName, BigInteger? CrlNumber = null, DateTimeOffset? ThisUpdate = null,
    CrlEntry? Entry = null, string? Problem = null)
{
    public RevocationReason? Reason => Entry?.Reason;
}
