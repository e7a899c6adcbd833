using System.Net;
using System.Net.Http.Json;
using NanoCard.Flasher.Service;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// The issuer service answers only requests that name its own address as Host, or its
/// <c>--url</c>'s host (docs/security.md, "Renewal and the holder's consent"): a web page in a
/// browser on the same machine that rebinds its own name to 127.0.0.1 names that name, and gets
/// 421 before any handler runs, so it can neither start a renewal with the holder's password nor
/// read an answer. Relying parties' clients (openssl ocsp, <see cref="IssuerServiceTests"/>) name
/// the address the certificates give, and still get their answers.
/// </summary>
public sealed class IssuerServiceHostTests
{
    private const string Crl = "crl/jpki-sign-ca-ec.crl";

    [Fact]
    public async Task A_request_naming_another_host_is_refused_with_421_and_the_own_address_still_served()
    {
        await using var h = IssuerServiceHarness.Start();
        using var http = new HttpClient { BaseAddress = h.Service.Address };
        int port = h.Service.Address.Port;

        Assert.Equal(HttpStatusCode.MisdirectedRequest, await Status(http, HttpMethod.Get, Crl, $"attacker.example:{port}"));
        Assert.Equal(HttpStatusCode.MisdirectedRequest, await Status(http, HttpMethod.Post, "ocsp", $"attacker.example:{port}", new ByteArrayContent([0x30, 0x00])));
        // The renewal never starts: 421, not the handler's answer (it would wait for a relay with the password).
        Assert.Equal(HttpStatusCode.MisdirectedRequest,
            await Status(http, HttpMethod.Post, "renewal", $"attacker.example:{port}", JsonContent.Create(new RenewalStart("holder's password"))));
        // The right name on the wrong port is another server's.
        Assert.Equal(HttpStatusCode.MisdirectedRequest, await Status(http, HttpMethod.Get, Crl, $"127.0.0.1:{port + 1}"));

        Assert.Equal(HttpStatusCode.OK, await Status(http, HttpMethod.Get, Crl, $"127.0.0.1:{port}"));
        Assert.Equal(HttpStatusCode.OK, await Status(http, HttpMethod.Get, Crl, $"localhost:{port}"));
        // openssl ocsp (3.0) names the host without the port.
        Assert.Equal(HttpStatusCode.OK, await Status(http, HttpMethod.Get, Crl, "127.0.0.1"));
        // The handler itself answers a renewal without a password (403): the request reached it.
        Assert.Equal(HttpStatusCode.Forbidden, await Status(http, HttpMethod.Post, "renewal", $"127.0.0.1:{port}", JsonContent.Create(new RenewalStart(null))));
    }

    [Fact]
    public async Task With_a_url_its_host_is_served_too()
    {
        await using var h = IssuerServiceHarness.Start(publicUrl: new Uri("http://issuer.example/"));
        using var http = new HttpClient { BaseAddress = h.Service.Address };
        int port = h.Service.Address.Port;

        Assert.Equal(HttpStatusCode.OK, await Status(http, HttpMethod.Get, Crl, "issuer.example"));
        Assert.Equal(HttpStatusCode.OK, await Status(http, HttpMethod.Get, Crl, "issuer.example:80"));
        Assert.Equal(HttpStatusCode.OK, await Status(http, HttpMethod.Get, Crl, $"127.0.0.1:{port}"));
        Assert.Equal(HttpStatusCode.MisdirectedRequest, await Status(http, HttpMethod.Get, Crl, "attacker.example"));
        Assert.Equal(HttpStatusCode.MisdirectedRequest, await Status(http, HttpMethod.Get, Crl, "issuer.example.attacker.example"));
    }

    private static async Task<HttpStatusCode> Status(HttpClient http, HttpMethod method, string path, string host, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Host = host;
        using HttpResponseMessage response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
