using NanoCard.Applets.CardManager;
using NanoCard.Issuance;
using NanoCard.Issuance.Content;

namespace NanoCard.Applets.Tests.Domains;

/// <summary>
/// What the card content management tests share: an issued card, the example AP description
/// (docs/examples/licence-ap.json), two supplementary domains' key sets, and sessions of the
/// issuer and of a domain over the card.
/// </summary>
public static class ContentCard
{
    public static readonly byte[] PoliceAid = Convert.FromHexString("F04E616E6F506F6C696365");
    public static readonly byte[] CityAid = Convert.FromHexString("F04E616E6F43697479");

    public static readonly Scp03Keys PoliceKeys = new(0x31,
        Convert.FromHexString("101112131415161718191A1B1C1D1E1F"),
        Convert.FromHexString("202122232425262728292A2B2C2D2E2F"),
        Convert.FromHexString("303132333435363738393A3B3C3D3E3F"));

    public static readonly Scp03Keys CityKeys = new(0x32,
        Convert.FromHexString("A0A1A2A3A4A5A6A7A8A9AAABACADAEAF"),
        Convert.FromHexString("B0B1B2B3B4B5B6B7B8B9BABBBCBDBEBF"),
        Convert.FromHexString("C0C1C2C3C4C5C6C7C8C9CACBCCCDCECF"));

    public const int Quota = 4096;

    /// <summary>The example description users copy (docs/examples/licence-ap.json).</summary>
    public static ApDescriptionFile Licence() =>
        ApDescriptionFile.Load(Path.Combine(ApduSpec.RepositoryRoot(), "docs", "examples", "licence-ap.json"));

    /// <summary>The licence AP under another AID and DF id, for a second AP beside it.</summary>
    public static ApDescriptionFile Other(string aid, string dfId) => Licence() with { Aid = aid, DfId = dfId };

    public static ICardChannel Channel(TestCard card) => new ResponseFollowingChannel(card.Client);

    public static DomainSession Issuer(TestCard card) => DomainSession.OpenIssuer(Channel(card), Scp03Keys.Test);

    public static DomainSession Police(TestCard card) => DomainSession.Open(Channel(card), PoliceAid, PoliceKeys);

    /// <summary>The issuer creates the police agency's and the city's domains with <see cref="Quota"/> bytes each.</summary>
    public static void CreateDomains(TestCard card)
    {
        DomainSession issuer = Issuer(card);
        issuer.CreateDomain(PoliceAid, PoliceKeys, Quota);
        issuer.CreateDomain(CityAid, CityKeys, Quota);
    }

    /// <summary>Domains created, the licence AP installed by the police domain and personalized through it.</summary>
    public static DomainSession WithLicence(TestCard card)
    {
        CreateDomains(card);
        DomainSession police = Police(card);
        ApDescriptionFile licence = Licence();
        police.InstallAp(licence);
        police.Personalize(licence);
        return police;
    }

    public static byte[] Image(TestCard card) => card.Nvm.Snapshot();

    public static ushort Select(TestCard card, string aidHex) => card.Sw(Apdus.SelectAid(Convert.FromHexString(aidHex)));

    public static ushort SelectManager(TestCard card) => card.Sw(Apdus.SelectAid(CardManagerApplet.Aid));
}
