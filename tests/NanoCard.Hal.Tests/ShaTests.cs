using System.Security.Cryptography;
using CsCheck;
using NanoCard.Hal.Crypto;
using NanoCard.Hal.Crypto.Managed;

namespace NanoCard.Hal.Tests;

public class ShaTests
{
    public static TheoryData<string> Files => new() { "sha256.rsp", "sha384.rsp" };

    private static IMessageDigest Create(string file) => file == "sha256.rsp" ? new Sha256() : new Sha384();

    private static byte[] Message(RspRecord r)
    {
        // CAVP writes the empty message as "00": only Len bits count.
        int bits = int.Parse(r.Text("Len"));
        return r.Hex("Msg")[..(bits / 8)];
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void KnownAnswers_OneShot(string file)
    {
        var records = RspFile.Load(file);
        Assert.True(records.Count >= 12, $"{file}: {records.Count} records");
        IMessageDigest digest = Create(file);
        foreach (RspRecord r in records)
        {
            byte[] msg = Message(r);
            byte[] expected = r.Hex("MD");
            var output = new byte[expected.Length + 3];
            short n = digest.DoFinal(msg, 0, (short)msg.Length, output, 3);
            Assert.Equal(expected.Length, n);
            Assert.True(expected.AsSpan().SequenceEqual(output.AsSpan(3)), $"{r}: {Convert.ToHexString(output, 3, n)}");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void KnownAnswers_ByteAtATimeAndAtOffsets(string file)
    {
        IMessageDigest digest = Create(file);
        foreach (RspRecord r in RspFile.Load(file))
        {
            byte[] msg = Message(r);
            // The message sits at offset 5 of a larger buffer; feed it one byte at a time, with empty updates between.
            var padded = new byte[msg.Length + 9];
            msg.CopyTo(padded, 5);
            for (int i = 0; i < msg.Length; i++)
            {
                digest.Update(padded, (short)(5 + i), 1);
                digest.Update(padded, (short)(5 + i), 0);
            }
            var output = new byte[digest.Length];
            digest.DoFinal(padded, 0, 0, output, 0);
            Assert.True(r.Hex("MD").AsSpan().SequenceEqual(output), r.ToString());
        }
    }

    [Fact]
    public void Properties()
    {
        Assert.Equal(NanoCard.Hal.Crypto.HashAlgorithm.Sha256, new Sha256().Algorithm);
        Assert.Equal(32, new Sha256().Length);
        Assert.Equal(NanoCard.Hal.Crypto.HashAlgorithm.Sha384, new Sha384().Algorithm);
        Assert.Equal(48, new Sha384().Length);
    }

    [Fact]
    public void ResetDiscardsPendingInput()
    {
        foreach (IMessageDigest d in new IMessageDigest[] { new Sha256(), new Sha384() })
        {
            byte[] junk = new byte[200];
            d.Update(junk, 0, 77);
            d.Reset();
            var output = new byte[d.Length];
            d.DoFinal("abc"u8.ToArray(), 0, 3, output, 0);
            byte[] expected = d.Length == 32 ? SHA256.HashData("abc"u8) : SHA384.HashData("abc"u8);
            Assert.Equal(expected, output);
        }
    }

    [Fact]
    public void MillionA()
    {
        // FIPS 180-2 B.3 / D.3: one million 'a', fed in 1000-byte pieces.
        byte[] a = Enumerable.Repeat((byte)'a', 1000).ToArray();
        var sha256 = new Sha256();
        var sha384 = new Sha384();
        for (int i = 0; i < 1000; i++)
        {
            sha256.Update(a, 0, 1000);
            sha384.Update(a, 0, 1000);
        }
        var o256 = new byte[32];
        var o384 = new byte[48];
        sha256.DoFinal(a, 0, 0, o256, 0);
        sha384.DoFinal(a, 0, 0, o384, 0);
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Convert.ToHexStringLower(o256));
        Assert.Equal("9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985", Convert.ToHexStringLower(o384));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RandomChunks_MatchDotNet(bool sha384)
    {
        Gen.Select(Gen.Byte.Array[0, 5000], Gen.Int[1, 300].Array[1, 12], Gen.Byte[0, 2])
            .Sample((msg, chunks, tailKind) =>
            {
                // CsCheck samples on several threads: one digest per sample.
                IMessageDigest digest = sha384 ? new Sha384() : new Sha256();
                var output = new byte[digest.Length];
                // Split msg by the chunk sizes (cyclically); the last piece goes to DoFinal (or DoFinal gets 0 bytes).
                int pos = 0;
                int c = 0;
                int tail = tailKind == 0 ? 0 : Math.Min(msg.Length, chunks[0]);
                while (pos < msg.Length - tail)
                {
                    int take = Math.Min(chunks[c++ % chunks.Length], msg.Length - tail - pos);
                    digest.Update(msg, (short)pos, (short)take);
                    pos += take;
                }
                digest.DoFinal(msg, (short)pos, (short)(msg.Length - pos), output, 0);
                byte[] expected = sha384 ? SHA384.HashData(msg) : SHA256.HashData(msg);
                return expected.AsSpan().SequenceEqual(output);
            }, iter: 300);
    }

    [Fact]
    public void BadRanges_Throw()
    {
        foreach (IMessageDigest d in new IMessageDigest[] { new Sha256(), new Sha384() })
        {
            var buf = new byte[10];
            Assert.Throws<ArgumentException>(() => d.Update(buf, 5, 6));
            Assert.Throws<ArgumentException>(() => d.Update(buf, -1, 1));
            Assert.Throws<ArgumentException>(() => d.Update(buf, 0, -1));
            Assert.Throws<ArgumentException>(() => d.Update(null!, 0, 1));
            Assert.Throws<ArgumentException>(() => d.DoFinal(buf, 0, 0, new byte[d.Length - 1], 0));
            Assert.Throws<ArgumentException>(() => d.DoFinal(buf, 0, 0, new byte[d.Length + 1], 2));
        }
    }
}
