using System.Security.Cryptography;
using CsCheck;
using NanoCard.Hal.Host.Crypto;

namespace NanoCard.Hal.Tests;

public class HostCryptoAesTests
{
    private readonly HostCrypto crypto = new();

    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    // FIPS 197 Appendix C.1 (AES-128).
    private static readonly byte[] Fips197Key = Hex("000102030405060708090a0b0c0d0e0f");
    private static readonly byte[] Fips197Plain = Hex("00112233445566778899aabbccddeeff");
    private static readonly byte[] Fips197Cipher = Hex("69c4e0d86a7b0430d8cdb78070b4c55a");

    // NIST SP 800-38A §F.2.1 CBC-AES128.Encrypt (and §F.2.2 Decrypt), also the RFC 4493 §4 key and message.
    private static readonly byte[] Sp800Key = Hex("2b7e151628aed2a6abf7158809cf4f3c");
    private static readonly byte[] Sp800Iv = Hex("000102030405060708090a0b0c0d0e0f");
    private static readonly byte[] Sp800Plain = Hex(
        "6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51" +
        "30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710");
    private static readonly byte[] Sp800CbcCipher = Hex(
        "7649abac8119b246cee98e9b12e9197d 5086cb9b507219ee95db113a917678b2" +
        "73bed6b8e3c1743b7116e69e22229516 3ff1caa1681fac09120eca307586e1a7");

    [Fact]
    public void Ecb_Fips197C1()
    {
        byte[] key = [0xEE, .. Fips197Key];
        byte[] output = new byte[20];
        crypto.AesEcb(true, key, 1, Fips197Plain, 0, 16, output, 4);
        Assert.Equal(Fips197Cipher, output.AsSpan(4, 16).ToArray());
        byte[] back = new byte[16];
        crypto.AesEcb(false, key, 1, output, 4, 16, back, 0);
        Assert.Equal(Fips197Plain, back);
    }

    [Fact]
    public void Cbc_Fips197C1_WithZeroIv_AndSp80038a()
    {
        byte[] output = new byte[16];
        crypto.AesCbc(true, Fips197Key, 0, new byte[16], 0, Fips197Plain, 0, 16, output, 0);
        Assert.Equal(Fips197Cipher, output);

        byte[] cipher = new byte[64];
        crypto.AesCbc(true, Sp800Key, 0, Sp800Iv, 0, Sp800Plain, 0, 64, cipher, 0);
        Assert.Equal(Sp800CbcCipher, cipher);
        byte[] plain = new byte[64];
        crypto.AesCbc(false, Sp800Key, 0, Sp800Iv, 0, cipher, 0, 64, plain, 0);
        Assert.Equal(Sp800Plain, plain);
    }

    [Fact]
    public void InPlace_SameBuffer()
    {
        byte[] buffer = Sp800Plain.ToArray();
        crypto.AesCbc(true, Sp800Key, 0, Sp800Iv, 0, buffer, 0, 64, buffer, 0);
        Assert.Equal(Sp800CbcCipher, buffer);
        crypto.AesCbc(false, Sp800Key, 0, Sp800Iv, 0, buffer, 0, 64, buffer, 0);
        Assert.Equal(Sp800Plain, buffer);

        // Partly overlapping: output 16 bytes after the input.
        byte[] shifted = new byte[80];
        Sp800Plain.CopyTo(shifted, 0);
        crypto.AesCbc(true, Sp800Key, 0, Sp800Iv, 0, shifted, 0, 64, shifted, 16);
        Assert.Equal(Sp800CbcCipher, shifted.AsSpan(16).ToArray());
        crypto.AesEcb(false, Fips197Key, 0, Fips197Cipher, 0, 16, shifted, 0);
        Assert.Equal(Fips197Plain, shifted.AsSpan(0, 16).ToArray());
    }

    [Fact]
    public void RoundTrip_RandomKeysAndData()
    {
        Gen.Select(Gen.Byte.Array[16], Gen.Byte.Array[16], Gen.Int[0, 12], Gen.Bool).Sample((key, iv, blocks, cbc) =>
        {
            byte[] data = new byte[16 * blocks];
            RandomNumberGenerator.Fill(data);
            byte[] cipher = new byte[data.Length];
            byte[] back = new byte[data.Length];
            using Aes reference = Aes.Create();
            reference.Key = key;
            if (cbc)
            {
                crypto.AesCbc(true, key, 0, iv, 0, data, 0, (short)data.Length, cipher, 0);
                Assert.Equal(reference.EncryptCbc(data, iv, PaddingMode.None), cipher);
                crypto.AesCbc(false, key, 0, iv, 0, cipher, 0, (short)data.Length, back, 0);
            }
            else
            {
                crypto.AesEcb(true, key, 0, data, 0, (short)data.Length, cipher, 0);
                Assert.Equal(reference.EncryptEcb(data, PaddingMode.None), cipher);
                crypto.AesEcb(false, key, 0, cipher, 0, (short)data.Length, back, 0);
            }
            Assert.Equal(data, back);
        }, iter: 100);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(17)]
    [InlineData(-16)]
    public void PartialBlock_Throws(short length)
    {
        byte[] buffer = new byte[32];
        Assert.ThrowsAny<ArgumentException>(() => crypto.AesEcb(true, Fips197Key, 0, buffer, 0, length, buffer, 0));
        Assert.ThrowsAny<ArgumentException>(() => crypto.AesCbc(true, Fips197Key, 0, new byte[16], 0, buffer, 0, length, buffer, 0));
    }

    [Fact]
    public void ShortKey_Throws()
    {
        byte[] buffer = new byte[16];
        Assert.ThrowsAny<ArgumentException>(() => crypto.AesEcb(true, new byte[16], 1, buffer, 0, 16, buffer, 0));
        Assert.ThrowsAny<ArgumentException>(() => crypto.AesCmac(new byte[15], 0, buffer, 0, 16, buffer, 0));
    }

    [Fact]
    public void CmacSubkeys_Rfc4493Section4()
    {
        // RFC 4493 §4 "Subkey Generation": AES-128(key, 0), K1, K2.
        byte[] l = new byte[16];
        crypto.AesEcb(true, Sp800Key, 0, new byte[16], 0, 16, l, 0);
        Assert.Equal(Hex("7df76b0c1ab899b33e42f047b91b546f"), l);
        byte[] k1 = new byte[16];
        byte[] k2 = new byte[16];
        HostAes.Double(l, k1);
        HostAes.Double(k1, k2);
        Assert.Equal(Hex("fbeed618357133667c85e08f7236a8de"), k1);
        Assert.Equal(Hex("f7ddac306ae266ccf90bc11ee46d513b"), k2);
    }

    [Theory]
    // RFC 4493 §4 Examples 1–4: key 2b7e1516…, M a prefix of the SP 800-38A message.
    [InlineData(0, "bb1d6929e95937287fa37d129b756746")]
    [InlineData(16, "070a16b46b4d4144f79bdd9dd04a287c")]
    [InlineData(40, "dfa66747de9ae63030ca32611497c827")]
    [InlineData(64, "51f0bebf7e3b9d92fc49741779363cfe")]
    public void Cmac_Rfc4493Examples(short length, string expectedHex)
    {
        byte[] input = [0xAA, 0xBB, .. Sp800Plain];
        byte[] mac = new byte[20];
        crypto.AesCmac(Sp800Key, 0, input, 2, length, mac, 3);
        Assert.Equal(expectedHex, Convert.ToHexStringLower(mac, 3, 16));
    }

    [Fact]
    public void Cmac_MatchesCbcMacDefinition_RandomMessages()
    {
        // An independent statement of SP 800-38B §6.2 with .NET's CBC: T is the last block of
        // CBC(K, IV = 0) over M_1 … M_{n-1} ‖ M_last, with subkeys doubled here with UInt128.
        Gen.Select(Gen.Byte.Array[16], Gen.Byte.Array[0, 100]).Sample((key, message) =>
        {
            using Aes aes = Aes.Create();
            aes.Key = key;
            UInt128 l = ToUInt128(aes.EncryptEcb(new byte[16], PaddingMode.None));
            UInt128 k1 = Dbl(l);
            UInt128 k2 = Dbl(k1);
            int blocks = Math.Max(1, (message.Length + 15) / 16);
            bool complete = message.Length > 0 && message.Length % 16 == 0;
            byte[] padded = new byte[16 * blocks];
            message.CopyTo(padded, 0);
            if (!complete)
            {
                padded[message.Length] = 0x80;
            }
            UInt128 last = ToUInt128(padded.AsSpan(padded.Length - 16)) ^ (complete ? k1 : k2);
            FromUInt128(last, padded.AsSpan(padded.Length - 16));
            byte[] cbc = aes.EncryptCbc(padded, new byte[16], PaddingMode.None);

            byte[] mac = new byte[16];
            crypto.AesCmac(key, 0, message, 0, (short)message.Length, mac, 0);
            Assert.Equal(cbc.AsSpan(cbc.Length - 16).ToArray(), mac);
        }, iter: 200);
    }

    private static UInt128 Dbl(UInt128 value) => (value << 1) ^ ((value >> 127) == 1 ? (UInt128)0x87 : 0);

    private static UInt128 ToUInt128(ReadOnlySpan<byte> bytes) =>
        new(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes.Slice(8)));

    private static void FromUInt128(UInt128 value, Span<byte> bytes)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)(value >> 64));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes.Slice(8), (ulong)value);
    }
}
