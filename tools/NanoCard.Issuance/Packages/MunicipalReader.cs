using System.Security.Cryptography;
using System.Text;

namespace NanoCard.Issuance.Packages;

/// <summary>What a municipal counter's reader got: the record, whether the city signed it for this card's key, and whether the card proved it holds the key.</summary>
public sealed record MunicipalReading(string Municipality, string Kind, string Number, bool? Signed, bool Present);

/// <summary>
/// Reads a municipal AP (docs/apdu-spec.md §11.4) as the city's counter would: the member record
/// and the key certificate (no PIN), the city's signature over both when the reader has the
/// city's key, and INTERNAL AUTHENTICATE on a fresh random challenge checked with the key the
/// certificate names: the card in the reader is the one the city issued the record to.
/// </summary>
public static class MunicipalReader
{
    public static MunicipalReading Read(CardClient card, MunicipalPackage package, ECDsa? city)
    {
        card.Expect(Apdus.SelectAid(package.Aid), $"SELECT of the {package.Name} AP");
        byte[] record = EfReader.Read(card, MunicipalPackage.Record);
        byte[] certificate = EfReader.Read(card, MunicipalPackage.KeyCertificate);
        var fields = Fields(record);
        var cert = Fields(certificate);
        byte[] template = cert[MunicipalPackage.TagPublicKey];
        bool? signed = city is null ? null : AuthoritySigner.Verify(city, cert[MunicipalPackage.TagSignature], record, template);
        byte[] challenge = RandomNumberGenerator.GetBytes(32);
        byte[] proof = card.Expect(Apdus.InternalAuthenticate(0x80 | 2, challenge), "INTERNAL AUTHENTICATE");
        return new MunicipalReading(Text(fields, MunicipalPackage.TagMunicipality), Text(fields, MunicipalPackage.TagKind),
            Text(fields, MunicipalPackage.TagNumber), signed, Proves(template, challenge, proof));
    }

    /// <summary>Checks the INTERNAL AUTHENTICATE answer with the public key in the card's 7F49 template (EC r ‖ s over SHA-256, or RSA PKCS#1 v1.5).</summary>
    public static bool Proves(byte[] template, byte[] challenge, byte[] proof)
    {
        var parts = Tlv.Children(template).ToDictionary(f => f.Tag, f => f.Value);
        if (parts.TryGetValue(0x86, out byte[]? point))
        {
            using ECDsa key = EcPublicKeys.FromPoint(EcPublicKeys.P256, point);
            return key.VerifyData(challenge, proof, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        using RSA rsa = RSA.Create(new RSAParameters { Modulus = parts[0x81], Exponent = parts[0x82] });
        return rsa.VerifyData(challenge, proof, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>The file's simple TLVs by tag (wrapped in a constructed TLV so the BER reader walks them).</summary>
    private static Dictionary<int, byte[]> Fields(byte[] file) =>
        Tlv.Children(Tlv.Build(0x30, file)).ToDictionary(f => f.Tag, f => f.Value);

    private static string Text(Dictionary<int, byte[]> fields, int tag) =>
        fields.TryGetValue(tag, out byte[]? value) ? Encoding.UTF8.GetString(value) : throw new InvalidDataException($"the record has no tag {tag:X2}");
}
