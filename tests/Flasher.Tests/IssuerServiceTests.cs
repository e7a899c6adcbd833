using System.Text.RegularExpressions;
using NanoCard.Flasher.Commands;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// The issuer service as relying parties meet it, through openssl (issue 22): OCSP answers good,
/// revoked as superseded after a renewal, revoked with the death sub-reason, and unknown, each
/// signed and with the client's nonce; the CRL fetched from a certificate's distribution point
/// makes <c>openssl verify -crl_check</c> accept a good certificate and refuse a revoked one.
/// </summary>
public sealed class IssuerServiceTests
{
    private static string Ocsp(IssuerServiceHarness h, string issuerName, params string[] which)
        => OpenSslCli.Run(["ocsp", "-issuer", Path.Combine(h.CaDirectory, issuerName + ".crt.pem"), .. which,
            "-url", h.Service.Links.Ocsp.AbsoluteUri, "-CAfile", Path.Combine(h.CaDirectory, issuerName + ".crt.pem"), "-resp_text"]);

    [Fact]
    public async Task Openssl_ocsp_reads_good_superseded_death_and_unknown_with_the_nonce()
    {
        await using var h = IssuerServiceHarness.Start();
        Persona persona = h.Issue(51, "card.img");
        string oldEcAuth = h.CertificatePem(persona, IssuedGen2Card.EcAuth, "old-ec-auth.pem");
        string rsaSign = h.CertificatePem(persona, IssuedGen2Card.RsaSign, "rsa-sign.pem");

        string good = Ocsp(h, "jpki-auth-ca-ec", "-cert", oldEcAuth);
        Assert.Contains("Response verify OK", good, StringComparison.Ordinal);
        Assert.Contains($"{oldEcAuth}: good", good, StringComparison.Ordinal);
        Assert.Contains("OCSP Nonce", good, StringComparison.Ordinal);
        Assert.DoesNotContain("WARNING", good, StringComparison.Ordinal);
        Assert.Contains($"{rsaSign}: good", Ocsp(h, "jpki-sign-ca", "-cert", rsaSign), StringComparison.Ordinal);

        Assert.Equal(0, RenewCommand.Run("sim:" + h.In("card.img"), h.CaDirectory, () => persona.SignPassword, TextWriter.Null));
        string superseded = Ocsp(h, "jpki-auth-ca-ec", "-cert", oldEcAuth);
        Assert.Contains("Response verify OK", superseded, StringComparison.Ordinal);
        Assert.Contains($"{oldEcAuth}: revoked", superseded, StringComparison.Ordinal);
        Assert.Contains("Reason: superseded", superseded, StringComparison.Ordinal);

        string newEcSign = h.CertificatePem(persona, IssuedGen2Card.EcSign, "new-ec-sign.pem");
        string serial = new CaArchive(h.CaDirectory, TestCa.OpenOrCreate(h.CaDirectory, DateTimeOffset.UtcNow)).GetCard(persona.Serial)[IssuedGen2Card.EcSign].SerialNumber;
        Assert.Equal(0, RevokeCommand.Run(h.CaDirectory, serial, "death", TextWriter.Null));
        string death = Ocsp(h, "jpki-sign-ca-ec", "-cert", newEcSign);
        Assert.Contains("Response verify OK", death, StringComparison.Ordinal);
        Assert.Contains($"{newEcSign}: revoked", death, StringComparison.Ordinal);
        Assert.Contains("Revocation Reason: affiliationChanged (0x3)", death, StringComparison.Ordinal);
        // The CRL entry's death sub-reason (docs/revocation.md), as a single extension of the response.
        Assert.Matches(@"Response Single Extensions:\s+1\.2\.392\.200149\.8\.5\.99\.1:", death);

        string unknown = Ocsp(h, "jpki-sign-ca-ec", "-serial", "0x01ABCDEF");
        Assert.Contains("0x01ABCDEF: unknown", unknown, StringComparison.Ordinal);
        Assert.Contains("Response verify OK", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Openssl_verify_with_the_crl_from_the_distribution_point_refuses_a_revoked_certificate()
    {
        await using var h = IssuerServiceHarness.Start();
        Persona persona = h.Issue(52, "card.img");
        string leaf = h.CertificatePem(persona, IssuedGen2Card.RsaAuth, "rsa-auth.pem");
        string ca = Path.Combine(h.CaDirectory, "jpki-auth-ca.crt.pem");
        string distributionPoint = Regex.Match(OpenSslCli.Run("x509", "-in", leaf, "-noout", "-ext", "crlDistributionPoints"), @"URI:(\S+)").Groups[1].Value;
        Assert.Equal(h.Service.Links.Crl("jpki-auth-ca").AbsoluteUri, distributionPoint);

        // The CA has revoked nothing yet: the service still hands out a CRL, so -crl_check can run.
        Assert.Contains($"{leaf}: OK", OpenSslCli.Run("verify", "-crl_check", "-CAfile", ca, "-CRLfile", await FetchCrl(h, distributionPoint, "crl1.pem"), leaf), StringComparison.Ordinal);

        string serial = new CaArchive(h.CaDirectory, TestCa.OpenOrCreate(h.CaDirectory, DateTimeOffset.UtcNow)).GetCard(persona.Serial)[IssuedGen2Card.RsaAuth].SerialNumber;
        Assert.Equal(0, RevokeCommand.Run(h.CaDirectory, serial, "keyCompromise", TextWriter.Null));
        var (exit, refused) = OpenSslCli.Try("verify", "-crl_check", "-CAfile", ca, "-CRLfile", await FetchCrl(h, distributionPoint, "crl2.pem"), leaf);
        Assert.NotEqual(0, exit);
        Assert.Contains("certificate revoked", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_request_a_get_request_and_an_unknown_crl_get_defined_answers()
    {
        await using var h = IssuerServiceHarness.Start();
        Persona persona = h.Issue(53, "card.img");
        using var http = new HttpClient { BaseAddress = h.Service.Address };

        using HttpResponseMessage garbage = await http.PostAsync("ocsp", new ByteArrayContent([0x30, 0x03, 0x02, 0x01, 0x05]));
        // OCSPResponse { responseStatus malformedRequest (1) }, no responseBytes (RFC 6960 §4.2.1).
        Assert.Equal("30030A0101", Convert.ToHexString(await garbage.Content.ReadAsByteArrayAsync()));

        // RFC 6960 §A.1: GET with the URL-encoded base64 of the DER request.
        string leaf = h.CertificatePem(persona, IssuedGen2Card.EcSign, "ec-sign.pem");
        string issuer = Path.Combine(h.CaDirectory, "jpki-sign-ca-ec.crt.pem");
        OpenSslCli.Run("ocsp", "-issuer", issuer, "-cert", leaf, "-no_nonce", "-reqout", h.In("request.der"));
        string path = "ocsp/" + Uri.EscapeDataString(Convert.ToBase64String(await File.ReadAllBytesAsync(h.In("request.der"))));
        await File.WriteAllBytesAsync(h.In("response.der"), await http.GetByteArrayAsync(path));
        string answer = OpenSslCli.Run("ocsp", "-respin", h.In("response.der"), "-issuer", issuer, "-cert", leaf, "-CAfile", issuer, "-no_nonce");
        Assert.Contains($"{leaf}: good", answer, StringComparison.Ordinal);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("crl/issued.json")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("crl/no-such-ca.crl")).StatusCode);
    }

    [Theory]
    [InlineData("0.0.0.0:8440", null, "--allow-remote")]
    [InlineData("192.168.1.10:8440", null, "--allow-remote")]
    [InlineData("example.org:8440", null, "is not address:port")]
    [InlineData("127.0.0.1:8440", "ftp://ca.example/", "is not an http:// or https:// base URL")]
    [InlineData("127.0.0.1:8440", "https://ca.example/?x=1", "no query")]
    public void A_listen_address_off_loopback_or_a_bad_url_is_a_one_line_error(string listen, string? url, string expected)
        => Assert.Contains(expected, Assert.Throws<UserError>(() => CaCommand.Settings("ca", listen, url, allowRemote: false)).Message, StringComparison.Ordinal);

    [Fact]
    public void A_folder_without_a_ca_is_not_served()
    {
        string empty = Directory.CreateTempSubdirectory("flasher-no-ca-").FullName;
        try
        {
            Assert.Contains("holds no CA", Assert.Throws<UserError>(() => Service.IssuerService.Start(CaCommand.Settings(empty, "127.0.0.1:0", null, false), TextWriter.Null)).Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    /// <summary>GET the distribution point, as a relying party does, and convert the DER CRL to PEM for -CRLfile.</summary>
    private static async Task<string> FetchCrl(IssuerServiceHarness h, string url, string file)
    {
        using var http = new HttpClient();
        using HttpResponseMessage response = await http.GetAsync(url);
        Assert.Equal("application/pkix-crl", response.Content.Headers.ContentType?.MediaType);
        await File.WriteAllBytesAsync(h.In(file + ".der"), await response.Content.ReadAsByteArrayAsync());
        OpenSslCli.Run("crl", "-inform", "DER", "-in", h.In(file + ".der"), "-out", h.In(file));
        return h.In(file);
    }
}
