using System.Numerics;
using System.Security.Cryptography;
using CsCheck;
using NanoCard.Hal.Crypto;
using NanoCard.Hal.Host.Crypto;

namespace NanoCard.Hal.Tests;

/// <summary>One generated key for the whole class: RSA-2048 generation takes a while.</summary>
public sealed class HostCryptoRsaFixture
{
    public HostCryptoRsaFixture()
    {
        Crypto = new HostCrypto();
        Key = Crypto.CreateRsaKey();
        Crypto.GenerateRsaKey(Key);
    }

    public HostCrypto Crypto { get; }

    public RsaKey Key { get; }
}

public class HostCryptoRsaTests : IClassFixture<HostCryptoRsaFixture>
{
    // RFC 8017 §9.2 Notes 1: the DER DigestInfo prefixes for SHA-256 and SHA-384.
    private static readonly byte[] Sha256Prefix = Convert.FromHexString("3031300d060960864801650304020105000420");
    private static readonly byte[] Sha384Prefix = Convert.FromHexString("3041300d060960864801650304020205000430");

    private readonly HostCrypto crypto;
    private readonly RsaKey key;

    public HostCryptoRsaTests(HostCryptoRsaFixture fixture)
    {
        crypto = fixture.Crypto;
        this.key = fixture.Key;
    }

    private static BigInteger Int(ReadOnlySpan<byte> bytes) => new(bytes, true, true);

    private static byte[] Bytes(BigInteger value, int length)
    {
        byte[] result = new byte[length];
        int count = value.GetByteCount(true);
        value.TryWriteBytes(result.AsSpan(length - count), out _, true, true);
        return result;
    }

    /// <summary>.NET's view of a key slot, with d = e⁻¹ mod φ(n) computed here.</summary>
    private static RSA DotNetPrivate(RsaKey key)
    {
        BigInteger p = Int(key.P), q = Int(key.Q), e = key.PublicExponent;
        BigInteger phi = (p - 1) * (q - 1);
        BigInteger d = Inverse(e, phi);
        RSA rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters
        {
            Modulus = key.Modulus.ToArray(),
            Exponent = Bytes(e, 3),
            D = Bytes(d, RsaKey.ModulusLength),
            P = key.P.ToArray(),
            Q = key.Q.ToArray(),
            DP = key.DP.ToArray(),
            DQ = key.DQ.ToArray(),
            InverseQ = key.QInv.ToArray(),
        });
        return rsa;
    }

    private static BigInteger Inverse(BigInteger a, BigInteger m)
    {
        // Extended Euclid, written again here so the test does not lean on the code under test.
        BigInteger oldR = a, r = m, oldS = 1, s = 0;
        while (!r.IsZero)
        {
            BigInteger quotient = oldR / r;
            (oldR, r) = (r, oldR - quotient * r);
            (oldS, s) = (s, oldS - quotient * s);
        }
        Assert.True(oldR.IsOne);
        return ((oldS % m) + m) % m;
    }

    private byte[] Sign(RsaKey key, byte[] block)
    {
        byte[] signature = new byte[RsaKey.ModulusLength];
        Assert.Equal(RsaKey.ModulusLength, crypto.SignRsaPkcs1(key, block, 0, (short)block.Length, signature, 0));
        return signature;
    }

    private bool Verify(byte[] modulus, int e, byte[] block, byte[] signature) =>
        crypto.VerifyRsaPkcs1(modulus, 0, e, block, 0, (short)block.Length, signature, 0, (short)signature.Length);

    [Fact]
    public void GeneratedKey_Shape()
    {
        Assert.True(this.key.IsInitialized);
        Assert.Equal(65537, this.key.PublicExponent);
        BigInteger p = Int(this.key.P), q = Int(this.key.Q), n = Int(this.key.Modulus);
        Assert.True(p > q);
        Assert.Equal(n, p * q);
        Assert.Equal(2048, n.GetBitLength());
        Assert.Equal(Int(this.key.DP), Inverse(65537, p - 1));
        Assert.Equal(Int(this.key.DQ), Inverse(65537, q - 1));
        Assert.Equal(BigInteger.One, Int(this.key.QInv) * q % p);
        byte[] modulus = new byte[RsaKey.ModulusLength + 2];
        Assert.Equal(modulus.Length, this.key.GetModulus(modulus, 2));
        Assert.Equal(this.key.Modulus, modulus.AsSpan(2).ToArray());
    }

    [Fact]
    public void Sha256DigestInfo_SignsLikeDotNet_AndDotNetVerifies()
    {
        using RSA dotnet = DotNetPrivate(this.key);
        Gen.Byte.Array[0, 200].Sample(message =>
        {
            byte[] hash = SHA256.HashData(message);
            byte[] ours = Sign(this.key, [.. Sha256Prefix, .. hash]);
            Assert.Equal(dotnet.SignHash(hash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), ours);
            Assert.True(dotnet.VerifyHash(hash, ours, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            Assert.True(Verify(this.key.Modulus, this.key.PublicExponent, [.. Sha256Prefix, .. hash], ours));
        }, iter: 20);
    }

    [Fact]
    public void Sha384DigestInfo_SignsLikeDotNet()
    {
        using RSA dotnet = DotNetPrivate(this.key);
        byte[] hash = SHA384.HashData("sha-384"u8);
        byte[] ours = Sign(this.key, [.. Sha384Prefix, .. hash]);
        Assert.Equal(dotnet.SignHash(hash, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1), ours);
    }

    [Fact]
    public void DotNetSignature_VerifiedByOurs()
    {
        using RSA dotnet = RSA.Create(2048);
        RSAParameters parameters = dotnet.ExportParameters(false);
        byte[] hash = SHA256.HashData("verify"u8);
        byte[] signature = dotnet.SignHash(hash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        int e = (int)Int(parameters.Exponent);
        Assert.True(Verify(parameters.Modulus!, e, [.. Sha256Prefix, .. hash], signature));
        hash[0] ^= 1;
        Assert.False(Verify(parameters.Modulus!, e, [.. Sha256Prefix, .. hash], signature));
    }

    [Fact]
    public void ImportFromDotNetPrimes_ReproducesModulusAndSignatures()
    {
        using RSA dotnet = RSA.Create(2048);
        RSAParameters parameters = dotnet.ExportParameters(true);
        int e = (int)Int(parameters.Exponent);
        byte[] hash = SHA256.HashData("import"u8);
        byte[] expected = dotnet.SignHash(hash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        // In both orders: the slot always ends with p > q.
        foreach (bool swap in new[] { false, true })
        {
            byte[] first = swap ? parameters.Q! : parameters.P!;
            byte[] second = swap ? parameters.P! : parameters.Q!;
            byte[] buffer = [0x55, .. first, .. second];
            RsaKey key = crypto.CreateRsaKey();
            crypto.ImportRsaKey(key, buffer, 1, buffer, (short)(1 + RsaKey.PrimeLength), e);
            Assert.True(key.IsInitialized);
            Assert.Equal(e, key.PublicExponent);
            Assert.Equal(parameters.Modulus, key.Modulus);
            Assert.True(Int(key.P) > Int(key.Q));
            bool dotnetOrder = Int(parameters.P) > Int(parameters.Q);
            Assert.Equal(dotnetOrder ? parameters.DP : parameters.DQ, key.DP);
            Assert.Equal(dotnetOrder ? parameters.DQ : parameters.DP, key.DQ);
            if (dotnetOrder)
            {
                Assert.Equal(parameters.InverseQ, key.QInv);
            }
            Assert.Equal(expected, Sign(key, [.. Sha256Prefix, .. hash]));
        }
    }

    [Fact]
    public void BlockLengths_UpTo245()
    {
        foreach (int length in new[] { 0, 1, 100, 245 })
        {
            byte[] block = RandomNumberGenerator.GetBytes(length);
            byte[] signature = Sign(this.key, block);
            Assert.True(Verify(this.key.Modulus, this.key.PublicExponent, block, signature));
            // s^e mod n is exactly 00 01 FF…FF 00 ‖ block (RFC 8017 §9.2 step 5), at least 8 bytes of FF.
            byte[] em = Bytes(BigInteger.ModPow(Int(signature), this.key.PublicExponent, Int(this.key.Modulus)), 256);
            Assert.Equal(0x00, em[0]);
            Assert.Equal(0x01, em[1]);
            int psLength = 256 - 3 - length;
            Assert.True(psLength >= 8);
            Assert.All(em.AsSpan(2, psLength).ToArray(), b => Assert.Equal(0xFF, b));
            Assert.Equal(0x00, em[2 + psLength]);
            Assert.Equal(block, em.AsSpan(3 + psLength).ToArray());
        }
        byte[] tooLong = new byte[246];
        Assert.Throws<ArgumentException>(() => crypto.SignRsaPkcs1(this.key, tooLong, 0, 246, new byte[256], 0));
        Assert.Throws<ArgumentException>(() => crypto.SignRsaPkcs1(this.key, tooLong, 0, -1, new byte[256], 0));
        Assert.False(crypto.VerifyRsaPkcs1(this.key.Modulus, 0, 65537, tooLong, 0, 246, new byte[256], 0, 256));
    }

    [Fact]
    public void ModifiedOrInvalid_ReturnsFalse()
    {
        byte[] block = [.. Sha256Prefix, .. SHA256.HashData("tamper"u8)];
        byte[] signature = Sign(this.key, block);
        byte[] modulus = this.key.Modulus.ToArray();
        Assert.True(Verify(modulus, 65537, block, signature));

        Gen.Int[0, 2047].Sample(bit =>
        {
            byte[] flipped = signature.ToArray();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(Verify(modulus, 65537, block, flipped));
        }, iter: 30);
        byte[] otherBlock = block.ToArray();
        otherBlock[^1] ^= 1;
        Assert.False(Verify(modulus, 65537, otherBlock, signature));
        Assert.False(Verify(modulus, 65537, block.AsSpan(1).ToArray(), signature)); // shorter block
        Assert.False(Verify(modulus, 3, block, signature));
        Assert.False(Verify(modulus, 65536, block, signature));
        Assert.False(Verify(modulus, 0, block, signature));
        Assert.False(Verify(modulus, 65537, block, signature.AsSpan(0, 255).ToArray()));
        Assert.False(crypto.VerifyRsaPkcs1(modulus, 0, 65537, block, 0, (short)block.Length, [.. signature, 0], 0, 257));
        Assert.False(Verify(modulus, 65537, block, modulus)); // s = n is out of range
        Assert.False(Verify(modulus, 65537, block, new byte[256])); // s = 0
        Assert.False(Verify(new byte[256], 65537, block, signature)); // zero modulus
        byte[] otherModulus = modulus.ToArray();
        otherModulus[100] ^= 1;
        Assert.False(Verify(otherModulus, 65537, block, signature));
    }

    [Fact]
    public void CallerBugs_Throw()
    {
        RsaKey empty = crypto.CreateRsaKey();
        Assert.Throws<ArgumentException>(() => crypto.SignRsaPkcs1(empty, new byte[10], 0, 10, new byte[256], 0));
        Assert.ThrowsAny<ArgumentException>(() => crypto.SignRsaPkcs1(this.key, new byte[10], 0, 10, new byte[255], 0));
        byte[] p = this.key.P.ToArray();
        // p = q, even exponent, a product that is not 2048 bits.
        Assert.Throws<ArgumentException>(() => crypto.ImportRsaKey(empty, p, 0, p, 0, 65537));
        Assert.Throws<ArgumentException>(() => crypto.ImportRsaKey(empty, p, 0, this.key.Q.ToArray(), 0, 65536));
        byte[] small = new byte[128];
        small[127] = 7;
        Assert.Throws<ArgumentException>(() => crypto.ImportRsaKey(empty, p, 0, small, 0, 65537));
        Assert.False(empty.IsInitialized);
    }
}
