using System.Security.Cryptography;
using CsCheck;
using NanoCard.Hal.Crypto.Managed;

namespace NanoCard.Hal.Tests;

public class AesTests
{
    [Fact]
    public void KnownAnswers()
    {
        var records = RspFile.Load("aes128.rsp");
        Assert.True(records.Count >= 3);
        var aes = new Aes128();
        foreach (RspRecord r in records)
        {
            aes.SetKey(r.Hex("Key"), 0);
            byte[] pt = r.Hex("Plaintext");
            byte[] ct = r.Hex("Ciphertext");
            var got = new byte[pt.Length];
            var back = new byte[pt.Length];
            short n = (short)pt.Length;
            switch (r.Text("Mode"))
            {
                case "ECB":
                    aes.EncryptEcb(pt, 0, n, got, 0);
                    aes.DecryptEcb(ct, 0, n, back, 0);
                    break;
                case "CBC":
                    byte[] iv = r.Hex("IV");
                    aes.EncryptCbc(iv, 0, pt, 0, n, got, 0);
                    aes.DecryptCbc(iv, 0, ct, 0, n, back, 0);
                    Assert.Equal(r.Hex("IV"), iv);
                    break;
                default:
                    Assert.Fail($"{r}: mode {r.Text("Mode")}");
                    break;
            }
            Assert.True(ct.AsSpan().SequenceEqual(got), $"{r} encrypt: {Convert.ToHexString(got)}");
            Assert.True(pt.AsSpan().SequenceEqual(back), $"{r} decrypt: {Convert.ToHexString(back)}");
            if (r.Text("Mode") == "ECB")
            {
                // Single-block API on the first block.
                var one = new byte[16];
                aes.EncryptBlock(pt, 0, one, 0);
                Assert.Equal(ct[..16], one);
                aes.DecryptBlock(one, 0, one, 0);
                Assert.Equal(pt[..16], one);
            }
        }
    }

    private static byte GfMul(byte a, byte b)
    {
        int r = 0, x = a;
        for (int i = 0; i < 8; i++)
        {
            if (((b >> i) & 1) != 0) r ^= x;
            x = (x << 1) ^ ((x & 0x80) != 0 ? 0x11B : 0);
        }
        return (byte)r;
    }

    /// <summary>The S-box from its definition (FIPS 197 §5.1.1), by brute-force inverse.</summary>
    private static byte ReferenceSBox(int x)
    {
        int inv = 0;
        for (int y = 1; y < 256 && x != 0; y++)
        {
            if (GfMul((byte)x, (byte)y) == 1) { inv = y; break; }
        }
        int b = inv, s = 0x63;
        for (int i = 0; i < 8; i++)
        {
            int bit = ((b >> i) ^ (b >> ((i + 4) & 7)) ^ (b >> ((i + 5) & 7)) ^ (b >> ((i + 6) & 7)) ^ (b >> ((i + 7) & 7))) & 1;
            s ^= bit << i;
        }
        return (byte)s;
    }

    [Fact]
    public void BitslicedSBox_MatchesDefinition_AllBytes()
    {
        var sbox = new byte[256];
        for (int x = 0; x < 256; x++) sbox[x] = ReferenceSBox(x);
        Assert.Equal(0x63, sbox[0x00]);
        Assert.Equal(0xED, sbox[0x53]); // FIPS 197 §5.1.1 example
        var planes = new uint[8];
        for (int start = 0; start < 256; start += 16)
        {
            Load(planes, start);
            Aes128.SubBytes(planes);
            for (int lane = 0; lane < 16; lane++)
                Assert.Equal(sbox[start + lane], Lane(planes, lane));
            // InvSubBytes undoes it.
            Load(planes, start);
            Aes128.SubBytes(planes);
            Aes128.InvSubBytes(planes);
            for (int lane = 0; lane < 16; lane++)
                Assert.Equal(start + lane, Lane(planes, lane));
        }

        static void Load(uint[] planes, int start)
        {
            Array.Clear(planes);
            for (int lane = 0; lane < 16; lane++)
                for (int bit = 0; bit < 8; bit++)
                    planes[bit] |= (uint)(((start + lane) >> bit) & 1) << lane;
        }

        static int Lane(uint[] planes, int lane)
        {
            int v = 0;
            for (int bit = 0; bit < 8; bit++) v |= (int)((planes[bit] >> lane) & 1) << bit;
            return v;
        }
    }

    private static System.Security.Cryptography.Aes DotNet(byte[] key)
    {
        var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = key;
        return aes;
    }

    [Fact]
    public void RandomEcb_MatchesDotNet()
    {
        Gen.Select(Gen.Byte.Array[16], Gen.Int[0, 20], Gen.Int[0, 7], Gen.Bool)
            .Sample((key, blocks, offset, inPlace) =>
            {
                byte[] data = new byte[blocks * 16];
                Random.Shared.NextBytes(data);
                using var reference = DotNet(key);
                byte[] expected = reference.EncryptEcb(data, PaddingMode.None);

                var aes = new Aes128(); // CsCheck samples on several threads: one instance per sample
                aes.SetKey(key, 0);
                var buffer = new byte[offset + data.Length + 3];
                data.CopyTo(buffer, offset);
                var output = inPlace ? buffer : new byte[buffer.Length];
                aes.EncryptEcb(buffer, (short)offset, (short)data.Length, output, (short)offset);
                bool ok = expected.AsSpan().SequenceEqual(output.AsSpan(offset, data.Length));
                aes.DecryptEcb(output, (short)offset, (short)data.Length, output, (short)offset);
                return ok && data.AsSpan().SequenceEqual(output.AsSpan(offset, data.Length));
            }, iter: 300);
    }

    [Fact]
    public void RandomCbc_MatchesDotNet()
    {
        Gen.Select(Gen.Byte.Array[16], Gen.Byte.Array[16], Gen.Int[0, 20], Gen.Bool)
            .Sample((key, iv, blocks, inPlace) =>
            {
                byte[] data = new byte[blocks * 16];
                Random.Shared.NextBytes(data);
                using var reference = DotNet(key);
                byte[] expected = reference.EncryptCbc(data, iv, PaddingMode.None);

                var aes = new Aes128();
                aes.SetKey(key, 0);
                byte[] ivCopy = (byte[])iv.Clone();
                var buffer = (byte[])data.Clone();
                var output = inPlace ? buffer : new byte[buffer.Length];
                aes.EncryptCbc(ivCopy, 0, buffer, 0, (short)data.Length, output, 0);
                bool ok = expected.AsSpan().SequenceEqual(output);
                var plain = inPlace ? output : new byte[output.Length];
                aes.DecryptCbc(ivCopy, 0, output, 0, (short)data.Length, plain, 0);
                return ok && data.AsSpan().SequenceEqual(plain) && iv.AsSpan().SequenceEqual(ivCopy);
            }, iter: 300);
    }

    [Fact]
    public void BadArguments_Throw()
    {
        var aes = new Aes128();
        var b = new byte[32];
        Assert.False(aes.HasKey);
        Assert.Throws<ArgumentException>(() => aes.EncryptBlock(b, 0, b, 0)); // no key
        Assert.Throws<ArgumentException>(() => aes.SetKey(b, 17));
        aes.SetKey(b, 0);
        Assert.True(aes.HasKey);
        Assert.Throws<ArgumentException>(() => aes.EncryptEcb(b, 0, 15, b, 0));
        Assert.Throws<ArgumentException>(() => aes.EncryptEcb(b, 1, 32, b, 0));
        Assert.Throws<ArgumentException>(() => aes.DecryptCbc(b, 20, b, 0, 16, b, 0));
        aes.ClearKey();
        Assert.False(aes.HasKey);
        Assert.Throws<ArgumentException>(() => aes.DecryptBlock(b, 0, b, 0));
    }
}
