using System.Text.Json;
using System.Text.RegularExpressions;
using NanoCard.Issuance.Content;
using NanoCard.Issuance.Packages;

namespace NanoCard.Applets.Tests.Domains;

/// <summary>docs/apdu-spec.md §11.3 and §11.4 against the packages: every entry's FID, SFI and read rule, and the AIDs.</summary>
[Collection(IssuedCardCollection.Name)]
public sealed partial class PackageSpecTests(IssuedCardFixture fixture)
{
    private static readonly string Spec = File.ReadAllText(Path.Combine(ApduSpec.RepositoryRoot(), "docs", "apdu-spec.md"));

    [Fact]
    public void The_licence_table_is_the_licence_package()
    {
        var rows = Rows("| EF / PIN | SFI |");
        ApDescriptionFile licence = LicencePackage.Describe(fixture.Persona, Packages.Police);
        Assert.Equal(licence.Entries.Count, rows.Count);
        foreach (string[] row in rows)
        {
            ApEntryFile entry = licence.Entries.Single(e => e.Fid == Fid(row[0]));
            Assert.Equal(Convert.ToInt32(row[1].Trim('`'), 16), entry.Sfi);
            if (entry.Kind != "pin")
            {
                Assert.Equal(Rule(row[4]), Rule(entry.Read!.Value));
            }
        }
        Assert.Contains($"selects the AID `{Convert.ToHexString(LicencePackage.Aid)}`", Spec, StringComparison.Ordinal);
        Assert.Contains($"(AID `{Convert.ToHexString(LicencePackage.DomainAid)}`, §11.2)", Spec, StringComparison.Ordinal);
    }

    [Fact]
    public void The_municipal_tables_are_the_municipal_packages()
    {
        var rows = Rows("| EF / key | SFI |");
        foreach (MunicipalPackage package in MunicipalPackage.All)
        {
            ApDescriptionFile description = package.Describe(fixture.Persona, gen2: true);
            Assert.Equal(description.Entries.Count, rows.Count);
            foreach (string[] row in rows)
            {
                ApEntryFile entry = description.Entries.Single(e => e.Fid == Fid(row[0]));
                Assert.Equal(Convert.ToInt32(row[1].Trim('`'), 16), entry.Sfi);
                Assert.Equal("always", Rule((entry.Read ?? entry.Use)!.Value));
                Assert.Equal("free", row[3]);
            }
            Assert.Contains($"| `{Convert.ToHexString(package.Aid)}` | `{package.DfId}` |", Spec, StringComparison.Ordinal);
        }
        Assert.Contains($"(AID `{Convert.ToHexString(MunicipalPackage.DomainAid)}`)", Spec, StringComparison.Ordinal);
    }

    private static List<string[]> Rows(string header)
    {
        int at = Spec.IndexOf(header, StringComparison.Ordinal);
        Assert.True(at >= 0, header);
        return Spec[at..].Split('\n').Skip(2).TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray()).ToList();
    }

    private static string Fid(string cell) => FidPattern().Match(cell).Groups[1].Value;

    private static string Rule(string cell) => cell switch
    {
        "free" => "always",
        "" => "",
        _ => string.Join(",", FidPattern().Matches(cell).Select(m => m.Groups[1].Value)),
    };

    private static string Rule(JsonElement rule) => rule.ValueKind == JsonValueKind.String
        ? rule.GetString()!
        : string.Join(",", rule.EnumerateArray().Select(e => e.GetString()));

    [GeneratedRegex("`([0-9A-F]{4})`")]
    private static partial Regex FidPattern();
}
