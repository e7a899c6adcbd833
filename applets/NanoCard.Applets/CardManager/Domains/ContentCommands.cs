using NanoCard.Os;
using NanoCard.Os.SecureChannel;
using NanoCard.Os.Store;

namespace NanoCard.Applets.CardManager.Domains
{
    /// <summary>
    /// Card content management in GlobalPlatform's command shapes (Card Specification v2.3.1 §11;
    /// docs/apdu-spec.md §11.2 lists every field and deviation): INSTALL 80 E6, DELETE 80 E4,
    /// GET STATUS 80 F2 and SET STATUS 80 F0 for applications and domains, sent to a security
    /// domain — the card manager (the issuer's) or a supplementary one — through its SCP03
    /// channel. A domain reaches only its own APs; the issuer reaches everything installed.
    /// </summary>
    public static class ContentCommands
    {
        public const byte InsInstall = 0xE6;
        public const byte InsDelete = 0xE4;
        public const byte InsGetStatus = 0xF2;
        public const byte InsSetStatus = 0xF0;

        /// <summary>INSTALL [for install and make selectable] (§11.5.2.1, P1 04 | 08).</summary>
        public const byte ForInstallAndMakeSelectable = 0x0C;

        /// <summary>Privilege byte 1, b8: Security Domain (§6.6.1).</summary>
        public const byte PrivilegeSecurityDomain = 0x80;

        /// <summary>Install parameters: application-specific parameters (§11.5.2.3.7, tag C9).</summary>
        public const byte TagParameters = 0xC9;

        /// <summary>Inside a domain's C9: its quota (4 bytes, big-endian) and its key set (KVN ‖ ENC ‖ MAC ‖ DEK).</summary>
        public const byte TagQuota = 0x80;
        public const byte TagKeys = 0x81;
        /// <summary>Inside a domain's C9, optional and empty: the quota is reserved for the domain's APs (the 条例利用 area).</summary>
        public const byte TagReserve = 0x82;
        public const short KeysLength = 1 + 3 * Scp03KeySet.KeyLength;

        public const byte TagAid = 0x4F;
        public const byte TagStatusEntry = 0xE3;
        public const short TagLifeCycle = unchecked((short)0x9F70);
        public const byte TagPrivileges = 0xC5;
        public const byte TagAssociatedDomain = 0xCC;
        /// <summary>Proprietary GET STATUS tags: bytes used, quota, quota left, the card's free bytes.</summary>
        public const short TagBytesUsed = unchecked((short)0xDF42);
        public const short TagQuotaTotal = unchecked((short)0xDF43);
        public const short TagQuotaLeft = unchecked((short)0xDF44);
        public const short TagFreeBytes = unchecked((short)0xDF45);
        /// <summary>Proprietary GET STATUS tag of a domain whose quota is reserved: the bytes it still holds.</summary>
        public const short TagReservedLeft = unchecked((short)0xDF46);

        /// <summary>GET STATUS P1: the issuer security domain (§11.4.2.1); applications and supplementary domains.</summary>
        public const byte StatusIssuer = 0x80;
        public const byte StatusApplications = 0x40;
        /// <summary>GET STATUS P2: TLV replies (b2), first or next occurrence (b1).</summary>
        public const byte StatusFirst = 0x02;
        public const byte StatusNext = 0x03;

        /// <summary>DELETE P2 b8: the object and its related objects (a domain with its APs, §11.2.2.1).</summary>
        public const byte DeleteRelated = 0x80;

        /// <summary>SET STATUS P2 for an application or domain: b8 set locks, 00 unlocks (§11.10.2.2).</summary>
        public const byte Lock = 0x80;
        public const byte Unlock = 0x00;

        /// <summary>GET STATUS replies stop before this many bytes, so a wrapped reply (R-MAC, R-ENCRYPTION) always fits.</summary>
        private const short MaxStatusReply = 200;

        /// <summary>
        /// The domain <paramref name="acting"/>'s content commands (CLA 80, unwrapped by its channel).
        /// Any of them outside a session answers 6982; 6D00 for another instruction.
        /// </summary>
        public static ushort Process(CardContent content, ushort acting, SecurityDomain domain, Apdu apdu)
        {
            byte ins = apdu.Ins;
            if (ins != InsInstall && ins != InsDelete && ins != InsGetStatus && ins != InsSetStatus)
            {
                return Sw.InsNotSupported;
            }
            if (!DomainAuthority.Allows(domain, SecurityLevel.CMac))
            {
                return Sw.SecurityStatusNotSatisfied;
            }
            switch (ins)
            {
                case InsInstall:
                    return Install(content, acting, domain, apdu);
                case InsDelete:
                    return Delete(content, acting, apdu);
                case InsGetStatus:
                    return GetStatus(content, acting, apdu);
                default:
                    return SetStatus(content, acting, apdu);
            }
        }

        /// <summary>
        /// <c>80 E6 0C 00 Lc 00 00 L AID 01 privileges L C9-params 00</c>: no load file and no
        /// module (the AP is its description, not code). Privileges 00: an AP, C9 = its
        /// description; 80: a domain (issuer only, and only at C-DECRYPTION, so its keys travel
        /// encrypted), C9 = <c>80 04 quota 81 31 KVN ENC MAC DEK [82 00]</c>, <c>82 00</c> reserving the quota.
        /// </summary>
        private static ushort Install(CardContent content, ushort acting, SecurityDomain domain, Apdu apdu)
        {
            if (apdu.P1 != ForInstallAndMakeSelectable || apdu.P2 != 0)
            {
                return Sw.IncorrectP1P2;
            }
            if (!ApduCase.HasCommandData(apdu.Case))
            {
                return Sw.WrongLength;
            }
            byte[] b = apdu.Buffer;
            short at = apdu.DataOffset;
            short end = (short)(at + apdu.IncomingLength);
            // Load file AID and module AID: both empty.
            if (end - at < 3 || b[at] != 0 || b[at + 1] != 0)
            {
                return Sw.WrongData;
            }
            at += 2;
            byte aidLength = b[at++];
            short aid = at;
            at += aidLength;
            if (at + 2 > end || b[at] != 1)
            {
                return Sw.WrongData;
            }
            byte privileges = b[at + 1];
            at += 2;
            if (at >= end)
            {
                return Sw.WrongData;
            }
            short paramsEnd = (short)(at + 1 + b[at]);
            at++;
            // Token: empty, and nothing after it.
            if (paramsEnd + 1 != end || b[paramsEnd] != 0 || paramsEnd - at < 2 || b[at] != TagParameters)
            {
                return Sw.WrongData;
            }
            short value = (short)(at + 2);
            short valueLength = b[at + 1];
            if (valueLength == 0x81)
            {
                valueLength = b[at + 2];
                value++;
            }
            else if (valueLength > 0x7F)
            {
                return Sw.WrongData;
            }
            if (value + valueLength != paramsEnd)
            {
                return Sw.WrongData;
            }
            if (privileges == 0)
            {
                return content.InstallAp(acting, b, aid, aidLength, b, value, valueLength);
            }
            if (privileges != PrivilegeSecurityDomain)
            {
                return Sw.WrongData;
            }
            if (acting != CardContent.IssuerDomain || !DomainAuthority.Allows(domain, SecurityLevel.CMac | SecurityLevel.CDecryption))
            {
                return Sw.SecurityStatusNotSatisfied;
            }
            // 80 04 quota 81 31 keys, in that order, and 82 00 when the quota is reserved.
            const short plain = 6 + 2 + KeysLength;
            bool reserve = valueLength == plain + 2 && b[value + plain] == TagReserve && b[value + plain + 1] == 0;
            if ((valueLength != plain && !reserve) || b[value] != TagQuota || b[value + 1] != 4
                || b[value + 6] != TagKeys || b[value + 7] != KeysLength)
            {
                return Sw.WrongData;
            }
            uint quota = BigEndian.GetUInt32(b, value + 2);
            if (quota > 0x7FFFFFFF)
            {
                return Sw.WrongData;
            }
            return content.CreateDomain(b, aid, aidLength, b, (short)(value + 8), (int)quota, reserve);
        }

        /// <summary><c>80 E4 00 P2 Lc 4F L AID</c>: P2 00 the object, 80 with its related objects. No reply data.</summary>
        private static ushort Delete(CardContent content, ushort acting, Apdu apdu)
        {
            if (apdu.P1 != 0 || (apdu.P2 != 0 && apdu.P2 != DeleteRelated))
            {
                return Sw.IncorrectP1P2;
            }
            short aid;
            byte length;
            ushort sw = AidField(apdu, false, out aid, out length);
            return sw != Sw.NoError ? sw : content.Delete(acting, apdu.Buffer, aid, length, apdu.P2 == DeleteRelated);
        }

        /// <summary><c>80 F0 40 P2 Lc AID</c>: P2 80 locks, 00 unlocks the application or domain (P1 80, the card, is the card manager's).</summary>
        private static ushort SetStatus(CardContent content, ushort acting, Apdu apdu)
        {
            if (apdu.P1 != StatusApplications || (apdu.P2 != Lock && apdu.P2 != Unlock))
            {
                return Sw.IncorrectP1P2;
            }
            if (apdu.Case != ApduCase.CommandData || apdu.IncomingLength > 16)
            {
                return Sw.WrongLength;
            }
            return content.SetLock(acting, apdu.Buffer, apdu.DataOffset, (byte)apdu.IncomingLength, apdu.P2 == Lock);
        }

        /// <summary>
        /// <c>80 F2 P1 P2 Lc 4F L [AID] Le</c>: P1 80 the issuer domain (the card's free bytes),
        /// 40 the domains and APs the acting domain manages (all of them for the issuer), an empty
        /// AID for all or an AID for one. P2 02 first, 03 next: 6310 says more entries follow.
        /// Each entry: <c>E3 { 4F AID, 9F70 life cycle, C5 privileges, CC owner's AID, DF42 bytes
        /// used, domains also DF43 quota and DF44 quota left }</c>; 6A88 when nothing matches.
        /// </summary>
        private static ushort GetStatus(CardContent content, ushort acting, Apdu apdu)
        {
            if ((apdu.P1 != StatusIssuer && apdu.P1 != StatusApplications) || (apdu.P2 != StatusFirst && apdu.P2 != StatusNext))
            {
                return Sw.IncorrectP1P2;
            }
            short aid;
            byte aidLength;
            ushort sw = AidField(apdu, true, out aid, out aidLength);
            if (sw != Sw.NoError)
            {
                return sw;
            }
            byte[] b = apdu.Buffer;
            if (apdu.P1 == StatusIssuer)
            {
                if (acting != CardContent.IssuerDomain)
                {
                    return Sw.ReferencedDataNotFound;
                }
                short n = IssuerEntry(content, b);
                apdu.SetOutgoingAndSend(0, n);
                return Sw.NoError;
            }
            // The search AID moves clear of the reply before the reply overwrites it.
            short search = (short)(b.Length - 16);
            Util.ArrayCopy(b, aid, b, search, aidLength);
            int from = apdu.P2 == StatusNext ? content.StatusCursor : 0;
            short at = 0;
            bool any = false;
            for (int i = from; i < content.Count; i++)
            {
                ContentApplet item = content[i];
                if (!CardContent.Manages(acting, item) || !Matches(item, b, search, aidLength))
                {
                    continue;
                }
                short next = Entry(content, item, b, at);
                if (next > MaxStatusReply && any)
                {
                    content.StatusCursor = i;
                    apdu.SetOutgoingAndSend(0, at);
                    return Sw.MoreDataAvailable;
                }
                at = next;
                any = true;
            }
            content.StatusCursor = content.Count;
            if (!any)
            {
                return Sw.ReferencedDataNotFound;
            }
            apdu.SetOutgoingAndSend(0, at);
            return Sw.NoError;
        }

        private static bool Matches(ContentApplet item, byte[] b, short search, byte length)
        {
            if (length == 0)
            {
                return true;
            }
            if (item.AidLength != length)
            {
                return false;
            }
            // Compare through the AID's own copy without touching the reply being built.
            for (short i = 0; i < length; i++)
            {
                if (item.AidByte(i) != b[search + i])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>One E3 entry at <c>b[at..)</c>; returns where it ends.</summary>
        private static short Entry(CardContent content, ContentApplet item, byte[] b, short at)
        {
            short start = at;
            b[at] = TagStatusEntry;
            at += 2;
            b[at++] = TagAid;
            b[at++] = item.AidLength;
            at = item.GetAid(b, at);
            at = Util.SetShort(b, at, TagLifeCycle);
            b[at++] = 1;
            b[at++] = item.LifeCycleCode;
            b[at++] = TagPrivileges;
            b[at++] = 1;
            b[at++] = item.IsDomain ? PrivilegeSecurityDomain : (byte)0;
            b[at++] = TagAssociatedDomain;
            SecurityDomainApplet owner = content.Domain(item.Record.Owner);
            if (owner == null)
            {
                b[at++] = (byte)CardManagerApplet.Aid.Length;
                at = Util.ArrayCopy(CardManagerApplet.Aid, 0, b, at, (short)CardManagerApplet.Aid.Length);
            }
            else
            {
                b[at++] = owner.AidLength;
                at = owner.GetAid(b, at);
            }
            if (item.IsDomain)
            {
                int used = content.DomainUsed(item.DfId);
                at = Number(b, at, TagBytesUsed, used);
                at = Number(b, at, TagQuotaTotal, item.Record.Quota);
                int left = item.Record.Quota - used;
                at = Number(b, at, TagQuotaLeft, left < 0 ? 0 : left);
                if (item.Record.Reserves)
                {
                    at = Number(b, at, TagReservedLeft, left < 0 ? 0 : left);
                }
            }
            else
            {
                at = Number(b, at, TagBytesUsed, content.BytesUsed(item.DfId));
            }
            b[start + 1] = (byte)(at - start - 2);
            return at;
        }

        /// <summary>The issuer domain's entry: the card manager's AID, the card's life cycle, bytes its own installed APs use and the card's free bytes.</summary>
        private static short IssuerEntry(CardContent content, byte[] b)
        {
            short at = 2;
            b[0] = TagStatusEntry;
            b[at++] = TagAid;
            b[at++] = (byte)CardManagerApplet.Aid.Length;
            at = Util.ArrayCopy(CardManagerApplet.Aid, 0, b, at, (short)CardManagerApplet.Aid.Length);
            at = Util.SetShort(b, at, TagLifeCycle);
            b[at++] = 1;
            b[at++] = content.CardLifeCycle;
            b[at++] = TagPrivileges;
            b[at++] = 1;
            b[at++] = PrivilegeSecurityDomain;
            at = Number(b, at, TagBytesUsed, content.DomainUsed(CardContent.IssuerDomain));
            at = Number(b, at, TagFreeBytes, content.FreeBytes);
            b[1] = (byte)(at - 2);
            return at;
        }

        private static short Number(byte[] b, short at, short tag, int value)
        {
            at = Util.SetShort(b, at, tag);
            b[at++] = 4;
            BigEndian.SetUInt32(b, at, (uint)value);
            return (short)(at + 4);
        }

        /// <summary>The command data <c>4F L AID</c>: 6A80 when malformed; an empty AID only where <paramref name="emptyAllowed"/>.</summary>
        private static ushort AidField(Apdu apdu, bool emptyAllowed, out short aid, out byte length)
        {
            aid = 0;
            length = 0;
            if (!ApduCase.HasCommandData(apdu.Case))
            {
                return Sw.WrongLength;
            }
            byte[] b = apdu.Buffer;
            short at = apdu.DataOffset;
            short n = apdu.IncomingLength;
            if (n < 2 || b[at] != TagAid || b[at + 1] != n - 2 || n - 2 > 16 || (n == 2 && !emptyAllowed))
            {
                return Sw.WrongData;
            }
            aid = (short)(at + 2);
            length = (byte)(n - 2);
            return Sw.NoError;
        }
    }
}
