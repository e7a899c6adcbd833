namespace NanoCard.Issuance.Content;

/// <summary>
/// A content-management command the card refused with a status word a user can act on; the
/// message names the cause (docs/apdu-spec.md §11.2) in one line. The card changed nothing.
/// </summary>
public sealed class ContentException(string what, ushort sw) : Exception($"{what}: {Explain(sw)} ({sw:X4})")
{
    public ushort Sw { get; } = sw;

    public static string Explain(ushort sw) => sw switch
    {
        0x6A84 => "not enough space: the domain's quota or the card's free space, directory or applet table is used up",
        0x6A89 => "the AID (or the description's DF id) is already on the card",
        0x6A80 => "the card found the data invalid (AID, description, key version or quota)",
        0x6A88 => "no such AP or domain in this domain's reach",
        0x6A82 => "no AP or domain with that AID on the card",
        0x6982 => "the command needs the domain's SCP03 session (C-DECRYPTION for domain keys and PINs)",
        0x6985 => "not in this state (a domain that still has APs, a built-in AP, or a terminated card)",
        0x6999 => "the AP or domain is locked",
        _ => "refused",
    };
}
