namespace NanoCard.Bench.KillRestart;

/// <summary>Where in the stream of <see cref="RenewalKillCampaign"/> a kill landed, from the last step reported.</summary>
public enum RenewalPhase
{
    WrongPassword,
    BeforeConsent,
    Consent,
    KeysAndCertificates,
    Switch,
    AfterSwitch,
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
        "revoking the old certificates" => RenewalPhase.AfterSwitch,
        _ => RenewalPhase.KeysAndCertificates,
    };

    public static string Name(RenewalPhase phase) => phase switch
    {
        RenewalPhase.WrongPassword => "the wrong password between renewals",
        RenewalPhase.BeforeConsent => "the checks before consent",
        RenewalPhase.Consent => "consent (password, signed request)",
        RenewalPhase.KeysAndCertificates => "key generation and certificate writes",
        RenewalPhase.Switch => "the switch",
        _ => "after the switch",
    };
}
