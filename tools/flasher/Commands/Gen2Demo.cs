using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using NanoCard.Applets.CommonCard;
using NanoCard.Applets.Jpki;
using NanoCard.Applets.Visual;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// The part of <c>flasher demo --profile gen2</c> that shows what the next-generation card adds
/// (docs/apdu-spec.md §13): an ECDSA signature over a hash, card authentication without a PIN,
/// the colour photo in one extended READ BINARY, and the PUK unblocking the card PIN.
/// </summary>
internal static class Gen2Demo
{
    public static void Session(CardClient reader, Persona persona, TestCa ca, IReadOnlyDictionary<string, X509Certificate2> issued,
        List<(string What, bool Ok)> checks, TextWriter output)
    {
        byte[] pin = Encoding.ASCII.GetBytes(persona.Pin);
        output.WriteLine("# gen2 JPKI: the ECDSA authentication key (SFI 1C) signs a hash, r ‖ s");
        reader.Expect(Apdus.SelectAid(JpkiAp.Aid), "SELECT JPKI");
        var ecCertificate = X509CertificateLoader.LoadCertificate(new CardPersonalizer(reader).ReadDer(JpkiAp.EcAuthCertificate));
        reader.Expect(Apdus.Verify(0x98, pin), "VERIFY");
        byte[] message = Encoding.ASCII.GetBytes("NanoCard gen2 demo " + DateTime.UtcNow.ToString("O"));
        using (ECDsa key = ecCertificate.GetECDsaPublicKey()!)
        {
            HashAlgorithmName hash = key.KeySize > 256 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;
            byte[] digest = key.KeySize > 256 ? SHA384.HashData(message) : SHA256.HashData(message);
            byte[] signature = reader.Expect(Apdus.ComputeSignature(0x9C, digest), "SIGN (ECDSA)");
            checks.Add(($"ECDSA P-{key.KeySize} signature verifies with the EC certificate",
                key.VerifyData(message, signature, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
                && ecCertificate.RawData.AsSpan().SequenceEqual(issued[IssuedGen2Card.EcAuth].RawData)));
        }

        output.WriteLine("# gen2 card authentication: the common AP's certificate and a fresh challenge, no PIN");
        VerificationReport report = new CardVerifier(reader, ca, "", TimeProvider.System).VerifyAuthenticity();
        checks.Add(("card and JPKI AP authentication: certificates from the card CA, challenges signed", report.Genuine));

        output.WriteLine("# gen2 visual AP: the colour photo, one extended READ BINARY after 照合番号B");
        reader.Expect(Apdus.SelectAid(VisualAp.Aid), "SELECT visual AP");
        reader.Expect(Apdus.Verify(0x92, Encoding.ASCII.GetBytes(persona.CodeB)), "VERIFY B");
        reader.Expect(Apdus.SelectEf(VisualAp.ColourPhoto), "SELECT photo");
        byte[] photo = PhotoReader.ReadExtended(reader);
        checks.Add(($"colour photo ({persona.ColourPhoto.Length:N0}-byte JPEG)", photo.AsSpan(0, persona.ColourPhoto.Length).SequenceEqual(persona.ColourPhoto)));

        output.WriteLine("# gen2 PUK: three wrong PINs block the card PIN in every AP; RESET RETRY COUNTER with the PUK unblocks it");
        reader.Expect(Apdus.SelectAid(JpkiAp.Aid), "SELECT JPKI");
        byte[] wrong = Encoding.ASCII.GetBytes(persona.Pin[..3] + (persona.Pin[3] == '0' ? '1' : '0'));
        for (int i = 0; i < 3; i++)
        {
            reader.Send(Apdus.Verify(0x98, wrong));
        }
        ushort blocked = reader.Send(Apdus.Verify(0x98, pin)).Sw;
        ushort reset = reader.Send(Apdus.ResetRetryCounter(0x98, Encoding.ASCII.GetBytes(persona.Puk), null)).Sw;
        ushort again = reader.Send(Apdus.Verify(0x98, pin)).Sw;
        checks.Add(("PUK: blocked (6984), unblocked (9000), the PIN works again", blocked == 0x6984 && reset == 0x9000 && again == 0x9000));
    }
}
