using NanoCard.Hal.Crypto;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace NanoCard.Bench;

/// <summary>
/// The same operations in BouncyCastle, configured to do the same work as the card: deterministic
/// ECDSA (RFC 6979 via HMacDsaKCalculator) and PKCS#1 v1.5 type-1 padding of a given DigestInfo
/// with blinded CRT RSA.
/// </summary>
public sealed class BouncyCastlePeer
{
    private readonly ECPrivateKeyParameters p256;
    private readonly ECPublicKeyParameters p256Public;
    private readonly ECPrivateKeyParameters p384;
    private readonly RsaPrivateCrtKeyParameters rsa;

    public BouncyCastlePeer(EcKey managedP256, EcKey managedP384, RsaKey rsaKey)
    {
        p256 = PrivateKey("P-256", managedP256.PrivateScalar);
        p384 = PrivateKey("P-384", managedP384.PrivateScalar);
        p256Public = new ECPublicKeyParameters(p256.Parameters.Curve.DecodePoint(managedP256.PublicPoint), p256.Parameters);
        var p = Positive(rsaKey.P);
        var q = Positive(rsaKey.Q);
        var e = BigInteger.ValueOf(rsaKey.PublicExponent);
        var n = p.Multiply(q);
        var d = e.ModInverse(p.Subtract(BigInteger.One).Multiply(q.Subtract(BigInteger.One)));
        rsa = new RsaPrivateCrtKeyParameters(n, e, d, p, q, Positive(rsaKey.DP), Positive(rsaKey.DQ), Positive(rsaKey.QInv));
    }

    public byte[] SignP256(byte[] hash) => SignEcdsa(p256, new Sha256Digest(), hash);

    public byte[] SignP384(byte[] hash) => SignEcdsa(p384, new Sha384Digest(), hash);

    public bool VerifyP256(byte[] hash, byte[] rs)
    {
        var signer = new ECDsaSigner();
        signer.Init(false, p256Public);
        return signer.VerifySignature(hash, Positive(rs[..32]), Positive(rs[32..]));
    }

    public byte[] SignRsa(byte[] digestInfo)
    {
        var padding = new Pkcs1Encoding(new RsaBlindedEngine());
        padding.Init(true, rsa);
        return padding.ProcessBlock(digestInfo, 0, digestInfo.Length);
    }

    /// <summary>A 2048-bit key, e = 65537, primes certain to 1 - 2^-100 (BouncyCastle's Miller-Rabin count for that).</summary>
    public static object GenerateRsa()
    {
        var generator = new RsaKeyPairGenerator();
        generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(65537), new SecureRandom(), 2048, 100));
        return generator.GenerateKeyPair();
    }

    public byte[] Sha256(byte[] message)
    {
        var sha = new Sha256Digest();
        sha.BlockUpdate(message, 0, message.Length);
        var output = new byte[32];
        sha.DoFinal(output, 0);
        return output;
    }

    private static byte[] SignEcdsa(ECPrivateKeyParameters key, Org.BouncyCastle.Crypto.IDigest digest, byte[] hash)
    {
        var signer = new ECDsaSigner(new HMacDsaKCalculator(digest));
        signer.Init(true, key);
        var rs = signer.GenerateSignature(hash);
        return [.. rs[0].ToByteArrayUnsigned(), .. rs[1].ToByteArrayUnsigned()];
    }

    private static ECPrivateKeyParameters PrivateKey(string curve, byte[] d)
    {
        var x9 = NistNamedCurves.GetByName(curve);
        return new ECPrivateKeyParameters(Positive(d), new ECDomainParameters(x9));
    }

    private static BigInteger Positive(byte[] bigEndian) => new(1, bigEndian);
}
