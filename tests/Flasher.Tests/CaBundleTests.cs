using System.Security.Cryptography.X509Certificates;
using NanoCard.Flasher.Commands;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// The CA folder's PEM files work with the usual tools: each ends with a newline, so
/// <c>cat ca/*.crt.pem &gt; bundle.pem</c> is a CA bundle with which <c>openssl verify</c> accepts a card's certificate.
/// </summary>
public sealed class CaBundleTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("flasher-bundle-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private string In(string name) => Path.Combine(work, name);

    [Fact]
    public void Concatenated_ca_certificates_verify_a_card_certificate_with_openssl()
    {
        PersonaCommand.New("gen1", 41, In("p.json"), TextWriter.Null);
        Assert.Equal(0, IssueCommand.Run(In("p.json"), In("ca"), "sim:" + In("card.img"), null, TextWriter.Null));

        string[] pems = Directory.GetFiles(In("ca"), "*.pem");
        Assert.NotEmpty(pems);
        Assert.All(pems, pem => Assert.EndsWith("\n", File.ReadAllText(pem), StringComparison.Ordinal));

        // As a user would: cat ca/*.crt.pem > bundle.pem
        string[] certificates = Directory.GetFiles(In("ca"), "*.crt.pem").Order(StringComparer.Ordinal).ToArray();
        File.WriteAllText(In("bundle.pem"), string.Concat(certificates.Select(File.ReadAllText)));

        string[] issued = Directory.GetFiles(Path.Combine(In("ca"), "issued"), "*.der");
        Assert.NotEmpty(issued);
        foreach (string der in issued)
        {
            using var certificate = X509CertificateLoader.LoadCertificateFromFile(der);
            string leaf = In(Path.GetFileNameWithoutExtension(der) + ".pem");
            File.WriteAllText(leaf, certificate.ExportCertificatePem() + "\n");
            Assert.Contains(": OK", OpenSslCli.Run("verify", "-CAfile", In("bundle.pem"), leaf), StringComparison.Ordinal);
        }
    }
}
