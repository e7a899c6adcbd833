using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using NanoCard.Applets.Jpki;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Lessons;

/// <summary>
/// What the host sends to COMPUTE DIGITAL SIGNATURE — a DER DigestInfo (RFC 8017 §9.2) — and
/// what the card does with it: EMSA-PKCS1-v1_5 padding, then the RSA private operation. The
/// lesson undoes the signature with the certificate's public key (s^e mod n, RFC 8017 §5.2.2) to
/// show the padded block the card signed.
/// </summary>
public sealed class DigestInfoLesson() : Lesson("digestinfo", "what a DigestInfo is and how the card pads it")
{
    private const string Message = "NanoCard lesson: sign this";

    public override void Run(TextWriter output)
    {
        LessonCard card = LessonCard.Issue();
        byte[] hash = SHA256.HashData(Encoding.ASCII.GetBytes(Message));
        byte[] digestInfo = IssuerSignature.DigestInfo(Encoding.ASCII.GetBytes(Message));
        output.WriteLine($"# the message \"{Message}\"; its SHA-256 hash wrapped in a DigestInfo, 51 bytes of DER:");
        output.WriteLine("#   30 31                            SEQUENCE, 49 bytes");
        output.WriteLine("#     30 0D                          SEQUENCE, 13 bytes: AlgorithmIdentifier");
        output.WriteLine("#       06 09 60 86 48 01 65 03 04 02 01   OBJECT IDENTIFIER 2.16.840.1.101.3.4.2.1 = SHA-256");
        output.WriteLine("#       05 00                        NULL (no parameters)");
        output.WriteLine("#     04 20                          OCTET STRING, 32 bytes: the hash");
        HexRows.Write(output, hash, 0);
        card.TraceTo(output);
        CardClient reader = card.Reader;
        output.WriteLine("# the user-authentication key (P2 97 = key by SFI 17) signs after the PIN; the card sends 256 bytes back");
        reader.Send(Apdus.SelectAid(JpkiAp.Aid));
        reader.Send(Apdus.Verify(0x98, card.Pin));
        byte[] signature = reader.Send(Apdus.ComputeSignature(0x97, digestInfo)).Data;

        using RSA publicKey = card.Issued.AuthCertificate.GetRSAPublicKey()!;
        RSAParameters key = publicKey.ExportParameters(includePrivateParameters: false);
        var n = new BigInteger(key.Modulus, isUnsigned: true, isBigEndian: true);
        var e = new BigInteger(key.Exponent, isUnsigned: true, isBigEndian: true);
        byte[] block = Pad(BigInteger.ModPow(new BigInteger(signature, isUnsigned: true, isBigEndian: true), e, n), key.Modulus!.Length);
        output.WriteLine($"# undo it with the certificate's public key (EF 000A; e = {e}): s^e mod n is the block the card signed:");
        HexRows.Write(output, block, 0);
        int ps = block.Length - 3 - digestInfo.Length;
        output.WriteLine($"# 00 01, then {ps} bytes of FF (at least 8: RFC 8017 §9.2 step 5), 00, then the {digestInfo.Length}-byte DigestInfo");
        byte[] expected = [0x00, 0x01, .. Enumerable.Repeat((byte)0xFF, ps), 0x00, .. digestInfo];
        output.WriteLine($"# equal to 00 01 FF…FF 00 ‖ DigestInfo: {(block.AsSpan().SequenceEqual(expected) ? "yes" : "NO")}");
    }

    /// <summary>The integer as a big-endian block of the modulus's length (I2OSP, RFC 8017 §4.1).</summary>
    private static byte[] Pad(BigInteger value, int length)
    {
        byte[] bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. new byte[length - bytes.Length], .. bytes];
    }
}
