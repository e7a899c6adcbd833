using System.Text.RegularExpressions;
using NanoCard.Pkcs11.Card;

namespace NanoCard.Pkcs11.Tests;

/// <summary>The module's knowledge of the card (NanoCardLayout) against the card's published interface, docs/apdu-spec.md §13.1 and §13.3.</summary>
public sealed partial class LayoutDocumentTests
{
    [Fact]
    public void Every_key_the_module_uses_is_in_the_spec_with_its_SFI_and_its_certificate()
    {
        string spec = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "apdu-spec.md"));
        string files = Section(spec, "### 13.1 Files");
        string keys = Section(spec, "### 13.3 Keys");
        foreach (KeySpec key in NanoCardLayout.Keys(gen2: true))
        {
            string ap = key.Aid.AsSpan().SequenceEqual(NanoCardLayout.JpkiAid) ? "JPKI" : "Common";
            Match row = Regex.Match(keys, $@"^\| {ap} \| `{key.KeyFid:X4}` \| `(?<sfi>[0-9A-F]{{2}})` \|", RegexOptions.Multiline);
            Assert.True(row.Success, $"{key.Label}: no key {key.KeyFid:X4} in the {ap} AP in §13.3");
            Assert.Equal(0x80 | Convert.ToByte(row.Groups["sfi"].Value, 16), key.KeyP2);
            Assert.Matches($@"(?m)^\| {ap} \| `{key.CertificateFid:X4}` \|", files);
            bool free = Regex.IsMatch(files, $@"(?m)^\| {ap} \| `{key.CertificateFid:X4}` \|.*\| free \|$");
            Assert.Equal(!key.CertificateNeedsLogin, free);
        }
        foreach (CaSpec ca in NanoCardLayout.CaCertificates(gen2: true))
        {
            Assert.Matches($@"(?m)^\| JPKI \| `{ca.CertificateFid:X4}` \|.*CA certificate.*\| free \|$", files);
        }
    }

    private static string Section(string text, string heading)
    {
        int start = text.IndexOf(heading, StringComparison.Ordinal);
        int end = text.IndexOf("\n### ", start + heading.Length, StringComparison.Ordinal);
        return text[start..end];
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "nf.sln")))
        {
            directory = directory.Parent!;
        }
        return directory.FullName;
    }
}
