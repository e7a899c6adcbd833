using NanoCard.Applets.CardManager.Domains;

namespace NanoCard.Issuance.Content;

/// <summary>
/// One GET STATUS entry (docs/apdu-spec.md §11.2): a domain or AP with its life cycle, its
/// owner, the bytes it uses; a domain also its quota and what is left of it; the issuer domain
/// the card's free bytes; a domain whose quota is reserved (the 条例利用 area) what it still holds.
/// </summary>
public sealed record ContentStatus(byte[] Aid, byte LifeCycle, bool IsDomain, byte[]? Owner, int BytesUsed, int? Quota, int? QuotaLeft, int? FreeBytes)
{
    /// <summary>For a domain whose quota is reserved: the bytes it still holds (DF46); null for any other.</summary>
    public int? ReservedLeft { get; init; }

    public bool IsLocked => (LifeCycle & 0x80) != 0;

    /// <summary>The E3 templates of one GET STATUS reply.</summary>
    public static IEnumerable<ContentStatus> Parse(byte[] data)
    {
        int at = 0;
        while (at < data.Length)
        {
            if (data[at] != ContentCommands.TagStatusEntry || at + 2 > data.Length)
            {
                throw new InvalidDataException($"GET STATUS: not an E3 entry at {at}");
            }
            int end = at + 2 + data[at + 1];
            yield return ParseEntry(data.AsSpan(at + 2, data[at + 1]).ToArray());
            at = end;
        }
    }

    private static ContentStatus ParseEntry(byte[] e)
    {
        byte[] aid = [];
        byte[]? owner = null;
        byte lifeCycle = 0;
        bool domain = false;
        int used = 0;
        int? quota = null, left = null, free = null, reserved = null;
        int at = 0;
        while (at < e.Length)
        {
            int tag = e[at];
            if ((tag & 0x1F) == 0x1F)
            {
                tag = (tag << 8) | e[at + 1];
                at++;
            }
            int length = e[at + 1];
            byte[] value = e.AsSpan(at + 2, length).ToArray();
            at += 2 + length;
            switch (tag)
            {
                case ContentCommands.TagAid:
                    aid = value;
                    break;
                case 0x9F70:
                    lifeCycle = value[0];
                    break;
                case ContentCommands.TagPrivileges:
                    domain = (value[0] & ContentCommands.PrivilegeSecurityDomain) != 0;
                    break;
                case ContentCommands.TagAssociatedDomain:
                    owner = value;
                    break;
                case 0xDF42:
                    used = Number(value);
                    break;
                case 0xDF43:
                    quota = Number(value);
                    break;
                case 0xDF44:
                    left = Number(value);
                    break;
                case 0xDF45:
                    free = Number(value);
                    break;
                case 0xDF46:
                    reserved = Number(value);
                    break;
            }
        }
        return new ContentStatus(aid, lifeCycle, domain, owner, used, quota, left, free) { ReservedLeft = reserved };
    }

    private static int Number(byte[] v) => (v[0] << 24) | (v[1] << 16) | (v[2] << 8) | v[3];
}
