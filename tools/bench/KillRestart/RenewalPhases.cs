namespace NanoCard.Bench.KillRestart;

/// <summary>
/// Where in the stream of <see cref="RenewalKillCampaign"/> a kill landed: the step of the card command
/// in flight, or, after the switch's reply, the CA folder's side (revocation), which sends none.
/// </summary>
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
    /// <summary>The step <see cref="Issuance.Gen2Renewer"/> reports just before it sends SWITCH KEY SET.</summary>
    public const string SwitchStep = "switching key sets";

    /// <summary>The step it reports once the switch's reply is in: the CA folder's side, no card command.</summary>
    public const string RevocationStep = "revoking the old certificates";

    /// <summary>The phase of a step reported by <see cref="Issuance.Gen2Renewer"/> (or the campaign's own wrong password).</summary>
    public static RenewalPhase Of(string step) => step switch
    {
        "wrong signing password" => RenewalPhase.WrongPassword,
        "checking the card" or "issuer session" or "completing the renewal the card already switched to" => RenewalPhase.BeforeConsent,
        "the holder's consent" => RenewalPhase.Consent,
        SwitchStep => RenewalPhase.Switch,
        RevocationStep => RenewalPhase.AfterSwitch,
        _ => RenewalPhase.KeysAndCertificates,
    };

    public static string Name(RenewalPhase phase) => phase switch
    {
        RenewalPhase.WrongPassword => "the wrong password between renewals",
        RenewalPhase.BeforeConsent => "the checks before consent",
        RenewalPhase.Consent => "consent (password, signed request)",
        RenewalPhase.KeysAndCertificates => "key generation and certificate writes",
        RenewalPhase.Switch => "the switch",
        _ => "after the switch's reply (the CA folder's side)",
    };
}
