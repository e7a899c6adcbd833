using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using NanoCard.Hal.Crypto;
using NanoCard.Hal.Crypto.Managed;
using Xunit.Abstractions;

namespace NanoCard.Hal.Tests;

/// <summary>IRandom for tests: a seeded System.Random (reproducible) or the OS generator.</summary>
internal sealed class TestRandom : IRandom
{
    private readonly Random? seeded;

    public TestRandom(int? seed = null)
    {
        seeded = seed.HasValue ? new Random(seed.Value) : null;
    }

    public void NextBytes(byte[] buffer, short offset, short length)
    {
        var span = new Span<byte>(buffer, offset, length);
        if (seeded != null)
        {
            seeded.NextBytes(span);
        }
        else
        {
            RandomNumberGenerator.Fill(span);
        }
    }
}

/// <summary>Keys generated once for the whole class (generation is the slow part), with timings.</summary>
public sealed class GeneratedRsaKeys
{
    public const int Count = 5;
    public RsaKey[] Keys { get; } = new RsaKey[Count];
    public double[] Milliseconds { get; } = new double[Count];

    public GeneratedRsaKeys()
    {
        var engine = new RsaEngine(new TestRandom());
        for (int i = 0; i < Count; i++)
        {
            Keys[i] = new RsaKey();
            var sw = Stopwatch.StartNew();
            engine.GenerateKey(Keys[i]);
            Milliseconds[i] = sw.Elapsed.TotalMilliseconds;
        }
    }
}

public sealed class RsaEngineTests : IClassFixture<GeneratedRsaKeys>
{
    private static readonly byte[] Sha256Prefix = Convert.FromHexString("3031300d060960864801650304020105000420");

    private readonly GeneratedRsaKeys generated;
    private readonly ITestOutputHelper output;

    public RsaEngineTests(GeneratedRsaKeys generated, ITestOutputHelper output)
    {
        this.generated = generated;
        this.output = output;
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static BigInteger Big(byte[] b) => new(b, isUnsigned: true, isBigEndian: true);

    private static byte[] Bytes(BigInteger x, int len)
    {
        byte[] raw = x.ToByteArray(isUnsigned: true, isBigEndian: true);
        Assert.True(raw.Length <= len);
        byte[] r = new byte[len];
        raw.CopyTo(r, len - raw.Length);
        return r;
    }

    private static BigInteger ModInverse(BigInteger a, BigInteger m)
    {
        BigInteger r0 = m, r1 = BigInteger.Remainder(a, m), t0 = 0, t1 = 1;
        while (!r1.IsZero)
        {
            BigInteger q = BigInteger.Divide(r0, r1);
            (r0, r1) = (r1, r0 - q * r1);
            (t0, t1) = (t1, t0 - q * t1);
        }
        Assert.Equal(BigInteger.One, r0);
        return t0.Sign < 0 ? t0 + m : t0;
    }

    /// <summary>RSAParameters for .NET from our slot (d = e⁻¹ mod lcm(p − 1, q − 1), FIPS 186-4 B.3.1).</summary>
    private static RSAParameters ToParameters(RsaKey key)
    {
        BigInteger p = Big(key.P), q = Big(key.Q), e = key.PublicExponent;
        BigInteger lcm = (p - 1) * (q - 1) / BigInteger.GreatestCommonDivisor(p - 1, q - 1);
        BigInteger d = ModInverse(e, lcm);
        return new RSAParameters
        {
            Modulus = (byte[])key.Modulus.Clone(),
            Exponent = Bytes(e, 3),
            D = Bytes(d, 256),
            P = (byte[])key.P.Clone(),
            Q = (byte[])key.Q.Clone(),
            DP = (byte[])key.DP.Clone(),
            DQ = (byte[])key.DQ.Clone(),
            InverseQ = (byte[])key.QInv.Clone(),
        };
    }

    private static byte[] DigestInfoSha256(byte[] message) => [.. Sha256Prefix, .. SHA256.HashData(message)];

    private static byte[] Sign(RsaEngine engine, RsaKey key, byte[] block)
    {
        byte[] sig = new byte[256];
        Assert.Equal(256, engine.SignPkcs1(key, block, 0, (short)block.Length, sig, 0));
        return sig;
    }

    private static bool Verify(RsaEngine engine, byte[] n, int e, byte[] block, byte[] sig) =>
        engine.VerifyPkcs1(n, 0, e, block, 0, (short)block.Length, sig, 0, (short)sig.Length);

    private static RsaKey Import(RsaEngine engine, byte[] p, byte[] q, int e)
    {
        var key = new RsaKey();
        engine.ImportKey(key, p, 0, q, 0, e);
        return key;
    }

    // ---- known answers -------------------------------------------------------------------------

    [Fact]
    public void Vectors_SignAndVerifyByteForByte()
    {
        var engine = new RsaEngine(new TestRandom(1));
        var records = RspFile.Load("rsa-pkcs1v15.rsp");
        Assert.NotEmpty(records);
        foreach (var rec in records)
        {
            byte[] p = rec.Hex("P"), q = rec.Hex("Q");
            int e = int.Parse(rec.Text("E"), NumberStyles.HexNumber);
            byte[] n = rec.Hex("N"), block = rec.Hex("Block");
            byte[] s = rec.Hex("S");

            RsaKey key = Import(engine, p, q, e);
            byte[] modulus = new byte[256];
            key.GetModulus(modulus, 0);
            Assert.Equal(n, modulus);
            Assert.Equal(e, key.PublicExponent);
            Assert.Equal(s, Sign(engine, key, block));
            Assert.True(Verify(engine, n, e, block, s));

            // The same key given with p and q swapped: same slot contents, same signature.
            RsaKey swapped = Import(engine, q, p, e);
            Assert.Equal(key.P, swapped.P);
            Assert.Equal(key.Q, swapped.Q);
            Assert.Equal(key.QInv, swapped.QInv);
            Assert.Equal(s, Sign(engine, swapped, block));
        }
    }

    [Fact]
    public void Import_DerivesTheSameCrtValuesAsDotNet()
    {
        using RSA rsa = RSA.Create(2048);
        RSAParameters prm = rsa.ExportParameters(true);
        var engine = new RsaEngine(new TestRandom(2));
        // Give the smaller prime first so the swap is exercised half of the time, then both orders.
        foreach (bool swap in new[] { false, true })
        {
            RsaKey key = swap ? Import(engine, prm.Q!, prm.P!, 65537) : Import(engine, prm.P!, prm.Q!, 65537);
            Assert.True(key.IsInitialized);
            Assert.Equal(prm.Modulus, key.Modulus);
            bool netPBigger = Big(prm.P!) > Big(prm.Q!);
            Assert.Equal(netPBigger ? prm.P : prm.Q, key.P);
            Assert.Equal(netPBigger ? prm.DP : prm.DQ, key.DP);
            Assert.Equal(netPBigger ? prm.DQ : prm.DP, key.DQ);
            Assert.True(Big(key.P) > Big(key.Q));
            Assert.Equal(BigInteger.One, Big(key.QInv) * Big(key.Q) % Big(key.P));
        }
    }

    // ---- cross-checks with .NET / OpenSSL ------------------------------------------------------

    [Fact]
    public void GeneratedKeys_AreWellFormed()
    {
        foreach (RsaKey key in generated.Keys)
        {
            Assert.True(key.IsInitialized);
            Assert.Equal(65537, key.PublicExponent);
            BigInteger p = Big(key.P), q = Big(key.Q), n = Big(key.Modulus);
            Assert.Equal(n, p * q);
            Assert.Equal(2048, (int)n.GetBitLength());
            Assert.True(p > q);
            Assert.True((key.P[0] & 0xC0) == 0xC0 && (key.Q[0] & 0xC0) == 0xC0, "top two bits of p and q");
            Assert.True((p - q).GetBitLength() > 924, "|p - q| > 2^924 (FIPS 186-4 B.3.3 5.4)");
            Assert.Equal(BigInteger.One, BigInteger.GreatestCommonDivisor(p - 1, 65537));
            Assert.Equal(BigInteger.One, BigInteger.GreatestCommonDivisor(q - 1, 65537));
            Assert.Equal(BigInteger.One, 65537 * Big(key.DP) % (p - 1));
            Assert.Equal(BigInteger.One, 65537 * Big(key.DQ) % (q - 1));
            Assert.Equal(BigInteger.One, Big(key.QInv) * q % p);
            // Independent primality check (BigInteger Fermat tests to a few bases).
            foreach (int b in new[] { 2, 3, 5, 7, 11 })
            {
                Assert.Equal(BigInteger.One, BigInteger.ModPow(b, p - 1, p));
                Assert.Equal(BigInteger.One, BigInteger.ModPow(b, q - 1, q));
            }
        }
        Assert.NotEqual(generated.Keys[0].Modulus, generated.Keys[1].Modulus);
        output.WriteLine(
            $"RSA-2048 key generation over {GeneratedRsaKeys.Count} keys: average {generated.Milliseconds.Average():F0} ms, " +
            $"min {generated.Milliseconds.Min():F0} ms, max {generated.Milliseconds.Max():F0} ms");
    }

    [Fact]
    public void GeneratedKey_SignaturesMatchDotNetBothWays()
    {
        var engine = new RsaEngine(new TestRandom(3));
        var rng = new Random(30);
        foreach (RsaKey key in generated.Keys)
        {
            using RSA rsa = RSA.Create();
            rsa.ImportParameters(ToParameters(key));
            for (int i = 0; i < 3; i++)
            {
                byte[] msg = new byte[rng.Next(0, 300)];
                rng.NextBytes(msg);
                byte[] hash = SHA256.HashData(msg);
                byte[] ours = Sign(engine, key, DigestInfoSha256(msg));
                Assert.True(rsa.VerifyHash(hash, ours, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
                // PKCS#1 v1.5 is deterministic: .NET (OpenSSL) must produce the same bytes.
                byte[] theirs = rsa.SignHash(hash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                Assert.Equal(theirs, ours);
                Assert.True(Verify(engine, key.Modulus, 65537, DigestInfoSha256(msg), theirs));
            }
        }
    }

    [Fact]
    public void DotNetKey_SignatureVerifiedByUs_AndImportedKeySignsIdentically()
    {
        var engine = new RsaEngine(new TestRandom(4));
        var rng = new Random(40);
        for (int k = 0; k < 2; k++)
        {
            using RSA rsa = RSA.Create(2048);
            RSAParameters prm = rsa.ExportParameters(true);
            int e = (int)Big(prm.Exponent!);
            RsaKey key = Import(engine, prm.P!, prm.Q!, e);
            for (int i = 0; i < 3; i++)
            {
                byte[] msg = new byte[rng.Next(1, 200)];
                rng.NextBytes(msg);
                byte[] theirs = rsa.SignData(msg, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                Assert.True(Verify(engine, prm.Modulus!, e, DigestInfoSha256(msg), theirs));
                Assert.Equal(theirs, Sign(engine, key, DigestInfoSha256(msg)));
                // A different message does not verify.
                msg[0] ^= 1;
                Assert.False(Verify(engine, prm.Modulus!, e, DigestInfoSha256(msg), theirs));
            }
        }
    }

    [Fact]
    public void GeneratedKey_PassesOpensslCheck()
    {
        // ./test.sh installs the openssl package, so its absence is a failure, not a skip.
        string? openssl = FindOnPath("openssl");
        Assert.True(openssl != null, "openssl is not on PATH: install Debian's openssl package (./test.sh does)");
        using RSA rsa = RSA.Create();
        rsa.ImportParameters(ToParameters(generated.Keys[0]));
        string dir = Path.Combine(AppContext.BaseDirectory, "rsa-openssl-check");
        Directory.CreateDirectory(dir);
        string file = Path.Combine(dir, "generated-key.pem");
        File.WriteAllText(file, rsa.ExportRSAPrivateKeyPem());
        try
        {
            var psi = new ProcessStartInfo(openssl, ["rsa", "-check", "-noout", "-in", file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var proc = Process.Start(psi)!;
            string stdout = proc.StandardOutput.ReadToEnd();
            string stderr = proc.StandardError.ReadToEnd();
            proc.WaitForExit();
            output.WriteLine(stdout + stderr);
            Assert.Equal(0, proc.ExitCode);
            Assert.Contains("RSA key ok", stdout);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string? FindOnPath(string name)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    // ---- rejection -------------------------------------------------------------------------------

    [Fact]
    public void Verify_RejectsInvalidSignatures()
    {
        RsaKey key = generated.Keys[1];
        var engine = new RsaEngine(new TestRandom(5));
        byte[] n = key.Modulus;
        byte[] block = DigestInfoSha256([1, 2, 3]);
        byte[] sig = Sign(engine, key, block);
        Assert.True(Verify(engine, n, 65537, block, sig));

        // Wrong lengths.
        Assert.False(Verify(engine, n, 65537, block, sig[..255]));
        Assert.False(Verify(engine, n, 65537, block, [.. sig, 0]));
        Assert.False(engine.VerifyPkcs1(n, 0, 65537, block, 0, (short)block.Length, sig, 0, 255));
        Assert.False(engine.VerifyPkcs1(n, 0, 65537, block, 0, (short)(block.Length - 1), sig, 0, 256));
        Assert.False(engine.VerifyPkcs1(n, 0, 65537, block, 0, 246, sig, 0, 256));
        Assert.False(engine.VerifyPkcs1(n, 0, 65537, block, 0, -1, sig, 0, 256));
        // Bad offsets and null arrays: false, never an exception.
        Assert.False(engine.VerifyPkcs1(n, 1, 65537, block, 0, (short)block.Length, sig, 0, 256));
        Assert.False(engine.VerifyPkcs1(n, -1, 65537, block, 0, (short)block.Length, sig, 0, 256));
        Assert.False(engine.VerifyPkcs1(n, 0, 65537, block, 0, (short)block.Length, sig, 1, 256));
        Assert.False(engine.VerifyPkcs1(null!, 0, 65537, block, 0, (short)block.Length, sig, 0, 256));
        Assert.False(engine.VerifyPkcs1(n, 0, 65537, null!, 0, (short)block.Length, sig, 0, 256));
        Assert.False(engine.VerifyPkcs1(n, 0, 65537, block, 0, (short)block.Length, null!, 0, 256));
        // Wrong exponent, nonsense exponents, bad moduli.
        Assert.False(Verify(engine, n, 3, block, sig));
        Assert.False(Verify(engine, n, 65536, block, sig));
        Assert.False(Verify(engine, n, 1, block, sig));
        Assert.False(Verify(engine, n, 0, block, sig));
        Assert.False(Verify(engine, n, -65537, block, sig));
        byte[] evenN = (byte[])n.Clone();
        evenN[255] ^= 1;
        Assert.False(Verify(engine, evenN, 65537, block, sig));
        // s ≥ n.
        Assert.False(Verify(engine, n, 65537, block, n));
        Assert.False(Verify(engine, n, 65537, block, Bytes(Big(n) + 1, 256)));
        Assert.False(Verify(engine, n, 65537, block, Enumerable.Repeat((byte)0xFF, 256).ToArray()));
        // Any modified byte of the signature or the block.
        foreach (int pos in new[] { 0, 1, 100, 254, 255 })
        {
            byte[] bad = (byte[])sig.Clone();
            bad[pos] ^= 0x40;
            Assert.False(Verify(engine, n, 65537, block, bad));
        }
        foreach (int pos in new[] { 0, 18, 19, block.Length - 1 })
        {
            byte[] bad = (byte[])block.Clone();
            bad[pos] ^= 0x01;
            Assert.False(Verify(engine, n, 65537, bad, sig));
        }
    }

    [Fact]
    public void Verify_RejectsWrongPadding()
    {
        RsaKey key = generated.Keys[2];
        var engine = new RsaEngine(new TestRandom(6));
        RSAParameters prm = ToParameters(key);
        BigInteger n = Big(key.Modulus), d = Big(prm.D!);
        byte[] block = DigestInfoSha256([9, 9]);

        byte[] Good()
        {
            byte[] em = new byte[256];
            em[1] = 0x01;
            for (int i = 2; i < 256 - block.Length - 1; i++) em[i] = 0xFF;
            block.CopyTo(em, 256 - block.Length);
            return em;
        }
        byte[] RawSign(byte[] em) => Bytes(BigInteger.ModPow(Big(em), d, n), 256);

        // The construction is right: the untouched encoding verifies.
        Assert.True(Verify(engine, key.Modulus, 65537, block, RawSign(Good())));

        var broken = new List<byte[]>();
        byte[] t2 = Good(); t2[1] = 0x02; broken.Add(t2);                       // block type 2
        byte[] t0 = Good(); t0[1] = 0x00; broken.Add(t0);                       // block type 0
        byte[] ps = Good(); ps[50] = 0xFE; broken.Add(ps);                      // PS byte not FF
        byte[] sep = Good(); sep[256 - block.Length - 1] = 0xFF; broken.Add(sep); // no 00 separator
        byte[] lead = Good(); lead[0] = 0x01; broken.Add(lead);                 // leading byte not 00
        // Block moved one byte left (a shorter PS and a trailing garbage byte).
        byte[] shifted = Good(); Array.Copy(block, 0, shifted, 256 - block.Length - 1, block.Length);
        shifted[256 - block.Length - 2] = 0x00; shifted[255] = 0xAA; broken.Add(shifted);
        foreach (byte[] em in broken)
        {
            Assert.False(Verify(engine, key.Modulus, 65537, block, RawSign(em)));
        }
    }

    [Fact]
    public void Sign_RejectsBadArguments()
    {
        var engine = new RsaEngine(new TestRandom(7));
        RsaKey key = generated.Keys[0];
        byte[] sig = new byte[256];
        Assert.Throws<ArgumentException>(() => engine.SignPkcs1(key, new byte[246], 0, 246, sig, 0));
        Assert.Throws<ArgumentException>(() => engine.SignPkcs1(key, new byte[300], 0, 300, sig, 0));
        Assert.Throws<ArgumentException>(() => engine.SignPkcs1(key, new byte[10], 0, -1, sig, 0));
        Assert.Throws<ArgumentException>(() => engine.SignPkcs1(key, new byte[10], 5, 10, sig, 0));
        Assert.Throws<ArgumentException>(() => engine.SignPkcs1(key, new byte[10], 0, 10, new byte[255], 0));
        Assert.Throws<ArgumentException>(() => engine.SignPkcs1(new RsaKey(), new byte[10], 0, 10, sig, 0));
        // 245 bytes is the longest block and works (and verifies).
        byte[] longest = new byte[245];
        new Random(8).NextBytes(longest);
        Assert.Equal(256, engine.SignPkcs1(key, longest, 0, 245, sig, 0));
        Assert.True(Verify(engine, key.Modulus, 65537, longest, sig));
        // Empty block too.
        Assert.Equal(256, engine.SignPkcs1(key, longest, 0, 0, sig, 0));
        Assert.True(engine.VerifyPkcs1(key.Modulus, 0, 65537, longest, 0, 0, sig, 0, 256));
    }

    [Fact]
    public void Import_RejectsBadKeys()
    {
        var engine = new RsaEngine(new TestRandom(9));
        var rec = RspFile.Load("rsa-pkcs1v15.rsp")[0];
        byte[] p = rec.Hex("P"), q = rec.Hex("Q");
        var key = new RsaKey();
        byte[] evenP = (byte[])p.Clone();
        evenP[127] ^= 1;
        Assert.Throws<ArgumentException>(() => engine.ImportKey(key, evenP, 0, q, 0, 65537));
        Assert.Throws<ArgumentException>(() => engine.ImportKey(key, p, 0, q, 0, 65536));
        Assert.Throws<ArgumentException>(() => engine.ImportKey(key, p, 0, q, 0, 1));
        Assert.Throws<ArgumentException>(() => engine.ImportKey(key, p, 0, p, 0, 65537));
        Assert.Throws<ArgumentException>(() => engine.ImportKey(key, p, 1, q, 0, 65537));
        byte[] smallP = (byte[])p.Clone();
        smallP[0] = 0x01; // n would have fewer than 2048 bits
        Assert.Throws<ArgumentException>(() => engine.ImportKey(key, smallP, 0, q, 0, 65537));
        // e = 3 with p ≡ 1 (mod 3) has no inverse mod p − 1.
        BigInteger bp = Big(p), bq = Big(q);
        if ((bp - 1) % 3 == 0 || (bq - 1) % 3 == 0)
        {
            Assert.Throws<ArgumentException>(() => engine.ImportKey(key, p, 0, q, 0, 3));
        }
        Assert.False(key.IsInitialized);
    }

    [Fact]
    public void Sign_FaultCheckCatchesAnInconsistentKey()
    {
        var engine = new RsaEngine(new TestRandom(10));
        var key = new RsaKey();
        RsaKey good = generated.Keys[3];
        engine.ImportKey(key, good.P, 0, good.Q, 0, 65537);
        key.DP[100] ^= 0x01; // a corrupted CRT exponent: the p half is wrong
        byte[] sig = new byte[256];
        Assert.Throws<InvalidOperationException>(() => engine.SignPkcs1(key, new byte[35], 0, 35, sig, 0));
        Assert.All(sig, b => Assert.Equal(0, b)); // nothing released
    }

    // ---- multi-precision internals against BigInteger --------------------------------------------

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void Montgomery_MatchesBigInteger(int limbs)
    {
        var rng = new Random(limbs);
        var ctx = new Montgomery(limbs, true);
        int bytes = limbs * 4;
        BigInteger R = BigInteger.One << (32 * limbs);
        for (int iter = 0; iter < 20; iter++)
        {
            byte[] mb = new byte[bytes];
            rng.NextBytes(mb);
            mb[0] |= 0x80;
            mb[^1] |= 1;
            if (iter == 0) { Array.Fill(mb, (byte)0xFF); }           // m = R − 1
            if (iter == 1) { Array.Clear(mb); mb[0] = 0x80; mb[^1] = 1; } // m = R/2 + 1
            BigInteger m = Big(mb);
            uint[] mm = new uint[limbs], a = new uint[limbs], b = new uint[limbs], r = new uint[limbs];
            Mpi.FromBytes(mb, 0, bytes, mm, limbs);
            ctx.SetModulus(mm);
            Assert.Equal(R * R % m, Big(ToB(ctx.RR, limbs)));
            Assert.Equal(R % m, Big(ToB(ctx.One, limbs)));

            BigInteger A = RandomBelow(rng, m, bytes), B = RandomBelow(rng, m, bytes);
            if (iter == 2) { A = m - 1; B = m - 1; }
            Mpi.FromBytes(Bytes(A, bytes), 0, bytes, a, limbs);
            Mpi.FromBytes(Bytes(B, bytes), 0, bytes, b, limbs);
            BigInteger Rinv = ModInverse(R % m, m);
            ctx.Mul(a, b, r);
            Assert.Equal(A * B * Rinv % m, Big(ToB(r, limbs)));
            ctx.Sqr(a, r);
            Assert.Equal(A * A * Rinv % m, Big(ToB(r, limbs)));
            ctx.ModAdd(a, b, r);
            Assert.Equal((A + B) % m, Big(ToB(r, limbs)));
            ctx.ModSub(a, b, r);
            Assert.Equal(((A - B) % m + m) % m, Big(ToB(r, limbs)));

            // Exponentiation with a full-width exponent (constant-time path).
            byte[] eb = new byte[bytes];
            rng.NextBytes(eb);
            uint[] e = new uint[limbs];
            Mpi.FromBytes(eb, 0, bytes, e, limbs);
            ctx.ToMont(a, r);
            ctx.ModExp(r, e, limbs, r);
            ctx.FromMont(r, r);
            Assert.Equal(BigInteger.ModPow(A, Big(eb), m), Big(ToB(r, limbs)));
            ctx.ModExpPublic(a, 65537, r);
            Assert.Equal(BigInteger.ModPow(A, 65537, m), Big(ToB(r, limbs)));

            // Wide reduction (a 2s-limb value modulo the s-limb modulus).
            byte[] wide = new byte[2 * bytes];
            rng.NextBytes(wide);
            uint[] w = new uint[2 * limbs];
            Mpi.FromBytes(wide, 0, wide.Length, w, 2 * limbs);
            ctx.ReduceWideToMont(w, r);
            ctx.FromMont(r, r);
            Assert.Equal(Big(wide) % m, Big(ToB(r, limbs)));
        }
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void BinaryInverse_MatchesBigInteger(int limbs)
    {
        var rng = new Random(11 + limbs);
        int bytes = 4 * limbs;
        var inv = new BinaryInverse(limbs);
        var ctx = new Montgomery(limbs, false);
        for (int iter = 0; iter < 200; iter++)
        {
            byte[] nb = new byte[bytes];
            rng.NextBytes(nb);
            nb[0] |= 0x80;
            nb[^1] |= 1;
            BigInteger n = Big(nb);
            BigInteger x = iter == 0 ? BigInteger.One : RandomBelow(rng, n, bytes);
            if (iter == 1) x = n - 1;
            if (iter == 2) x = 2;
            if (iter == 3) x = (BigInteger.One << (32 * limbs - 2)) + 1;
            uint[] nn = new uint[limbs], xx = new uint[limbs], r = new uint[limbs];
            Mpi.FromBytes(nb, 0, bytes, nn, limbs);
            Mpi.FromBytes(Bytes(x, bytes), 0, bytes, xx, limbs);
            ctx.SetModulus(nn);
            bool ok = inv.Invert(xx, nn, ctx.N0, r);
            Assert.Equal(BigInteger.GreatestCommonDivisor(x, n).IsOne, ok);
            if (ok)
            {
                Assert.Equal(BigInteger.One, x * Big(ToB(r, limbs)) % n);
            }
        }
        if (limbs != 64)
        {
            return;
        }
        // Not invertible: a common factor.
        byte[] pb = RspFile.Load("rsa-pkcs1v15.rsp")[0].Hex("P");
        byte[] nbytes = RspFile.Load("rsa-pkcs1v15.rsp")[0].Hex("N");
        uint[] n2 = new uint[64], p2 = new uint[64], r2 = new uint[64];
        Mpi.FromBytes(nbytes, 0, 256, n2, 64);
        Mpi.FromBytes(pb, 0, 128, p2, 64);
        ctx.SetModulus(n2);
        Assert.False(inv.Invert(p2, n2, ctx.N0, r2));
        Assert.False(inv.Invert(new uint[64], n2, ctx.N0, r2));
    }

    [Fact]
    public void MillerRabin_SeparatesPrimesFromComposites()
    {
        var ctx = new Montgomery(32, true);
        var gen = new PrimeGenerator(new TestRandom(12), ctx);
        var rec = RspFile.Load("rsa-pkcs1v15.rsp")[0];
        foreach (string f in new[] { "P", "Q" })
        {
            uint[] w = new uint[32];
            Mpi.FromBytes(rec.Hex(f), 0, 128, w, 32);
            Assert.True(gen.PassesTrialDivision(w));
            Assert.True(gen.IsProbablePrime(w, PrimeGenerator.MillerRabinRounds));
        }
        // Products of two 512-bit primes (no small factors: trial division passes, M-R must not).
        for (int i = 0; i < 3; i++)
        {
            using RSA rsa = RSA.Create(1024);
            RSAParameters prm = rsa.ExportParameters(true);
            BigInteger c = Big(prm.P!) * Big(prm.Q!);
            if (c.GetBitLength() != 1024) continue;
            uint[] w = new uint[32];
            Mpi.FromBytes(Bytes(c, 128), 0, 128, w, 32);
            Assert.True(gen.PassesTrialDivision(w));
            Assert.False(gen.IsProbablePrime(w, PrimeGenerator.MillerRabinRounds));
        }
        // A multiple of a small prime is caught by trial division.
        uint[] p3 = new uint[32];
        BigInteger bp = Big(rec.Hex("P"));
        BigInteger small = bp - bp % 2039 + 2039;
        if (small.IsEven) small += 2039;
        Mpi.FromBytes(Bytes(small, 128), 0, 128, p3, 32);
        Assert.False(gen.PassesTrialDivision(p3));
    }

    private static BigInteger RandomBelow(Random rng, BigInteger m, int bytes)
    {
        byte[] b = new byte[bytes];
        rng.NextBytes(b);
        return Big(b) % m;
    }

    private static byte[] ToB(uint[] x, int limbs)
    {
        byte[] b = new byte[limbs * 4];
        Mpi.ToBytes(x, limbs, b, 0, b.Length);
        return b;
    }

    // ---- allocation and speed --------------------------------------------------------------------

    [Fact]
    public void SignAndVerify_DoNotAllocate()
    {
        var engine = new RsaEngine(new TestRandom(13));
        RsaKey key = generated.Keys[4];
        byte[] block = DigestInfoSha256([4, 5, 6]);
        byte[] sig = new byte[256];
        byte[] n = key.Modulus;
        short len = (short)block.Length;
        for (int i = 0; i < 5; i++)
        {
            engine.SignPkcs1(key, block, 0, len, sig, 0);
            Assert.True(engine.VerifyPkcs1(n, 0, 65537, block, 0, len, sig, 0, 256));
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        bool all = true;
        for (int i = 0; i < 50; i++)
        {
            engine.SignPkcs1(key, block, 0, len, sig, 0);
            all &= engine.VerifyPkcs1(n, 0, 65537, block, 0, len, sig, 0, 256);
        }
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(all);
        Assert.Equal(before, after);
    }

}
