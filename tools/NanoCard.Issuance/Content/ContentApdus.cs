using NanoCard.Applets.CardManager.Domains;

namespace NanoCard.Issuance.Content;

/// <summary>Card content management commands (docs/apdu-spec.md §11.2), plain: an <see cref="Scp03Session"/> wraps them.</summary>
public static class ContentApdus
{
    /// <summary>INSTALL [for install and make selectable] of an AP: no load file, no module, privileges 00, C9 = the description.</summary>
    public static byte[] InstallAp(byte[] aid, byte[] description) => Install(aid, 0x00, description);

    /// <summary>INSTALL of a supplementary security domain: privileges 80, C9 = <c>80 04 quota 81 31 KVN ENC MAC DEK</c>, and <c>82 00</c> when <paramref name="reserve"/> holds the quota for it.</summary>
    public static byte[] InstallDomain(byte[] aid, Scp03Keys keys, int quota, bool reserve = false) => Install(aid, ContentCommands.PrivilegeSecurityDomain,
    [
        ContentCommands.TagQuota, 4, (byte)(quota >> 24), (byte)(quota >> 16), (byte)(quota >> 8), (byte)quota,
        ContentCommands.TagKeys, (byte)ContentCommands.KeysLength, keys.Version, .. keys.Enc, .. keys.Mac, .. keys.Dek,
        .. (reserve ? new byte[] { ContentCommands.TagReserve, 0 } : []),
    ]);

    public static byte[] Delete(byte[] aid, bool related) =>
        [0x80, ContentCommands.InsDelete, 0x00, related ? ContentCommands.DeleteRelated : (byte)0, (byte)(aid.Length + 2), ContentCommands.TagAid, (byte)aid.Length, .. aid];

    public static byte[] SetLock(byte[] aid, bool lockIt) =>
        [0x80, ContentCommands.InsSetStatus, ContentCommands.StatusApplications, lockIt ? ContentCommands.Lock : ContentCommands.Unlock, (byte)aid.Length, .. aid];

    /// <summary>GET STATUS of the issuer domain (P1 80) or of the applications and domains (40); <paramref name="aid"/> empty for all.</summary>
    public static byte[] GetStatus(byte p1, bool next, byte[] aid) =>
        [0x80, ContentCommands.InsGetStatus, p1, next ? ContentCommands.StatusNext : ContentCommands.StatusFirst, (byte)(aid.Length + 2), ContentCommands.TagAid, (byte)aid.Length, .. aid, 0x00];

    private static byte[] Install(byte[] aid, byte privileges, byte[] parameters)
    {
        byte[] c9 = parameters.Length > 0x7F
            ? [ContentCommands.TagParameters, 0x81, (byte)parameters.Length, .. parameters]
            : [ContentCommands.TagParameters, (byte)parameters.Length, .. parameters];
        byte[] data = [0x00, 0x00, (byte)aid.Length, .. aid, 0x01, privileges, (byte)c9.Length, .. c9, 0x00];
        return [0x80, ContentCommands.InsInstall, ContentCommands.ForInstallAndMakeSelectable, 0x00, (byte)data.Length, .. data];
    }
}
