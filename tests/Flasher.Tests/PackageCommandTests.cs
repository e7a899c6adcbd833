using NanoCard.Flasher.Commands;
using NanoCard.Issuance.Packages;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// The packages through the flasher on a <c>sim:</c> card (docs/apdu-spec.md §11.3–§11.4): the
/// police agency's domain installs the licence AP for the persona, the city's domain its two APs;
/// <c>flasher read licence|municipal</c> reads them as their readers would and checks the
/// authorities' signatures; a wrong PIN or a locked AP is said in one line and a non-zero exit;
/// deleted, they are gone for the reader too.
/// </summary>
public sealed class PackageCommandTests : IDisposable
{
    private const string PoliceAid = "F04E616E6F506F6C696365";
    private const string CityAid = "F04E616E6F43697479";

    private readonly string work = Directory.CreateTempSubdirectory("flasher-packages-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private string In(string name) => Path.Combine(work, name);

    private string Card => "sim:" + In("card.img");

    [Fact]
    public void Packages_install_read_and_delete_through_the_flasher()
    {
        Assert.Equal(0, PersonaCommand.New("gen2", 43, In("p.json"), TextWriter.Null, "P-256"));
        Assert.Equal(0, IssueCommand.Run(In("p.json"), In("ca"), Card, null, TextWriter.Null));
        Assert.Equal(0, DomainCommand.Create(Card, In("ca"), PoliceAid, 2048, In("police.json"), TextWriter.Null));
        Assert.Equal(0, DomainCommand.Create(Card, In("ca"), CityAid, 4096, In("city.json"), TextWriter.Null));
        var output = new StringWriter();
        Assert.Equal(0, PackageCommand.Install(Card, In("ca"), PoliceAid, In("police.json"), "licence", In("p.json"), output));
        Assert.Equal(0, PackageCommand.Install(Card, In("ca"), CityAid, In("city.json"), "seal", In("p.json"), output));
        Assert.Equal(0, PackageCommand.Install(Card, In("ca"), CityAid, In("city.json"), "library", In("p.json"), output));
        Assert.Contains("licence AP F04E616E6F4C6963656E6365 installed and personalized", output.ToString(), StringComparison.Ordinal);

        var persona = NanoCard.Issuance.PersonaFile.Load(In("p.json"));
        output = new StringWriter();
        Assert.Equal(0, ReadCommand.Licence(Card, In("ca"), persona.Licence!.Pin1, persona.Licence.Pin2, output));
        string text = output.ToString();
        Assert.Contains($"免許証の番号 (number): {persona.Licence.Number}", text, StringComparison.Ordinal);
        Assert.Contains($"本籍 (registered domicile): {persona.Licence.RegisteredDomicile}", text, StringComparison.Ordinal);
        Assert.Contains("police signature over the items: ok", text, StringComparison.Ordinal);
        Assert.Contains("police signature over the domicile: ok", text, StringComparison.Ordinal);
        Assert.DoesNotContain(persona.Licence.Pin1, text.Replace(persona.Licence.Number, "", StringComparison.Ordinal), StringComparison.Ordinal);

        // Without --ca the signatures are not checked, and the reader says so; a wrong PIN is reported with the tries left, exit 1.
        output = new StringWriter();
        Assert.Equal(0, ReadCommand.Licence(Card, null, persona.Licence.Pin1, null, output));
        Assert.Contains("police signature over the items: not checked (no --ca)", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("本籍", output.ToString(), StringComparison.Ordinal);
        string wrong = persona.Licence.Pin1 == "0000" ? "1111" : "0000";
        output = new StringWriter();
        Assert.Equal(1, ReadCommand.Licence(Card, In("ca"), wrong, null, output));
        Assert.Contains("not read: 暗証番号1 is wrong: 2 tries left", output.ToString(), StringComparison.Ordinal);

        output = new StringWriter();
        Assert.Equal(0, ReadCommand.Municipal(Card, In("ca"), "all", output));
        Assert.Contains($"印鑑登録証 AP F04E616E6F5365616C: {persona.Municipal!.Municipality}, number {persona.Municipal.SealNumber}", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("presence (INTERNAL AUTHENTICATE on a fresh challenge): ok", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("FAILED", output.ToString(), StringComparison.Ordinal);

        // Another CA folder's keys (another police agency, say) do not check: exit 1.
        Directory.CreateDirectory(In("other"));
        AuthoritySigner.OpenOrCreate(In("other"), AuthoritySigner.Municipality).Dispose();
        output = new StringWriter();
        Assert.Equal(1, ReadCommand.Municipal(Card, In("other"), "seal", output));
        Assert.Contains("signature over the record and the card's key: FAILED", output.ToString(), StringComparison.Ordinal);

        // Locked and deleted: one line, exit 2.
        Assert.Equal(0, ApCommand.Lock(Card, In("ca"), null, null, Convert.ToHexString(LicencePackage.Aid), true, TextWriter.Null));
        var error = new StringWriter();
        Assert.Equal(2, Flasher(error, "read", "licence", "--card", Card, "--persona", In("p.json")));
        Assert.Contains("no licence AP to read (it is locked)", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, ApCommand.Delete(Card, null, CityAid, In("city.json"), Convert.ToHexString(MunicipalPackage.Seal.Aid), TextWriter.Null));
        error = new StringWriter();
        Assert.Equal(2, Flasher(error, "read", "municipal", "--card", Card, "--ap", "seal"));
        Assert.Contains("no 印鑑登録証 AP to read (it is not installed)", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_package_without_its_persona_or_ca_is_one_line()
    {
        var error = new StringWriter();
        Assert.Equal(2, Flasher(error, "ap", "install", "--card", Card, "--package", "licence"));
        Assert.Contains("--package needs --persona FILE", error.ToString(), StringComparison.Ordinal);
        error = new StringWriter();
        Assert.Equal(2, Flasher(error, "ap", "install", "--card", Card));
        Assert.Contains("either --description FILE or --package NAME", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A command line whose errors (one line, exit 2) go to <paramref name="error"/>.</summary>
    private static int Flasher(StringWriter error, params string[] args) => FlasherCli.Run(args, error);
}
