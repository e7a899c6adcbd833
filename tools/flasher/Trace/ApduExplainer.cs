using System.Globalization;
using NanoCard.Applets;
using NanoCard.Issuance;
using NanoCard.Issuance.Packages;
using NanoCard.Os.Description;

namespace NanoCard.Flasher.Trace;

/// <summary>One exchange, explained: what the command does and what the answer means.</summary>
public sealed record ExplainedExchange(string Command, string Response, string Name, string Detail, string Status, bool Masked);

/// <summary>
/// Decodes APDUs the way docs/apdu-spec.md describes them, following the selected AP and EF so
/// that file and PIN numbers get their names. Secrets are masked before anything is written: the
/// data of VERIFY, CHANGE REFERENCE DATA, CHANGE KEY, PUT CREDENTIAL, RESET RETRY COUNTER,
/// EXTERNAL AUTHENTICATE, PUT KEY and of any instruction it does not know never reach a trace.
/// </summary>
public sealed class ApduExplainer
{
    /// <summary>The card's APs as a gen2 card describes them (a superset of gen1's, with the same names).</summary>
    private static readonly ApDescription[] Aps = MynaCard.Describe(MynaCard.Gen2).Where(d => d.Aid != null).ToArray();

    /// <summary>The installed packages' APs and domains (docs/apdu-spec.md §11.3–§11.4): names, and their entries' names.</summary>
    private static readonly (byte[] Aid, string Name, IReadOnlyDictionary<int, string>? Entries)[] Installed =
    [
        (LicencePackage.Aid, "licence AP (免許証カードAP)", LicencePackage.EntryNames),
        (LicencePackage.DomainAid, "police agency's domain", null),
        (MunicipalPackage.DomainAid, "city domain (条例利用 area)", null),
        (MunicipalPackage.Seal.Aid, "seal-registration AP (印鑑登録証)", MunicipalPackage.EntryNames),
        (MunicipalPackage.Library.Aid, "library AP (図書館利用カード)", MunicipalPackage.EntryNames),
    ];

    private IReadOnlyDictionary<int, string>? installedEntries;

    private ApDescription? selected;
    private string ap = "no AP";
    private int currentEf = -1;

    public ExplainedExchange Explain(byte[] command, ResponseApdu response)
    {
        var (name, detail, masked) = Describe(command);
        byte[] shown = masked ? Mask(command) : command;
        string status = Status(command, response);
        return new ExplainedExchange(Hex(shown), Hex(response.Data) + (response.Data.Length > 0 ? " " : "") + response.Sw.ToString("X4", CultureInfo.InvariantCulture),
            name, detail, status, masked);
    }

    private (string Name, string Detail, bool Masked) Describe(byte[] c)
    {
        if (c.Length < 4)
        {
            return ("(malformed)", $"{c.Length} bytes", false);
        }
        byte cla = c[0], ins = c[1], p1 = c[2], p2 = c[3];
        int lc = c.Length > 5 ? c[4] : 0;
        byte[] data = c.Length > 5 && 5 + lc <= c.Length ? c[5..(5 + lc)] : [];
        bool proprietary = (cla & 0x80) != 0;
        switch (ins)
        {
            case 0xA4 when p1 == 0x04:
                selected = Aps.FirstOrDefault(d => d.Aid.AsSpan().SequenceEqual(data));
                var package = Installed.FirstOrDefault(i => i.Aid.AsSpan().SequenceEqual(data));
                installedEntries = package.Entries;
                ap = selected is not null ? $"{selected.Name} ({selected.JapaneseName})" : package.Name ?? "unknown AID " + Convert.ToHexString(data);
                currentEf = -1;
                return ("SELECT AP", ap, false);
            case 0xA4 when data.Length == 2:
                currentEf = (data[0] << 8) | data[1];
                return ("SELECT EF", Entry(currentEf), false);
            case 0xB0:
                if ((p1 & 0x80) != 0)
                {
                    currentEf = p1 & 0x1F;
                    return ("READ BINARY", $"{Entry(currentEf)} (by SFI), offset {p2}", false);
                }
                return ("READ BINARY", $"{Entry(currentEf)}, offset {((p1 & 0x7F) << 8) | p2}", false);
            case 0xB2:
                return ("READ RECORD", $"record {p1} of {((p2 >> 3) == 0 ? Entry(currentEf) : Entry(p2 >> 3))}", false);
            case 0x20:
                return ("VERIFY", (c.Length == 4 ? "tries left of " : "") + Pin(p2), c.Length > 5);
            case 0x24 when proprietary:
                return ("PUT CREDENTIAL (personalization)", Pin(p2), true);
            case 0x24:
                return ("CHANGE REFERENCE DATA", Pin(p2), true);
            case 0x32:
                return ("CHANGE KEY", Pin(p2), true);
            case 0x2C:
                return ("RESET RETRY COUNTER", $"{Pin(p2)} with the PUK" + (p1 == 0 ? ", new value" : ""), true);
            case 0x3C:
                return ("SWITCH KEY SET (renewal)", p1 switch { 0x01 => "open the standby set", 0x02 => "switch to it", 0x00 => "cancel", _ => $"P1 {p1:X2}" }, false);
            case 0x2A:
                return ("COMPUTE DIGITAL SIGNATURE", $"{(p2 == 0 ? "AP key" : Pin(p2))}, {data.Length}-byte block", false);
            case 0x88:
                return ("INTERNAL AUTHENTICATE", $"{Pin(p2)}, {data.Length}-byte challenge", false);
            case 0x84:
                return ("GET CHALLENGE", $"{(c.Length > 4 ? (c[4] == 0 ? 256 : c[4]) : 0)} bytes", false);
            case 0x82 when proprietary:
                return ("EXTERNAL AUTHENTICATE", "SCP03: the host cryptogram, proof of the session keys", true);
            case 0x82:
                return ("EXTERNAL AUTHENTICATE", "issuer cryptogram", true);
            case 0x50 when proprietary:
                return ("INITIALIZE UPDATE", $"SCP03 with key version {(p1 == 0 ? "any" : p1.ToString("X2", CultureInfo.InvariantCulture))}: the host challenge", false);
            case 0xE6 when proprietary:
                return ("INSTALL", "a domain or an AP from its description", true);
            case 0xE4 when proprietary:
                return ("DELETE", p2 == 0x80 ? "with related objects" : "", false);
            case 0xF2 when proprietary:
                return ("GET STATUS", p1 == 0x80 ? "the issuer domain" : "domains and APs", false);
            case 0xF0 when proprietary && p1 == 0x40:
                return ("SET STATUS", p2 == 0x80 ? "lock an installed AP" : "unlock an installed AP", false);
            case 0xD4 when proprietary:
                return ("RESIZE (personalization)", $"{Entry(currentEf)} to {(data.Length == 2 ? (data[0] << 8) | data[1] : 0)} bytes", false);
            case 0xA4 when (cla & 0x0C) != 0:
                return ("SELECT EF (wrapped)", "inside the SCP03 session: the FID is encrypted", false);
            case 0xC0:
                return ("GET RESPONSE", "", false);
            case 0xCA:
                return ("GET DATA", $"tag {p1:X2}{p2:X2}", false);
            case 0xDA:
                return ("PUT DATA", $"tag {p1:X2}{p2:X2}", false);
            case 0xD8:
                return ("PUT KEY", "new issuer key", true);
            case 0xF0:
                return ("SET STATUS", p2 switch { 0x0F => "issue the card", 0x01 => "factory reset", 0xFF => "terminate", _ => $"state {p2:X2}" }, false);
            case 0x46:
                return ("GENERATE KEY PAIR", Entry(data.Length >= 2 ? (data[0] << 8) | data[1] : -1)
                    + (data.Length == 3 ? (data[2] == 2 ? ", P-384" : ", P-256") : ""), false);
            case 0xD6:
                return (proprietary ? "WRITE BINARY (personalization)" : "UPDATE BINARY", $"{Entry(currentEf)}, offset {((p1 & 0x7F) << 8) | p2}, {data.Length} bytes", false);
            case 0xE2:
                return ("APPEND RECORD", Entry(currentEf), false);
            case 0x0E:
                return ("ERASE", Entry(currentEf), false);
            default:
                // An instruction this explainer does not know may carry anything: its data is not shown.
                return ($"INS {ins:X2}", "", c.Length > 5);
        }
    }

    /// <summary>An entry named by FID, or by SFI where no FID matches (READ BINARY's SFI form), with its name from the AP's description.</summary>
    private string Entry(int fid)
    {
        if (fid < 0)
        {
            return "current EF";
        }
        EntryDescription? e = selected?.FindByFid((short)fid) ?? (fid <= 0x1F ? selected?.FindBySfi((byte)fid) : null);
        string? name = e?.Name ?? installedEntries?.GetValueOrDefault(fid);
        return $"{fid:X4}" + (name is null ? "" : $" ({name})");
    }

    private string Pin(byte p2) => (p2 & 0x1F) == 0 ? Entry(currentEf) : Entry(p2 & 0x1F);

    private static string Status(byte[] command, ResponseApdu r) => r.Sw switch
    {
        0x9000 => r.Data.Length > 0 ? $"ok, {r.Data.Length} bytes" : "ok",
        >= 0x63C0 and <= 0x63CF when command.Length == 4 => $"{r.Sw & 0x0F} tries left",
        >= 0x63C0 and <= 0x63CF => $"wrong value, {r.Sw & 0x0F} tries left",
        0x6984 => "blocked",
        0x6982 => "security status not satisfied",
        0x6985 => "conditions of use not satisfied",
        0x6986 => "no current EF",
        0x6A80 => "wrong data",
        0x6A82 => "not found",
        0x6A83 => "no such record",
        0x6A86 => "wrong P1-P2",
        0x6A88 => "referenced data not found",
        0x6B00 => "offset outside the EF",
        0x6700 => "wrong length",
        0x6D00 => "instruction not supported",
        0x6E00 => "class not supported",
        0x6581 => "memory failure",
        0x6999 => "AP refused selection",
        _ when r.Sw >> 8 == 0x61 => $"more data: {r.Sw & 0xFF} bytes",
        _ => "see docs/apdu-spec.md §7",
    };

    /// <summary>The header and Lc stay; every data byte becomes <c>**</c>.</summary>
    private static byte[] Mask(byte[] command) => command.Length <= 5 ? command : [.. command[..5], .. Enumerable.Repeat((byte)0, command.Length - 5)];

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes);
}
