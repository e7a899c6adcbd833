using System.Security.Cryptography;
using NanoCard.Pkcs11.Card;
using NanoCard.Pkcs11.Native;

namespace NanoCard.Pkcs11.Tokens;

/// <summary>
/// The signing mechanisms (PKCS#11 v2.40 Current Mechanisms §2.1.6, §2.1.7, §2.3.6, §2.3.7) and how
/// each becomes the block the card signs: RSA keys take a DigestInfo (§9), ECDSA keys a hash of
/// the curve's length (§13.4), the authentication keys the message itself (INTERNAL AUTHENTICATE).
/// Hashing is done on the host.
/// </summary>
public static class Mechanisms
{
    /// <summary>Most bytes the card signs in one block (RSA-2048 PKCS#1 v1.5: 256 − 11) or takes as a challenge.</summary>
    public const int MaxBlock = 245;

    public static readonly ulong[] Rsa = [Ckm.RsaPkcs, Ckm.Sha1RsaPkcs, Ckm.Sha256RsaPkcs, Ckm.Sha384RsaPkcs, Ckm.Sha512RsaPkcs];
    public static readonly ulong[] Ec = [Ckm.Ecdsa, Ckm.EcdsaSha1, Ckm.EcdsaSha256, Ckm.EcdsaSha384, Ckm.EcdsaSha512];

    /// <summary>Every mechanism the module lists (C_GetMechanismList).</summary>
    public static ulong[] All(bool gen2) => gen2 ? [.. Rsa, .. Ec] : Rsa;

    /// <summary>Key sizes in bits and flags (C_GetMechanismInfo).</summary>
    public static (ulong Min, ulong Max, ulong Flags) Info(ulong mechanism) => Array.IndexOf(Rsa, mechanism) >= 0
        ? (2048UL, 2048UL, Ckf.Hw | Ckf.Sign)
        : (256UL, 384UL, Ckf.Hw | Ckf.Sign | Ckf.EcFp | Ckf.EcNamedCurve | Ckf.EcUncompress);

    /// <summary>Whether the key can sign with the mechanism.</summary>
    public static bool Allows(P11Object key, ulong mechanism)
    {
        KeySpec spec = key.Key!;
        if (spec.Use == KeyUse.InternalAuthenticate)
        {
            return mechanism == (key.CurveBytes == 32 ? Ckm.EcdsaSha256 : Ckm.EcdsaSha384);
        }
        return Array.IndexOf(spec.IsEc ? Ec : Rsa, mechanism) >= 0;
    }

    /// <summary>The bytes the card gets for the data: a DigestInfo, a hash, or the data itself.</summary>
    public static byte[] Block(P11Object key, ulong mechanism, byte[] data)
    {
        KeySpec spec = key.Key!;
        if (spec.Use == KeyUse.InternalAuthenticate)
        {
            return data.Length is >= 1 and <= MaxBlock ? data : throw new Pkcs11Exception(Ckr.DataLenRange);
        }
        if (!spec.IsEc)
        {
            byte[] block = mechanism == Ckm.RsaPkcs ? data : DigestInfo(mechanism, data);
            return block.Length is >= 1 and <= MaxBlock ? block : throw new Pkcs11Exception(Ckr.DataLenRange);
        }
        byte[] hash = mechanism == Ckm.Ecdsa ? data : Hash(mechanism, data);
        return hash.Length > 0 ? FitToCurve(hash, key.CurveBytes) : throw new Pkcs11Exception(Ckr.DataLenRange);
    }

    /// <summary>
    /// A hash of another length as the curve's hash: ECDSA uses the leftmost bits of a longer hash
    /// (FIPS 186-4 §6.4), and leading zero bytes do not change a shorter one's value, so the card,
    /// which takes exactly the curve's length, signs the same number.
    /// </summary>
    public static byte[] FitToCurve(byte[] hash, int curveBytes)
    {
        if (hash.Length >= curveBytes)
        {
            return hash[..curveBytes];
        }
        var padded = new byte[curveBytes];
        hash.CopyTo(padded, curveBytes - hash.Length);
        return padded;
    }

    private static byte[] Hash(ulong mechanism, byte[] data) => mechanism switch
    {
        Ckm.Sha1RsaPkcs or Ckm.EcdsaSha1 => SHA1.HashData(data),
        Ckm.Sha256RsaPkcs or Ckm.EcdsaSha256 => SHA256.HashData(data),
        Ckm.Sha384RsaPkcs or Ckm.EcdsaSha384 => SHA384.HashData(data),
        Ckm.Sha512RsaPkcs or Ckm.EcdsaSha512 => SHA512.HashData(data),
        _ => throw new Pkcs11Exception(Ckr.MechanismInvalid),
    };

    /// <summary>DigestInfo (RFC 8017 §9.2, note 1: the DER prefixes) around the data's hash.</summary>
    private static byte[] DigestInfo(ulong mechanism, byte[] data)
    {
        byte[] prefix = mechanism switch
        {
            Ckm.Sha1RsaPkcs => Convert.FromHexString("3021300906052B0E03021A05000414"),
            Ckm.Sha256RsaPkcs => Convert.FromHexString("3031300D060960864801650304020105000420"),
            Ckm.Sha384RsaPkcs => Convert.FromHexString("3041300D060960864801650304020205000430"),
            Ckm.Sha512RsaPkcs => Convert.FromHexString("3051300D060960864801650304020305000440"),
            _ => throw new Pkcs11Exception(Ckr.MechanismInvalid),
        };
        return [.. prefix, .. Hash(mechanism, data)];
    }
}
