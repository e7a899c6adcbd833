using NanoCard.Flasher.Cards;
using NanoCard.Flasher.Commands;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// Security domains and installed APs through the flasher (docs/apdu-spec.md §11.2): a gen2 card
/// issued by <c>flasher issue</c> gets the police agency's domain and the example licence AP,
/// which a reader then uses; deleting it gives the space back (GET STATUS and <c>flasher map</c>);
/// the errors a user can fix are one line and exit 2 with the card unchanged.
/// </summary>
public sealed class ContentCommandTests : IDisposable
{
    private const string PoliceAid = "F04E616E6F506F6C696365";
    private const string LicenceAid = "F04E616E6F4C6963656E6365";

    private readonly string work = Directory.CreateTempSubdirectory("flasher-content-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private string In(string name) => Path.Combine(work, name);

    private static string Licence => Path.Combine(FaultProfileTests.RepositoryRoot(), "docs", "examples", "licence-ap.json");

    private string Card => "sim:" + In("card.img");

    /// <summary>A gen2 card issued by the flasher, with the police domain (quota <paramref name="quota"/>) made by the issuer.</summary>
    private void IssuedWithDomain(int quota = 4096)
    {
        Assert.Equal(0, PersonaCommand.New("gen2", 41, In("p.json"), TextWriter.Null, "P-256"));
        Assert.Equal(0, IssueCommand.Run(In("p.json"), In("ca"), Card, null, TextWriter.Null));
        var output = new StringWriter();
        Assert.Equal(0, DomainCommand.Create(Card, In("ca"), PoliceAid, quota, In("police.json"), output));
        Assert.Contains($"domain {PoliceAid} created with a quota of {quota} bytes", output.ToString(), StringComparison.Ordinal);
    }

    private int Flasher(StringWriter error, params string[] args) => FlasherCli.Run(args, error);

    [Fact]
    public void A_gen2_card_takes_a_domain_and_an_ap_a_reader_uses_and_delete_gives_the_space_back()
    {
        IssuedWithDomain();
        int freeBefore = FreeInMap();
        var output = new StringWriter();
        Assert.Equal(0, ApCommand.Install(Card, null, PoliceAid, In("police.json"), Licence, output));
        Assert.Contains($"AP {LicenceAid} installed and personalized, 485 bytes", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("key 0004: public key 7F494D", output.ToString(), StringComparison.Ordinal);

        using (CardConnection reader = CardConnection.Open(Card, access: ImageAccess.Existing))
        {
            CardClient client = reader.Client;
            Assert.Equal(0x9000, client.Send(Apdus.SelectAid(Convert.FromHexString(LicenceAid))).Sw);
            Assert.Equal("NANO-LICENCE-001", System.Text.Encoding.ASCII.GetString(client.Expect(Convert.FromHexString("00B0820010"), "READ BINARY")));
            Assert.Equal(0x6982, client.Send(Convert.FromHexString("00B0830004")).Sw);
            Assert.Equal(0x9000, client.Send(Apdus.Verify(0x81, "2468"u8.ToArray())).Sw);
            Assert.Equal(0x9000, client.Send(Convert.FromHexString("00B0830004")).Sw);
        }
        Assert.True(FreeInMap() < freeBefore);

        output = new StringWriter();
        Assert.Equal(0, ApCommand.List(Card, null, PoliceAid, In("police.json"), output));
        Assert.Contains($"AP {LicenceAid}: selectable (life cycle 07), owner {PoliceAid}, 485 bytes used", output.ToString(), StringComparison.Ordinal);
        output = new StringWriter();
        Assert.Equal(0, DomainCommand.List(Card, In("ca"), output));
        Assert.Contains($"domain {PoliceAid}: personalized (life cycle 0F), owner F04E616E6F43617264434D, 485 bytes used, quota 4096 bytes, 3611 left", output.ToString(), StringComparison.Ordinal);

        Assert.Equal(0, ApCommand.Lock(Card, In("ca"), null, null, LicenceAid, true, TextWriter.Null));
        Assert.Equal(0x6999, SelectLicence());
        Assert.Equal(0, ApCommand.Lock(Card, In("ca"), null, null, LicenceAid, false, TextWriter.Null));
        Assert.Equal(0x9000, SelectLicence());

        Assert.Equal(0, ApCommand.Delete(Card, null, PoliceAid, In("police.json"), LicenceAid, TextWriter.Null));
        Assert.Equal(0x6A82, SelectLicence());
        Assert.Equal(freeBefore, FreeInMap());
        output = new StringWriter();
        Assert.Equal(0, DomainCommand.List(Card, In("ca"), output));
        Assert.Contains("0 bytes used, quota 4096 bytes, 4096 left", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, DomainCommand.Delete(Card, In("ca"), PoliceAid, false, TextWriter.Null));
    }

    [Fact]
    public void User_errors_are_one_line_exit_2_and_change_nothing()
    {
        IssuedWithDomain(quota: 300);
        byte[] image = File.ReadAllBytes(In("card.img"));
        string[] domainArgs = ["--card", Card, "--domain", PoliceAid, "--domain-keys", In("police.json")];

        // Quota exceeded.
        AssertUserError(["ap", "install", .. domainArgs, "--description", Licence], "not enough space");
        // Wrong domain key: a key file of another version, and one of the right version with other keys.
        Scp03KeyFile.Save(In("wrong.json"), Scp03Keys.Random(0x02));
        AssertUserError(["ap", "list", "--card", Card, "--domain", PoliceAid, "--domain-keys", In("wrong.json")], "wrong key set for the domain");
        Scp03KeyFile.Save(In("forged.json"), Scp03Keys.Random(0x01));
        AssertUserError(["ap", "list", "--card", Card, "--domain", PoliceAid, "--domain-keys", In("forged.json")], "no session with the domain");
        // AID taken: the police domain's own AID for a new domain.
        AssertUserError(["domain", "create", "--card", Card, "--ca", In("ca"), "--aid", PoliceAid, "--quota", "100", "--keys", In("again.json")], "already on the card");
        Assert.False(File.Exists(In("again.json")));
        // An invalid description: rejected by the flasher, and one only the card can judge (a DF id of the built-in APs).
        File.WriteAllText(In("bad.json"), """{ "aid": "F04E616E6F4C6963656E6365", "dfId": "1001", "entries": [ { "kind": "nonsense", "fid": "0001" } ] }""");
        AssertUserError(["ap", "install", .. domainArgs, "--description", In("bad.json")], "unknown kind");
        File.WriteAllText(In("builtin.json"), """{ "aid": "F04E616E6F4C6963656E6365", "dfId": "0010", "entries": [ { "kind": "transparent", "fid": "0001", "size": 8 } ] }""");
        AssertUserError(["ap", "install", .. domainArgs, "--description", In("builtin.json")], "invalid");
        Assert.Equal(image, File.ReadAllBytes(In("card.img")));

        // A PIN value the card refuses at personalization: the AP is taken off again.
        File.WriteAllText(In("badpin.json"), """{ "aid": "F04E616E6F4C6963656E6365", "dfId": "1001", "entries": [ { "kind": "pin", "fid": "0011", "sfi": 1, "format": { "min": 4, "max": 4, "charset": "digits" }, "value": "ABCD" } ] }""");
        AssertUserError(["ap", "install", .. domainArgs, "--description", In("badpin.json")], "the AP was deleted again");
        Assert.Equal(0x6A82, SelectLicence());
    }

    private void AssertUserError(string[] args, string expected)
    {
        var error = new StringWriter();
        Assert.Equal(UserError.ExitCode, Flasher(error, args));
        string text = error.ToString().TrimEnd('\n', '\r');
        Assert.DoesNotContain('\n', text);
        Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    private ushort SelectLicence()
    {
        using CardConnection reader = CardConnection.Open(Card, access: ImageAccess.Existing);
        return reader.Client.Send(Apdus.SelectAid(Convert.FromHexString(LicenceAid))).Sw;
    }

    /// <summary>The free bytes <c>flasher map</c> reports.</summary>
    private int FreeInMap()
    {
        var map = new StringWriter();
        Assert.Equal(0, MapCommand.Run(In("card.img"), map));
        var free = System.Text.RegularExpressions.Regex.Match(map.ToString(), @"EEPROM: ([\d,]+) of 131,072 bytes free");
        Assert.True(free.Success, map.ToString());
        return int.Parse(free.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
    }
}
