using NanoCard.Hal.Crypto;
using NanoCard.Hal.Crypto.Managed;

namespace NanoCard.Hal.Tests;

public class HmacTests
{
    /// <summary>RFC 4231 test cases 1–7 for HMAC-SHA-256 and HMAC-SHA-384 (tests/vectors/hmac.rsp).</summary>
    [Fact]
    public void Rfc4231_vectors()
    {
        var records = RspFile.Load("hmac.rsp");
        Assert.Equal(14, records.Count);
        foreach (var r in records)
        {
            byte alg = r.Text("Hash") == "SHA-384" ? HashAlgorithm.Sha384 : HashAlgorithm.Sha256;
            var hmac = new Hmac(alg == HashAlgorithm.Sha384 ? new Sha384() : new Sha256());
            byte[] key = r.Hex("Key");
            byte[] msg = r.Hex("Msg");
            byte[] expected = r.Hex("Mac");
            byte[] mac = new byte[hmac.Length];
            hmac.Init(key, 0, (short)key.Length);
            Assert.Equal(hmac.Length, hmac.DoFinal(msg, 0, (short)msg.Length, mac, 0));
            Assert.Equal(expected, mac.AsSpan(0, expected.Length).ToArray());

            // Same key, message fed in pieces, after a restart: same MAC.
            byte[] mac2 = new byte[hmac.Length];
            int half = msg.Length / 2;
            hmac.Update(msg, 0, (short)half);
            hmac.DoFinal(msg, (short)half, (short)(msg.Length - half), mac2, 0);
            Assert.Equal(mac, mac2);
        }
    }

    [Fact]
    public void Matches_dotnet_for_random_keys_and_messages()
    {
        var rng = new Random(7);
        foreach (byte alg in new[] { HashAlgorithm.Sha256, HashAlgorithm.Sha384 })
        {
            var hmac = new Hmac(alg == HashAlgorithm.Sha384 ? new Sha384() : new Sha256());
            for (int i = 0; i < 50; i++)
            {
                byte[] key = new byte[rng.Next(0, 300)];
                byte[] msg = new byte[rng.Next(0, 500)];
                rng.NextBytes(key);
                rng.NextBytes(msg);
                byte[] expected = alg == HashAlgorithm.Sha256
                    ? System.Security.Cryptography.HMACSHA256.HashData(key, msg)
                    : System.Security.Cryptography.HMACSHA384.HashData(key, msg);
                byte[] mac = new byte[hmac.Length];
                hmac.Init(key, 0, (short)key.Length);
                hmac.DoFinal(msg, 0, (short)msg.Length, mac, 0);
                Assert.Equal(expected, mac);
            }
        }
    }

    [Fact]
    public void Does_not_allocate_after_construction()
    {
        var hmac = new Hmac(new Sha256());
        byte[] key = new byte[100];
        byte[] msg = new byte[200];
        byte[] mac = new byte[32];
        for (int i = 0; i < 10; i++)
        {
            hmac.Init(key, 0, 100);
            hmac.DoFinal(msg, 0, 200, mac, 0);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            hmac.Init(key, 0, 100);
            hmac.Update(msg, 0, 50);
            hmac.DoFinal(msg, 50, 150, mac, 0);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
