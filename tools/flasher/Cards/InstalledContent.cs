using NanoCard.Applets.CardManager.Domains;
using NanoCard.Issuance;
using NanoCard.Issuance.Packages;
using NanoCard.Os.Store;

namespace NanoCard.Flasher.Cards;

/// <summary>
/// A domain or AP installed after issuance, as its content record in the store says
/// (docs/eeprom-layout.md, "Installed content"): what the map and the free-space figure show.
/// </summary>
public sealed record InstalledItem(int Df, bool IsDomain, byte[] Aid, int Owner, int Quota, bool Reserves, int BytesUsed)
{
    /// <summary>A name in Latin letters (the pictures' font has no kanji): the packages' by AID, else the kind and AID.</summary>
    public string Name => Convert.ToHexString(Aid) switch
    {
        var a when a == Convert.ToHexString(LicencePackage.Aid) => "licence AP",
        var a when a == Convert.ToHexString(LicencePackage.DomainAid) => "police agency domain",
        var a when a == Convert.ToHexString(MunicipalPackage.DomainAid) => "city domain",
        var a when a == Convert.ToHexString(MunicipalPackage.Seal.Aid) => "seal-registration AP",
        var a when a == Convert.ToHexString(MunicipalPackage.Library.Aid) => "library AP",
        var a => (IsDomain ? "domain " : "AP ") + a,
    };
}

/// <summary>
/// The free space in the task force's sense (docs/eeprom-layout.md, "Where the bytes go"): every
/// data byte no object holds, less what reserving domains (the 条例利用 area) still hold for their
/// APs; and the largest free extent, what one new object can get.
/// </summary>
public sealed record FreeSpace(int Unused, int LargestExtent, int ReservedLeft, int Size)
{
    public int Free => Unused - ReservedLeft;

    public double Percent => 100.0 * Free / Size;
}

public static class InstalledContent
{
    /// <summary>Every content record of the store, domains first, each with the bytes it (a domain: its APs) uses.</summary>
    public static IReadOnlyList<InstalledItem> Read(CardStore store)
    {
        var records = StoreDirectory.Objects(store)
            .Where(o => o.Kind == ObjectKind.AppletData && o.Fid == (ContentRecord.Fid & 0xFFFF))
            .Select(o => ContentRecord.Open(store, (ushort)o.Df, (short)o.Size))
            .Where(r => r.IsLive)
            .ToList();
        var items = new List<InstalledItem>();
        foreach (ContentRecord r in records.OrderBy(r => r.IsDomain ? 0 : 1))
        {
            byte[] aid = new byte[16];
            int length = r.ReadAid(aid, 0);
            int used = r.IsDomain
                ? records.Where(ap => !ap.IsDomain && ap.Owner == r.DfId).Sum(ap => store.UsedBytesOf(ap.DfId))
                : store.UsedBytesOf(r.DfId);
            items.Add(new InstalledItem(r.DfId, r.IsDomain, aid[..length], r.Owner, r.Quota, r.Reserves, used));
        }
        return items;
    }

    public static FreeSpace Free(CardStore store)
    {
        int reserved = Read(store).Where(i => i.Reserves).Sum(i => Math.Max(0, i.Quota - i.BytesUsed));
        return new FreeSpace(store.UnusedBytes, store.FreeBytes, reserved, store.Layout.Size);
    }

    /// <summary>The owner's name of an installed item: the issuer's card manager, or a domain of the list.</summary>
    public static string OwnerName(IReadOnlyList<InstalledItem> items, int owner) =>
        owner == CardContent.IssuerDomain ? "issuer" : items.FirstOrDefault(i => i.Df == owner)?.Name ?? $"DF {owner:X4}";
}
