using System.Security.Cryptography.X509Certificates;

namespace NanoCard.Issuance.Revocation;

/// <summary>
/// Where relying parties ask about a certificate's revocation: the issuer service's base URL
/// (<c>flasher ca serve</c>, docs/revocation.md "Over HTTP"). A certificate issued with links
/// carries Authority Information Access with the OCSP responder, <c>BASE/ocsp</c> (RFC 5280
/// §4.2.2.1, RFC 6960), and CRL Distribution Points with its CA's CRL, <c>BASE/crl/CA.crl</c>
/// (RFC 5280 §4.2.1.13).
/// </summary>
public sealed class RevocationLinks
{
    public const string OcspPath = "ocsp";
    public const string CrlFolder = "crl";

    private RevocationLinks(Uri baseUrl) => BaseUrl = baseUrl;

    /// <summary>The service's base URL, ending in <c>/</c>.</summary>
    public Uri BaseUrl { get; }

    public Uri Ocsp => new(BaseUrl, OcspPath);

    public Uri Crl(string caName) => new(BaseUrl, $"{CrlFolder}/{caName}.crl");

    /// <summary>An absolute http or https URL; a missing final <c>/</c> is added, so a base with a path keeps it.</summary>
    public static RevocationLinks Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? parsed) || parsed.Scheme is not ("http" or "https")
            || parsed.Query.Length > 0 || parsed.Fragment.Length > 0 || parsed.UserInfo.Length > 0)
        {
            throw new ArgumentException($"'{url}' is not an http:// or https:// base URL (no query, fragment or user)");
        }
        return new RevocationLinks(parsed.AbsoluteUri.EndsWith('/') ? parsed : new Uri(parsed.AbsoluteUri + "/"));
    }

    /// <summary>The two extensions for a certificate CA <paramref name="caName"/> of the folder issues.</summary>
    public IReadOnlyList<X509Extension> Extensions(string caName) =>
    [
        new X509AuthorityInformationAccessExtension([Ocsp.AbsoluteUri], null),
        CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([Crl(caName).AbsoluteUri]),
    ];

    public override string ToString() => BaseUrl.AbsoluteUri;
}
