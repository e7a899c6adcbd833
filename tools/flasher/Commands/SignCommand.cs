using System.CommandLine;
using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using NanoCard.Applets.Jpki;
using NanoCard.Flasher.Cards;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// <c>flasher sign</c>: what a holder's signing client does (docs/relying-party.md): VERIFY the
/// signing password, sign a file's hash with the JPKI signing key (ECDSA 003A, or RSA 001A), and
/// hand the relying party the signature and the signing certificate read from the card. The ECDSA
/// signature is written in DER (RFC 3279 Ecdsa-Sig-Value), the form openssl and X.509 use; the
/// card answers r ‖ s.
/// </summary>
public static class SignCommand
{
    public static Command Create()
    {
        var card = new Option<string>("--card") { Description = "sim:PATH, pcsc:READER or serial:PORT", Required = true };
        var input = new Option<string>("--in") { Description = "the file to sign", Required = true };
        var output = new Option<string>("--out") { Description = "where to write the signature (DER for ECDSA, PKCS#1 v1.5 for RSA)", Required = true };
        var certificate = new Option<string>("--certificate") { Description = "where to write the signing certificate (PEM)", Required = true };
        var rsa = new Option<bool>("--rsa") { Description = "sign with the RSA-2048 key 001A (SHA-256) instead of the ECDSA key 003A" };
        var persona = new Option<string?>("--persona") { Description = "the persona file the card was issued for: its signing password" };
        var stdin = new Option<bool>("--password-stdin") { Description = "read the signing password from one line of standard input" };
        var command = new Command("sign", "sign a file with the card's JPKI signing key, as a holder's client does") { card, input, output, certificate, rsa, persona, stdin };
        command.SetAction(result => Run(result.GetValue(card)!, result.GetValue(input)!, result.GetValue(output)!, result.GetValue(certificate)!, result.GetValue(rsa),
            () => SigningPasswordInput.Read(result.GetValue(persona), result.GetValue(stdin), Console.In), Console.Out));
        return command;
    }

    public static int Run(string target, string inputPath, string signaturePath, string certificatePath, bool rsa, Func<string> signingPassword, TextWriter output)
    {
        if (!File.Exists(inputPath))
        {
            throw new UserError($"{inputPath} not found");
        }
        byte[] message = File.ReadAllBytes(inputPath);
        using CardConnection card = CardConnection.Open(target, access: ImageAccess.Existing);
        var reader = new CardPersonalizer(card.Client);
        try
        {
            reader.Select(JpkiAp.Aid);
            ResponseApdu verified = card.Client.Send(Apdus.Verify((byte)(0x80 | JpkiAp.SignPassword), Encoding.ASCII.GetBytes(signingPassword())));
            if (!verified.IsOk)
            {
                throw new UserError($"{target}: the signing password was not accepted ({verified.Sw:X4})");
            }
            byte[] der = reader.ReadDer(rsa ? JpkiAp.SignCertificate : JpkiAp.EcSignCertificate);
            using X509Certificate2 x509 = X509CertificateLoader.LoadCertificate(der);
            byte[] signature;
            if (rsa)
            {
                signature = card.Client.Expect(Apdus.ComputeSignature(0x80 | 0x1A, IssuerSignature.DigestInfo(message)), "COMPUTE DIGITAL SIGNATURE (RSA)");
            }
            else
            {
                using ECDsa key = x509.GetECDsaPublicKey() ?? throw new UserError($"{target}: the ECDSA signing certificate holds no EC key");
                byte[] hash = key.KeySize > 256 ? SHA384.HashData(message) : SHA256.HashData(message);
                signature = Der(card.Client.Expect(Apdus.ComputeSignature(0x80 | 0x1D, hash), "COMPUTE DIGITAL SIGNATURE (ECDSA)"));
            }
            File.WriteAllBytes(signaturePath, signature);
            PemFile.Write(certificatePath, x509.ExportCertificatePem());
            output.WriteLine($"{signaturePath}: {(rsa ? "RSA" : "ECDSA")} signature of {inputPath} by certificate {x509.SerialNumber} ({certificatePath})");
        }
        catch (Exception e) when (e is CardException or InvalidDataException)
        {
            throw new UserError($"{target}: {e.Message}; is it an issued gen2 card?");
        }
        return 0;
    }

    /// <summary>r ‖ s as <c>Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }</c>.</summary>
    private static byte[] Der(byte[] rs)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(new BigInteger(rs.AsSpan(0, rs.Length / 2), isUnsigned: true, isBigEndian: true));
            writer.WriteInteger(new BigInteger(rs.AsSpan(rs.Length / 2), isUnsigned: true, isBigEndian: true));
        }
        return writer.Encode();
    }
}
