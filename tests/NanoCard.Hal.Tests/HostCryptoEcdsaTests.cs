using System.Numerics;
using System.Security.Cryptography;
using CsCheck;
using NanoCard.Hal.Crypto;
using NanoCard.Hal.Host.Crypto;

namespace NanoCard.Hal.Tests;

public class HostCryptoEcdsaTests
{
    private readonly HostCrypto crypto = new();

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);

    private static ECCurve DotNetCurve(byte curve) =>
        curve == EcCurve.P256 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384;

    /// <summary>A key slot loaded with a given private key, its public point derived by .NET.</summary>
    private static EcKey KeyFrom(byte curve, byte[] d)
    {
        using ECDsa ecdsa = ECDsa.Create();
        ecdsa.ImportParameters(new ECParameters { Curve = DotNetCurve(curve), D = d });
        ECParameters parameters = ecdsa.ExportParameters(false);
        var key = new EcKey(curve);
        d.CopyTo(key.PrivateScalar, 0);
        key.PublicPoint[0] = 0x04;
        parameters.Q.X!.CopyTo(key.PublicPoint, 1);
        parameters.Q.Y!.CopyTo(key.PublicPoint, 1 + key.FieldLength);
        key.IsInitialized = true;
        return key;
    }

    private static ECDsa DotNetPublic(EcKey key)
    {
        int length = key.FieldLength;
        return ECDsa.Create(new ECParameters
        {
            Curve = DotNetCurve(key.Curve),
            Q = new ECPoint
            {
                X = key.PublicPoint.AsSpan(1, length).ToArray(),
                Y = key.PublicPoint.AsSpan(1 + length, length).ToArray(),
            },
        });
    }

    private byte[] Sign(EcKey key, byte[] hash)
    {
        byte[] signature = new byte[2 * key.FieldLength];
        Assert.Equal(signature.Length, crypto.SignEcdsa(key, hash, 0, (short)hash.Length, signature, 0));
        return signature;
    }

    private bool Verify(EcKey key, byte[] hash, byte[] signature) =>
        crypto.VerifyEcdsa(key.Curve, key.PublicPoint, 0, key.PublicPointLength,
            hash, 0, (short)hash.Length, signature, 0, (short)signature.Length);

    // RFC 6979 Appendix A.2.5 (P-256) and A.2.6 (P-384): private key x, public key U = xG, and
    // for each message the nonce k and the signature (r, s).
    public static TheoryData<byte, string, string, string, string, string, string, string, string> Rfc6979Vectors => new()
    {
        {
            EcCurve.P256, "sample", "SHA-256",
            "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721",
            "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6",
            "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299",
            "A6E3C57DD01ABE90086538398355DD4C3B17AA873382B0F24D6129493D8AAD60",
            "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
            "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"
        },
        {
            EcCurve.P256, "test", "SHA-256",
            "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721",
            "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6",
            "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299",
            "D16B6AE827F17175E040871A1C7EC3500192C4C92677336EC2537ACAEE0008E0",
            "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367",
            "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083"
        },
        {
            EcCurve.P384, "sample", "SHA-384",
            "6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D896D5724E4C70A825F872C9EA60D2EDF5",
            "EC3A4E415B4E19A4568618029F427FA5DA9A8BC4AE92E02E06AAE5286B300C64DEF8F0EA9055866064A254515480BC13",
            "8015D9B72D7D57244EA8EF9AC0C621896708A59367F9DFB9F54CA84B3F1C9DB1288B231C3AE0D4FE7344FD2533264720",
            "94ED910D1A099DAD3254E9242AE85ABDE4BA15168EAF0CA87A555FD56D10FBCA2907E3E83BA95368623B8C4686915CF9",
            "94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C81A648152E44ACF96E36DD1E80FABE46",
            "99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94FA329C145786E679E7B82C71A38628AC8"
        },
        {
            EcCurve.P384, "test", "SHA-384",
            "6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D896D5724E4C70A825F872C9EA60D2EDF5",
            "EC3A4E415B4E19A4568618029F427FA5DA9A8BC4AE92E02E06AAE5286B300C64DEF8F0EA9055866064A254515480BC13",
            "8015D9B72D7D57244EA8EF9AC0C621896708A59367F9DFB9F54CA84B3F1C9DB1288B231C3AE0D4FE7344FD2533264720",
            "015EE46A5BF88773ED9123A5AB0807962D193719503C527B031B4C2D225092ADA71F4A459BC0DA98ADB95837DB8312EA",
            "8203B63D3C853E8D77227FB377BCF7B7B772E97892A80F36AB775D509D7A5FEB0542A7F0812998DA8F1DD3CA3CF023DB",
            "DDD0760448D42D8A43AF45AF836FCE4DE8BE06B485E9B61B827C2F13173923E06A739F040649A667BF3B828246BAA5A5"
        },
    };

    [Theory]
    [MemberData(nameof(Rfc6979Vectors))]
    public void Rfc6979_AppendixA2(byte curve, string message, string hashName, string x, string ux, string uy,
        string k, string r, string s)
    {
        byte[] hash = hashName == "SHA-256"
            ? SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(message))
            : SHA384.HashData(System.Text.Encoding.ASCII.GetBytes(message));
        EcKey key = KeyFrom(curve, Hex(x));
        Assert.Equal(Hex("04" + ux + uy), key.PublicPoint);

        // The nonce itself (RFC 6979 §3.2).
        using (var nonce = new Rfc6979Nonce(EcDomain.Of(curve), key.PrivateScalar, hash))
        {
            byte[] kBytes = new byte[key.FieldLength];
            BigEndianWrite(nonce.Next(), kBytes);
            Assert.Equal(k, Convert.ToHexString(kBytes));
        }

        byte[] signature = new byte[2 + 2 * key.FieldLength];
        crypto.SignEcdsa(key, hash, 0, (short)hash.Length, signature, 2);
        Assert.Equal(r + s, Convert.ToHexString(signature, 2, 2 * key.FieldLength));
        Assert.True(crypto.VerifyEcdsa(curve, key.PublicPoint, 0, key.PublicPointLength,
            hash, 0, (short)hash.Length, signature, 2, (short)(2 * key.FieldLength)));
        using ECDsa dotnet = DotNetPublic(key);
        Assert.True(dotnet.VerifyHash(hash, signature.AsSpan(2), DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Theory]
    [InlineData(EcCurve.P256)]
    [InlineData(EcCurve.P384)]
    public void CurveConstants_MatchDotNet(byte curve)
    {
        using ECDsa ecdsa = ECDsa.Create(DotNetCurve(curve));
        ECParameters explicitParameters = ecdsa.ExportExplicitParameters(false);
        EcDomain domain = EcDomain.Of(curve);
        Assert.Equal(new BigInteger(explicitParameters.Curve.Order, true, true), domain.Order);
        Assert.Equal(new BigInteger(explicitParameters.Curve.Prime, true, true), domain.Prime);
    }

    [Theory]
    [InlineData(EcCurve.P256)]
    [InlineData(EcCurve.P384)]
    public void GeneratedKey_IsConsistent(byte curve)
    {
        EcKey key = crypto.CreateEcKey(curve);
        Assert.False(key.IsInitialized);
        crypto.GenerateEcKey(key);
        Assert.True(key.IsInitialized);
        Assert.Equal(0x04, key.PublicPoint[0]);
        // The point is d·G: .NET derives it again from d alone.
        Assert.Equal(KeyFrom(curve, key.PrivateScalar.ToArray()).PublicPoint, key.PublicPoint);
        byte[] copy = new byte[key.PublicPointLength + 1];
        Assert.Equal(copy.Length, key.GetPublicPoint(copy, 1));
        Assert.Equal(key.PublicPoint, copy.AsSpan(1).ToArray());
        EcKey other = crypto.CreateEcKey(curve);
        crypto.GenerateEcKey(other);
        Assert.NotEqual(key.PrivateScalar, other.PrivateScalar);
    }

    [Theory]
    [InlineData(EcCurve.P256)]
    [InlineData(EcCurve.P384)]
    public void OurSignature_VerifiedByDotNet_AndDeterministic(byte curve)
    {
        EcKey[] keys = new EcKey[4];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = crypto.CreateEcKey(curve);
            crypto.GenerateEcKey(keys[i]);
        }
        int hashLength = EcCurve.FieldLengthOf(curve);
        Gen.Select(Gen.Int[0, keys.Length - 1], Gen.Byte.Array[hashLength]).Sample((index, hash) =>
        {
            EcKey key = keys[index];
            byte[] signature = Sign(key, hash);
            using ECDsa dotnet = DotNetPublic(key);
            Assert.True(dotnet.VerifyHash(hash, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
            Assert.True(Verify(key, hash, signature));
            Assert.Equal(signature, Sign(key, hash));
            byte[] otherHash = hash.ToArray();
            otherHash[^1] ^= 1;
            Assert.NotEqual(signature, Sign(key, otherHash));
            Assert.False(Verify(key, otherHash, signature));
        }, iter: 40);
    }

    [Theory]
    [InlineData(EcCurve.P256)]
    [InlineData(EcCurve.P384)]
    public void DotNetSignature_VerifiedByOurs(byte curve)
    {
        using ECDsa dotnet = ECDsa.Create(DotNetCurve(curve));
        ECParameters parameters = dotnet.ExportParameters(false);
        byte[] point = [0x04, .. parameters.Q.X!, .. parameters.Q.Y!];
        int hashLength = EcCurve.FieldLengthOf(curve);
        Gen.Byte.Array[hashLength].Sample(hash =>
        {
            byte[] signature = dotnet.SignHash(hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            Assert.True(crypto.VerifyEcdsa(curve, point, 0, (short)point.Length, hash, 0, (short)hash.Length,
                signature, 0, (short)signature.Length));
            signature[3] ^= 0x10;
            Assert.False(crypto.VerifyEcdsa(curve, point, 0, (short)point.Length, hash, 0, (short)hash.Length,
                signature, 0, (short)signature.Length));
        }, iter: 40);
    }

    [Fact]
    public void LongHash_IsTruncated_P256WithSha384()
    {
        // FIPS 186-4 §6.4: a 48-byte hash on P-256 uses its leftmost 256 bits.
        EcKey key = crypto.CreateEcKey(EcCurve.P256);
        crypto.GenerateEcKey(key);
        byte[] hash = SHA384.HashData("truncation"u8);
        byte[] signature = Sign(key, hash);
        using ECDsa dotnet = DotNetPublic(key);
        Assert.True(dotnet.VerifyHash(hash, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.True(Verify(key, hash, signature));
        // The same z as the 32-byte prefix; only the RFC 6979 input h1 differs, so k (and r) differ.
        Assert.True(dotnet.VerifyHash(hash.AsSpan(0, 32), signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        hash[40] ^= 1;
        Assert.True(Verify(key, hash, signature)); // bits past the order length do not count
    }

    [Fact]
    public void ShortHash_P384WithSha256_VerifiedByDotNet()
    {
        EcKey key = crypto.CreateEcKey(EcCurve.P384);
        crypto.GenerateEcKey(key);
        byte[] hash = SHA256.HashData("short"u8);
        byte[] signature = Sign(key, hash);
        using ECDsa dotnet = DotNetPublic(key);
        Assert.True(dotnet.VerifyHash(hash, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.True(Verify(key, hash, signature));
    }

    [Theory]
    [InlineData(EcCurve.P256)]
    [InlineData(EcCurve.P384)]
    public void InvalidInputs_ReturnFalse(byte curve)
    {
        EcKey key = crypto.CreateEcKey(curve);
        crypto.GenerateEcKey(key);
        int length = key.FieldLength;
        byte[] hash = RandomNumberGenerator.GetBytes(length);
        byte[] signature = Sign(key, hash);
        byte[] point = key.PublicPoint.ToArray();
        Assert.True(Verify(key, hash, signature));

        bool Check(byte[] p, int pLength, byte[] h, int hLength, byte[] s, int sLength) =>
            crypto.VerifyEcdsa(curve, p, 0, (short)pLength, h, 0, (short)hLength, s, 0, (short)sLength);

        // Lengths.
        Assert.False(Check(point, point.Length - 1, hash, length, signature, signature.Length));
        Assert.False(Check([.. point, 0], point.Length + 1, hash, length, signature, signature.Length));
        Assert.False(Check(point, point.Length, hash, length, signature, signature.Length - 1));
        Assert.False(Check(point, point.Length, hash, length, [.. signature, 0], signature.Length + 1));
        Assert.False(Check(point, point.Length, hash, 0, signature, signature.Length));
        // Compressed or hybrid encodings are refused.
        foreach (byte prefix in new byte[] { 0x00, 0x02, 0x03, 0x06 })
        {
            byte[] bad = point.ToArray();
            bad[0] = prefix;
            Assert.False(Check(bad, bad.Length, hash, length, signature, signature.Length));
        }
        // Not on the curve.
        byte[] offCurve = point.ToArray();
        offCurve[^1] ^= 1;
        Assert.False(Check(offCurve, offCurve.Length, hash, length, signature, signature.Length));
        byte[] zeroPoint = new byte[point.Length];
        zeroPoint[0] = 0x04;
        Assert.False(Check(zeroPoint, zeroPoint.Length, hash, length, signature, signature.Length));
        // x ≥ p (x + p would still reduce to the right x).
        EcDomain domain = EcDomain.Of(curve);
        BigInteger xPlusP = new BigInteger(point.AsSpan(1, length), true, true) + domain.Prime;
        if (xPlusP.GetByteCount(true) == length)
        {
            byte[] big = point.ToArray();
            BigEndianWrite(xPlusP, big.AsSpan(1, length));
            Assert.False(Check(big, big.Length, hash, length, signature, signature.Length));
        }
        byte[] allOnes = point.ToArray();
        allOnes.AsSpan(1).Fill(0xFF);
        Assert.False(Check(allOnes, allOnes.Length, hash, length, signature, signature.Length));
        // r, s outside [1, n-1].
        byte[] nBytes = new byte[length];
        BigEndianWrite(domain.Order, nBytes);
        byte[] rZero = signature.ToArray();
        rZero.AsSpan(0, length).Clear();
        Assert.False(Check(point, point.Length, hash, length, rZero, rZero.Length));
        byte[] sZero = signature.ToArray();
        sZero.AsSpan(length).Clear();
        Assert.False(Check(point, point.Length, hash, length, sZero, sZero.Length));
        byte[] rN = signature.ToArray();
        nBytes.CopyTo(rN, 0);
        Assert.False(Check(point, point.Length, hash, length, rN, rN.Length));
        byte[] sN = signature.ToArray();
        nBytes.CopyTo(sN, length);
        Assert.False(Check(point, point.Length, hash, length, sN, sN.Length));
        // s replaced by n − s is also a valid signature (ECDSA malleability) — accepted, as .NET does.
        byte[] negated = signature.ToArray();
        BigInteger s = new BigInteger(signature.AsSpan(length), true, true);
        BigEndianWrite(domain.Order - s, negated.AsSpan(length));
        Assert.True(Check(point, point.Length, hash, length, negated, negated.Length));
        // Any flipped bit.
        Gen.Int[0, 16 * length - 1].Sample(bit =>
        {
            byte[] flipped = signature.ToArray();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(Check(point, point.Length, hash, length, flipped, flipped.Length));
        }, iter: 50);
        // The other curve's key.
        byte otherCurve = curve == EcCurve.P256 ? EcCurve.P384 : EcCurve.P256;
        Assert.False(crypto.VerifyEcdsa(otherCurve, point, 0, (short)point.Length, hash, 0, (short)length,
            signature, 0, (short)signature.Length));
    }

    [Fact]
    public void CallerBugs_Throw()
    {
        EcKey empty = crypto.CreateEcKey(EcCurve.P256);
        byte[] hash = new byte[32];
        byte[] signature = new byte[64];
        Assert.Throws<ArgumentException>(() => crypto.SignEcdsa(empty, hash, 0, 32, signature, 0));
        Assert.ThrowsAny<ArgumentException>(() => crypto.CreateEcKey(3));
        Assert.Throws<ArgumentException>(() => crypto.VerifyEcdsa(0, new byte[65], 0, 65, hash, 0, 32, signature, 0, 64));
        EcKey key = crypto.CreateEcKey(EcCurve.P256);
        crypto.GenerateEcKey(key);
        Assert.ThrowsAny<ArgumentException>(() => crypto.SignEcdsa(key, hash, 0, 32, signature, 1)); // output too short
        Assert.Throws<ArgumentException>(() => crypto.SignEcdsa(key, hash, 0, 0, signature, 0));
        key.Clear();
        Assert.Throws<ArgumentException>(() => crypto.SignEcdsa(key, hash, 0, 32, signature, 0));
    }

    private static void BigEndianWrite(BigInteger value, Span<byte> destination)
    {
        destination.Clear();
        int count = value.GetByteCount(true);
        value.TryWriteBytes(destination.Slice(destination.Length - count), out _, true, true);
    }
}
