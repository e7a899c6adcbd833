using System.Text;
using NanoCard.Hal.Crypto;
using NanoCard.Hal.Crypto.Managed;
using NanoCard.Hal.Host.Crypto;

namespace NanoCard.Hal.Tests;

/// <summary>
/// The known-answer vectors of tests/vectors, run through <see cref="ICrypto"/> itself, once per
/// implementation: ManagedCrypto (the device path) and HostCrypto (the simulator's default). The
/// native core's CTest reads the same files.
/// </summary>
public abstract class CryptoConformanceTests
{
    protected abstract ICrypto Crypto { get; }

    [Theory]
    [InlineData("sha256.rsp", HashAlgorithm.Sha256)]
    [InlineData("sha384.rsp", HashAlgorithm.Sha384)]
    public void Sha_vectors_one_shot_and_streaming(string file, byte algorithm)
    {
        var records = RspFile.Load(file);
        Assert.NotEmpty(records);
        var streaming = Crypto.CreateDigest(algorithm);
        foreach (var r in records)
        {
            byte[] message = r.Hex("Msg")[..(int.Parse(r.Text("Len")) / 8)];
            byte[] expected = r.Hex("MD");
            if (message.Length > short.MaxValue)
            {
                continue;
            }
            var output = new byte[expected.Length];
            Assert.Equal(expected.Length, Crypto.Digest(algorithm, message, 0, (short)message.Length, output, 0));
            Assert.True(expected.SequenceEqual(output), r.ToString());

            int half = message.Length / 2;
            streaming.Update(message, 0, (short)half);
            streaming.DoFinal(message, (short)half, (short)(message.Length - half), output, 0);
            Assert.True(expected.SequenceEqual(output), r + " (streaming)");
        }
    }

    [Fact]
    public void Aes_vectors_both_ways()
    {
        var records = RspFile.Load("aes128.rsp");
        Assert.NotEmpty(records);
        foreach (var r in records)
        {
            byte[] key = r.Hex("Key");
            byte[] plain = r.Hex("Plaintext");
            byte[] cipher = r.Hex("Ciphertext");
            var output = new byte[plain.Length];
            short length = (short)plain.Length;
            if (r.Text("Mode") == "CBC")
            {
                byte[] iv = r.Hex("IV");
                Crypto.AesCbc(true, key, 0, iv, 0, plain, 0, length, output, 0);
                Assert.True(cipher.SequenceEqual(output), r.ToString());
                Crypto.AesCbc(false, key, 0, iv, 0, cipher, 0, length, output, 0);
            }
            else
            {
                Crypto.AesEcb(true, key, 0, plain, 0, length, output, 0);
                Assert.True(cipher.SequenceEqual(output), r.ToString());
                Crypto.AesEcb(false, key, 0, cipher, 0, length, output, 0);
            }
            Assert.True(plain.SequenceEqual(output), r + " (decrypt)");
        }
    }

    [Fact]
    public void Cmac_vectors()
    {
        var records = RspFile.Load("cmac.rsp");
        Assert.NotEmpty(records);
        foreach (var r in records)
        {
            byte[] message = r.Hex("Msg");
            var mac = new byte[16];
            Crypto.AesCmac(r.Hex("Key"), 0, message, 0, (short)message.Length, mac, 0);
            Assert.True(r.Hex("Mac").SequenceEqual(mac), r.ToString());
        }
    }

    [Fact]
    public void Ecdsa_rfc6979_vectors_byte_for_byte()
    {
        var records = RspFile.Load("ecdsa-rfc6979.rsp");
        Assert.NotEmpty(records);
        foreach (var r in records)
        {
            byte curve = r.Text("Curve") == "P-384" ? EcCurve.P384 : EcCurve.P256;
            var key = Crypto.CreateEcKey(curve);
            r.Hex("D").CopyTo(key.PrivateScalar, 0);
            key.PublicPoint[0] = 0x04;
            r.Hex("Qx").CopyTo(key.PublicPoint, 1);
            r.Hex("Qy").CopyTo(key.PublicPoint, 1 + key.FieldLength);
            key.IsInitialized = true;
            byte[] message = Encoding.ASCII.GetBytes(r.Text("Message"));
            byte[] hash = curve == EcCurve.P384 ? System.Security.Cryptography.SHA384.HashData(message) : System.Security.Cryptography.SHA256.HashData(message);

            var signature = new byte[2 * key.FieldLength];
            Assert.Equal(signature.Length, Crypto.SignEcdsa(key, hash, 0, (short)hash.Length, signature, 0));
            Assert.True(r.Hex("R").Concat(r.Hex("S")).SequenceEqual(signature), r.ToString());

            var point = new byte[key.PublicPointLength];
            key.GetPublicPoint(point, 0);
            Assert.True(Crypto.VerifyEcdsa(curve, point, 0, (short)point.Length, hash, 0, (short)hash.Length, signature, 0, (short)signature.Length), r.ToString());
            signature[^1] ^= 1;
            Assert.False(Crypto.VerifyEcdsa(curve, point, 0, (short)point.Length, hash, 0, (short)hash.Length, signature, 0, (short)signature.Length), r + " (altered)");
        }
    }

    [Fact]
    public void Rsa_pkcs1_v15_vectors_byte_for_byte()
    {
        var records = RspFile.Load("rsa-pkcs1v15.rsp");
        Assert.NotEmpty(records);
        foreach (var r in records)
        {
            var key = Crypto.CreateRsaKey();
            int e = Convert.ToInt32(r.Text("E"), 16);
            Crypto.ImportRsaKey(key, r.Hex("P"), 0, r.Hex("Q"), 0, e);
            var modulus = new byte[RsaKey.ModulusLength];
            key.GetModulus(modulus, 0);
            Assert.True(r.Hex("N").SequenceEqual(modulus), r + " (modulus)");

            byte[] block = r.Hex("Block");
            var signature = new byte[RsaKey.ModulusLength];
            Assert.Equal(RsaKey.ModulusLength, Crypto.SignRsaPkcs1(key, block, 0, (short)block.Length, signature, 0));
            Assert.True(r.Hex("S").SequenceEqual(signature), r.ToString());
            Assert.True(Crypto.VerifyRsaPkcs1(modulus, 0, e, block, 0, (short)block.Length, signature, 0, (short)signature.Length), r.ToString());
            signature[100] ^= 0x40;
            Assert.False(Crypto.VerifyRsaPkcs1(modulus, 0, e, block, 0, (short)block.Length, signature, 0, (short)signature.Length), r + " (altered)");
        }
    }
}

public sealed class ManagedCryptoConformanceTests : CryptoConformanceTests
{
    protected override ICrypto Crypto { get; } = new ManagedCrypto(new SystemRandom());
}

public sealed class HostCryptoConformanceTests : CryptoConformanceTests
{
    protected override ICrypto Crypto { get; } = new HostCrypto();
}

/// <summary>Each implementation accepts the other's signatures, for fresh keys and random hashes.</summary>
public class CrossImplementationTests
{
    private readonly ICrypto managed = new ManagedCrypto(new SystemRandom());
    private readonly ICrypto host = new HostCrypto();

    [Theory]
    [InlineData(EcCurve.P256, true)]
    [InlineData(EcCurve.P256, false)]
    [InlineData(EcCurve.P384, true)]
    [InlineData(EcCurve.P384, false)]
    public void Ecdsa_signatures_cross_verify(byte curve, bool managedSigns)
    {
        var (signer, verifier) = managedSigns ? (managed, host) : (host, managed);
        var random = new Random(curve * 2 + (managedSigns ? 1 : 0));
        for (int i = 0; i < 10; i++)
        {
            var key = signer.CreateEcKey(curve);
            signer.GenerateEcKey(key);
            var hash = new byte[EcCurve.FieldLengthOf(curve)];
            random.NextBytes(hash);
            var signature = new byte[2 * key.FieldLength];
            signer.SignEcdsa(key, hash, 0, (short)hash.Length, signature, 0);
            var point = new byte[key.PublicPointLength];
            key.GetPublicPoint(point, 0);
            Assert.True(verifier.VerifyEcdsa(curve, point, 0, (short)point.Length, hash, 0, (short)hash.Length, signature, 0, (short)signature.Length));
            // RFC 6979 makes the signature a function of key and hash: both sign alike.
            var other = new byte[signature.Length];
            var copy = verifier.CreateEcKey(curve);
            key.PrivateScalar.CopyTo(copy.PrivateScalar, 0);
            key.PublicPoint.CopyTo(copy.PublicPoint, 0);
            copy.IsInitialized = true;
            verifier.SignEcdsa(copy, hash, 0, (short)hash.Length, other, 0);
            Assert.Equal(signature, other);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rsa_keys_and_signatures_cross(bool managedGenerates)
    {
        var (generator, other) = managedGenerates ? (managed, host) : (host, managed);
        var key = generator.CreateRsaKey();
        generator.GenerateRsaKey(key);
        var imported = other.CreateRsaKey();
        other.ImportRsaKey(imported, key.P, 0, key.Q, 0, key.PublicExponent);
        Assert.Equal(key.Modulus, imported.Modulus);
        Assert.Equal(key.DP, imported.DP);
        Assert.Equal(key.DQ, imported.DQ);
        Assert.Equal(key.QInv, imported.QInv);

        var block = Convert.FromHexString("3031300d060960864801650304020105000420" + new string('5', 64));
        var s1 = new byte[256];
        var s2 = new byte[256];
        generator.SignRsaPkcs1(key, block, 0, (short)block.Length, s1, 0);
        other.SignRsaPkcs1(imported, block, 0, (short)block.Length, s2, 0);
        Assert.Equal(s1, s2);
        Assert.True(other.VerifyRsaPkcs1(key.Modulus, 0, key.PublicExponent, block, 0, (short)block.Length, s1, 0, 256));
    }
}
