using System.Security.Cryptography.X509Certificates;
using NanoCard.Applets.Jpki;
using NanoCard.Applets.Shared;
using NanoCard.Os.Description;

namespace NanoCard.Issuance;

/// <summary>
/// Whether a certificate fits the gen2 JPKI AP's EF for it (docs/apdu-spec.md §13.1), checked
/// before anything is written: a certificate with long revocation links (a long service URL)
/// or the longest attributes could otherwise stop an issuance or a renewal halfway with a bare
/// status word.
/// </summary>
public static class CertificateFit
{
    private static readonly ApDescription Gen2Jpki = JpkiDescription.Describe(CardProfile.Gen2);

    public static void Require(short fid, X509Certificate2 certificate)
    {
        int size = Gen2Jpki.FindByFid(fid).Size;
        if (certificate.RawData.Length > size)
        {
            throw new InvalidOperationException($"certificate {certificate.SerialNumber} is {certificate.RawData.Length} bytes, and EF {fid:X4} holds {size}: "
                + "issue with a shorter service URL (its links are in every JPKI certificate)");
        }
    }
}
