namespace NanoCard.Bench.KillRestart;

/// <summary>
/// Where in the stream of <see cref="RenewalKillCampaign"/> a kill landed: the step of the card command
/// in flight. The CA folder's side after the switch sends no command, so no kill lands there.
/// </summary>
public enum RenewalPhase
{
    WrongPassword,
    BeforeConsent,
    Consent,
    KeysAndCertificates,
    Switch,
}

public static class RenewalPhases
{
    /// <summary>The phase of a step reported by <see cref="Issuance.Gen2Renewer"/> (or the campaign's own wrong password).</summary>
    public static RenewalPhase Of(string step) => step switch
    {
        "wrong signing password" => RenewalPhase.WrongPassword,
        "checking the card" or "issuer session" or "completing the renewal the card already switched to" => RenewalPhase.BeforeConsent,
        "the holder's consent" => RenewalPhase.Consent,
        "switching key sets" => RenewalPhase.Switch,
        _ => RenewalPhase.KeysAndCertificates,
    };

    public static string Name(RenewalPhase phase) => phase switch
    {
        RenewalPhase.WrongPassword => "the wrong password between renewals",
        RenewalPhase.BeforeConsent => "the checks before consent",
        RenewalPhase.Consent => "consent (password, signed request)",
        RenewalPhase.KeysAndCertificates => "key generation and certificate writes",
        _ => "the switch",
    };
}
