using System.Diagnostics;
using System.Security.Cryptography;
using NanoCard.Hal.Crypto;
using NanoCard.Hal.Crypto.Managed;
using Xunit.Abstractions;
using HalHash = NanoCard.Hal.Crypto.HashAlgorithm;

namespace NanoCard.Hal.Tests;

public class EcdsaEngineTests
{
    private readonly ITestOutputHelper output;

    public EcdsaEngineTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    private sealed class SystemRandom : IRandom
    {
        public void NextBytes(byte[] buffer, short offset, short length)
        {
            RandomNumberGenerator.Fill(buffer.AsSpan(offset, length));
        }
    }

    /// <summary>IRandom returning scripted bytes (to drive the rejection sampling).</summary>
    private sealed class ScriptedRandom : IRandom
    {
        private readonly Queue<byte[]> blocks;

        public ScriptedRandom(params byte[][] blocks)
        {
            this.blocks = new Queue<byte[]>(blocks);
        }

        public void NextBytes(byte[] buffer, short offset, short length)
        {
            byte[] b = this.blocks.Dequeue();
            Array.Copy(b, 0, buffer, offset, length);
        }
    }

    private static EcdsaEngine NewEngine(IRandom? random = null)
    {
        return new EcdsaEngine(random ?? new SystemRandom(),
            new Sha256(), new Sha384());
    }

    private static byte CurveOf(string name) => name == "P-384" ? EcCurve.P384 : EcCurve.P256;

    private static ECCurve DotNetCurve(byte curve) => curve == EcCurve.P384 ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256;

    private static EcKey KeyFrom(byte curve, byte[] d, byte[] qx, byte[] qy)
    {
        var key = new EcKey(curve);
        Array.Copy(d, key.PrivateScalar, d.Length);
        key.PublicPoint[0] = 4;
        Array.Copy(qx, 0, key.PublicPoint, 1, qx.Length);
        Array.Copy(qy, 0, key.PublicPoint, 1 + qx.Length, qy.Length);
        key.IsInitialized = true;
        return key;
    }

    private static byte[] Hash(byte curve, byte[] message) =>
        curve == EcCurve.P384 ? SHA384.HashData(message) : SHA256.HashData(message);

    /// <summary>Verify over whole arrays (point, hash and signature each from offset 0).</summary>
    private static bool VerifyWhole(EcdsaEngine engine, byte curve, byte[] point, byte[] hash, byte[] sig) =>
        engine.Verify(curve, point, 0, (short)point.Length, hash, 0, (short)hash.Length, sig, 0, (short)sig.Length);

    /// <summary>A fresh key pair, a random hash of <paramref name="hashLength"/> bytes and our signature on it.</summary>
    private static (EcKey Key, byte[] Hash, byte[] Sig) SignRandomHash(EcdsaEngine engine, byte curve, int hashLength)
    {
        var key = new EcKey(curve);
        engine.GenerateKey(key);
        byte[] hash = RandomNumberGenerator.GetBytes(hashLength);
        byte[] sig = new byte[2 * EcCurve.FieldLengthOf(curve)];
        engine.Sign(key, hash, 0, (short)hashLength, sig, 0);
        return (key, hash, sig);
    }

    /// <summary>The key as a .NET ECDsa: Q from the encoding 04 ‖ X ‖ Y, and d too when asked (.NET then checks they belong together).</summary>
    private static ECDsa DotNetKey(EcKey key, byte curve, bool withPrivate = false)
    {
        int l = EcCurve.FieldLengthOf(curve);
        return ECDsa.Create(new ECParameters
        {
            Curve = DotNetCurve(curve),
            D = withPrivate ? key.PrivateScalar.ToArray() : null,
            Q = new ECPoint { X = key.PublicPoint[1..(1 + l)], Y = key.PublicPoint[(1 + l)..] },
        });
    }

    /// <summary>
    /// P as the uncompressed encoding 04 ‖ X ‖ Y (SEC 1 §2.3.3) after conversion to affine, or an
    /// empty array for the point at infinity: one value to compare two points by.
    /// </summary>
    private static byte[] Encode(EcGroup g, EcPoint p)
    {
        int n = g.N;
        uint[] x = new uint[n], y = new uint[n];
        if (!g.ToAffine(p, x, y))
        {
            return [];
        }
        byte[] encoded = new byte[1 + 8 * n];
        encoded[0] = 4;
        EcLimbs.ToBytes(encoded, 1, x, n);
        EcLimbs.ToBytes(encoded, 1 + 4 * n, y, n);
        return encoded;
    }

    // ---------------------------------------------------------------- known answers

    [Fact]
    public void Rfc6979_appendix_A2_vectors()
    {
        var engine = NewEngine();
        var records = RspFile.Load("ecdsa-rfc6979.rsp");
        Assert.Equal(4, records.Count);
        foreach (var r in records)
        {
            byte curve = CurveOf(r.Text("Curve"));
            int l = EcCurve.FieldLengthOf(curve);
            byte[] d = r.Hex("D");
            byte[] qx = r.Hex("Qx");
            byte[] qy = r.Hex("Qy");
            var key = KeyFrom(curve, d, qx, qy);
            byte[] hash = Hash(curve, System.Text.Encoding.ASCII.GetBytes(r.Text("Message")));

            byte[] k = new byte[l];
            engine.ComputeNonce(key, hash, 0, (short)hash.Length, k, 0);
            Assert.Equal(r.Text("K"), Convert.ToHexString(k));

            byte[] sig = new byte[2 * l];
            Assert.Equal(2 * l, engine.Sign(key, hash, 0, (short)hash.Length, sig, 0));
            Assert.Equal(r.Text("R"), Convert.ToHexString(sig, 0, l));
            Assert.Equal(r.Text("S"), Convert.ToHexString(sig, l, l));

            Assert.True(VerifyWhole(engine, curve, key.PublicPoint, hash, sig));

            // Q = d·G from the comb matches the published public key (KeyFrom encoded Qx, Qy).
            EcGroup g = engine.GroupOf(curve);
            var p = new EcPoint(g.N);
            uint[] scalar = new uint[g.N];
            EcLimbs.FromBytes(scalar, g.N, d, 0);
            g.MulG(p, scalar);
            Assert.Equal(key.PublicPoint, Encode(g, p));
        }
    }

    /// <summary>
    /// The DRBG against a straight transcription of RFC 6979 §3.2 steps b–h over .NET's HMAC,
    /// including the h.3 continuation used when a candidate is rejected.
    /// </summary>
    [Theory]
    [InlineData(EcCurve.P256)]
    [InlineData(EcCurve.P384)]
    public void Rfc6979_candidates_follow_section_3_2(byte curve)
    {
        int l = EcCurve.FieldLengthOf(curve);
        byte alg = curve == EcCurve.P384 ? HalHash.Sha384 : HalHash.Sha256;
        Func<byte[], byte[], byte[]> mac = curve == EcCurve.P384 ? HMACSHA384.HashData : HMACSHA256.HashData;
        var nonce = new Rfc6979Nonce(new Hmac(alg == HalHash.Sha384 ? new Sha384() : new Sha256()), l);
        for (int trial = 0; trial < 5; trial++)
        {
            byte[] x = RandomNumberGenerator.GetBytes(l);
            byte[] h1 = RandomNumberGenerator.GetBytes(l);
            nonce.Init(x, h1);
            byte[] v = Enumerable.Repeat((byte)1, l).ToArray();
            byte[] k = new byte[l];
            k = mac(k, [.. v, 0, .. x, .. h1]);
            v = mac(k, v);
            k = mac(k, [.. v, 1, .. x, .. h1]);
            v = mac(k, v);
            for (int candidate = 0; candidate < 3; candidate++)
            {
                if (candidate > 0)
                {
                    k = mac(k, [.. v, 0]);
                    v = mac(k, v);
                }
                v = mac(k, v);
                byte[] got = new byte[l];
                nonce.Next(got, 0);
                Assert.Equal(v, got);
            }
        }
    }

    [Theory]
    [InlineData(EcCurve.P256)]
    [InlineData(EcCurve.P384)]
    public void Curve_constants_match_dotnet(byte curve)
    {
        using var ecdsa = ECDsa.Create(DotNetCurve(curve));
        ECParameters e = ecdsa.ExportExplicitParameters(false);
        EcGroup g = NewEngine().GroupOf(curve);
        Assert.Equal(e.Curve.Prime, ToBytes(g.F.P, g.N));
        Assert.Equal(e.Curve.Order, ToBytes(g.S.Order, g.N));
        Assert.Equal(e.Curve.B, ToBytes(g.B, g.N));
        Assert.Equal(e.Curve.G.X, ToBytes(g.Gx, g.N));
        Assert.Equal(e.Curve.G.Y, ToBytes(g.Gy, g.N));
    }

    private static byte[] ToBytes(uint[] a, int n)
    {
        byte[] b = new byte[4 * n];
        EcLimbs.ToBytes(b, 0, a, n);
        return b;
    }

    private static uint[] ToLimbs(System.Numerics.BigInteger v, int n)
    {
        byte[] b = new byte[4 * n];
        byte[] be = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        Array.Copy(be, 0, b, b.Length - be.Length, be.Length);
        uint[] r = new uint[n];
        EcLimbs.FromBytes(r, n, b, 0);
        return r;
    }

    private static System.Numerics.BigInteger ToBig(uint[] a, int n) =>
        new System.Numerics.BigInteger(ToBytes(a, n), isUnsigned: true, isBigEndian: true);

    [Theory]
    [InlineData(EcCurve.P256)]
    [InlineData(EcCurve.P384)]
    public void Field_and_scalar_arithmetic_match_BigInteger(byte curve)
    {
        EcGroup g = NewEngine().GroupOf(curve);
        int n = g.N;
        var p = ToBig(g.F.P, n);
        var q = ToBig(g.S.Order, n);
        var rng = new Random(curve);
        uint[] a = new uint[n], b = new uint[n], r = new uint[n];
        var rInv = System.Numerics.BigInteger.ModPow(System.Numerics.BigInteger.One << (32 * n), q - 2, q);
        for (int i = 0; i < 300; i++)
        {
            var x = RandomBelow(rng, p, i);
            var y = RandomBelow(rng, p, i + 1);
            a = ToLimbs(x, n); b = ToLimbs(y, n);
            g.F.Mul(r, a, b); Assert.Equal(x * y % p, ToBig(r, n));
            g.F.Sqr(r, a); Assert.Equal(x * x % p, ToBig(r, n));
            g.F.Add(r, a, b); Assert.Equal((x + y) % p, ToBig(r, n));
            g.F.Sub(r, a, b); Assert.Equal(((x - y) % p + p) % p, ToBig(r, n));
            if (i < 20 && !x.IsZero)
            {
                g.F.Invert(r, a); Assert.Equal(System.Numerics.BigInteger.One, ToBig(r, n) * x % p);
            }
            var xs = RandomBelow(rng, q, i);
            var ys = RandomBelow(rng, q, i + 1);
            a = ToLimbs(xs, n); b = ToLimbs(ys, n);
            g.S.MontMul(r, a, b); Assert.Equal(xs * ys * rInv % q, ToBig(r, n));
            g.S.Add(r, a, b); Assert.Equal((xs + ys) % q, ToBig(r, n));
            if (i < 20 && !xs.IsZero)
            {
                g.S.ToMont(r, a);
                g.S.InvertMont(r, r);
                g.S.FromMont(r, r);
                Assert.Equal(System.Numerics.BigInteger.One, ToBig(r, n) * xs % q);
            }
        }
    }

    /// <summary>Random values below m, with edge values (0, 1, m−1, m−2, near-2^k) mixed in.</summary>
    private static System.Numerics.BigInteger RandomBelow(Random rng, System.Numerics.BigInteger m, int i)
    {
        switch (i % 10)
        {
            case 0: return 0;
            case 1: return 1;
            case 2: return m - 1;
            case 3: return m - 2;
        }
        byte[] b = new byte[m.GetByteCount(isUnsigned: true) + 8];
        rng.NextBytes(b);
        return new System.Numerics.BigInteger(b, isUnsigned: true) % m;
    }

    // ---------------------------------------------------------------- point edge cases

    [Theory]
    [InlineData(EcCurve.P256)]
    [InlineData(EcCurve.P384)]
    public void Scalar_edge_cases(byte curve)
    {
        EcGroup g = NewEngine().GroupOf(curve);
        int n = g.N;
        var order = ToBig(g.S.Order, n);
        var p = new EcPoint(n);
        uint[] x = new uint[n], y = new uint[n];

        g.MulG(p, new uint[n]);                        // 0·G = O
        Assert.False(g.ToAffine(p, x, y));

        g.MulG(p, ToLimbs(1, n));                      // 1·G = G
        Assert.True(g.ToAffine(p, x, y));
        Assert.Equal(g.Gx, x);
        Assert.Equal(g.Gy, y);

        g.MulG(p, ToLimbs(order - 1, n));              // (n−1)·G = −G
        Assert.True(g.ToAffine(p, x, y));
        Assert.Equal(g.Gx, x);
        Assert.Equal(ToBig(g.F.P, n) - ToBig(g.Gy, n), ToBig(y, n));

        g.MulG(p, ToLimbs(order, n));                  // n·G = O
        Assert.False(g.ToAffine(p, x, y));

        var pg = new EcPoint(n);
        g.SetAffine(pg, g.Gx, g.Gy);
        g.MulVar(p, pg, ToLimbs(order, n));            // variable-time path too
        Assert.False(g.ToAffine(p, x, y));
        g.MulVar(p, pg, ToLimbs(order - 1, n));
        Assert.True(g.ToAffine(p, x, y));
        Assert.Equal(g.Gx, x);

        // Comb and window methods agree on random scalars.
        var rng = new Random(11);
        var p2 = new EcPoint(n);
        for (int i = 0; i < 10; i++)
        {
            var k = RandomBelow(rng, order, 5);
            g.MulG(p, ToLimbs(k, n));
            g.MulVar(p2, pg, ToLimbs(k, n));
            Assert.Equal(Encode(g, p), Encode(g, p2));
        }
    }

    /// <summary>The verification's interleaved u1·G + u2·Q against the comb, including sums that cancel or double.</summary>
    [Theory]
    [InlineData(EcCurve.P256)]
    [InlineData(EcCurve.P384)]
    public void Double_scalar_multiplication_matches_comb(byte curve)
    {
        EcGroup g = NewEngine().GroupOf(curve);
        int n = g.N;
        var order = ToBig(g.S.Order, n);
        var rng = new Random(5);
        var pg = new EcPoint(n);
        g.SetAffine(pg, g.Gx, g.Gy);
        var r1 = new EcPoint(n);
        var r2 = new EcPoint(n);
        for (int i = 0; i < 16; i++)
        {
            var a = RandomBelow(rng, order, i + 4);
            var b = i switch { 0 => order - a, 1 => a, 2 => System.Numerics.BigInteger.Zero, _ => RandomBelow(rng, order, i + 4) };
            if (i == 3) a = 0;
            g.MulAddVar(r1, ToLimbs(a, n), pg, ToLimbs(b, n));
            g.MulG(r2, ToLimbs((a + b) % order, n));
            Assert.Equal(Encode(g, r2), Encode(g, r1));
        }
    }

    [Theory]
    [InlineData(EcCurve.P256)]
    [InlineData(EcCurve.P384)]
    public void Addition_handles_infinity_and_doubling(byte curve)
    {
        EcGroup g = NewEngine().GroupOf(curve);
        int n = g.N;
        var a = new EcPoint(n);
        var b = new EcPoint(n);
        var r = new EcPoint(n);
        g.MulG(a, ToLimbs(12345, n));                  // a Jacobian point with Z ≠ 1
        b.CopyFrom(a);
        g.Negate(b);
        g.AddVar(r, a, b);                             // P + (−P) = O
        Assert.Empty(Encode(g, r));

        g.AddVar(r, a, a);                             // P + P = 2P
        g.MulG(b, ToLimbs(2 * 12345, n));
        Assert.Equal(Encode(g, b), Encode(g, r));

        var inf = new EcPoint(n);
        inf.SetInfinity();
        g.AddVar(r, inf, a);                           // O + P = P, P + O = P
        Assert.Equal(Encode(g, a), Encode(g, r));
        g.AddVar(r, a, inf);
        Assert.Equal(Encode(g, a), Encode(g, r));
        g.AddVar(r, inf, inf);
        Assert.Empty(Encode(g, r));

        // In the comb: k = 2^j values whose partial sums hit the table point's negation,
        // and small scalars whose top columns are all zero (accumulator at infinity).
        for (int k = 1; k < 40; k++)
        {
            g.MulG(r, ToLimbs(k, n));
            g.SetAffine(b, g.Gx, g.Gy);
            g.MulVar(a, b, ToLimbs(k, n));
            Assert.Equal(Encode(g, a), Encode(g, r));
        }
    }

    // ---------------------------------------------------------------- interoperability

    [Theory]
    [InlineData(EcCurve.P256)]
    [InlineData(EcCurve.P384)]
    public void Our_signatures_verify_with_dotnet(byte curve)
    {
        var engine = NewEngine();
        int l = EcCurve.FieldLengthOf(curve);
        for (int i = 0; i < 20; i++)
        {
            var (key, hash, sig) = SignRandomHash(engine, curve, l);
            Assert.True(key.IsInitialized);

            using var ecdsa = DotNetKey(key, curve, withPrivate: true);
            Assert.True(ecdsa.VerifyHash(hash, sig, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
            Assert.True(VerifyWhole(engine, curve, key.PublicPoint, hash, sig));
            hash[0] ^= 1;
            Assert.False(ecdsa.VerifyHash(hash, sig, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
            Assert.False(VerifyWhole(engine, curve, key.PublicPoint, hash, sig));
        }
    }

    [Theory]
    [InlineData(EcCurve.P256)]
    [InlineData(EcCurve.P384)]
    public void Dotnet_signatures_verify_with_ours(byte curve)
    {
        var engine = NewEngine();
        int l = EcCurve.FieldLengthOf(curve);
        for (int i = 0; i < 20; i++)
        {
            using var ecdsa = ECDsa.Create(DotNetCurve(curve));
            ECParameters pub = ecdsa.ExportParameters(false);
            byte[] point = new byte[1 + 2 * l];
            point[0] = 4;
            pub.Q.X!.CopyTo(point, 1);
            pub.Q.Y!.CopyTo(point, 1 + l);
            byte[] hash = RandomNumberGenerator.GetBytes(i % 3 == 0 ? 64 : l); // some longer than the order
            byte[] sig = ecdsa.SignHash(hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            Assert.True(VerifyWhole(engine, curve, point, hash, sig));
            sig[sig.Length - 1] ^= 0x80;
            Assert.False(VerifyWhole(engine, curve, point, hash, sig));
        }
    }

    [Fact]
    public void Hash_longer_than_the_order_is_truncated_like_dotnet()
    {
        var engine = NewEngine();
        var (key, hash, sig) = SignRandomHash(engine, EcCurve.P256, 48);
        using var ecdsa = DotNetKey(key, EcCurve.P256);
        Assert.True(ecdsa.VerifyHash(hash, sig, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        // Only the leftmost 32 bytes count: the same signature is valid for that prefix,
        // and changing a byte past it changes nothing.
        Assert.True(engine.Verify(EcCurve.P256, key.PublicPoint, 0, 65, hash, 0, 32, sig, 0, 64));
        hash[40] ^= 0xFF;
        Assert.True(engine.Verify(EcCurve.P256, key.PublicPoint, 0, 65, hash, 0, 48, sig, 0, 64));
        hash[31] ^= 0x01;
        Assert.False(engine.Verify(EcCurve.P256, key.PublicPoint, 0, 65, hash, 0, 48, sig, 0, 64));
    }

    [Fact]
    public void Short_hash_is_the_integer_of_its_bytes_like_dotnet()
    {
        var engine = NewEngine();
        var (key, hash, sig) = SignRandomHash(engine, EcCurve.P384, 32);   // SHA-256 hash on P-384
        using var ecdsa = DotNetKey(key, EcCurve.P384);
        Assert.True(ecdsa.VerifyHash(hash, sig, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    // ---------------------------------------------------------------- invalid input

    [Theory]
    [InlineData(EcCurve.P256)]
    [InlineData(EcCurve.P384)]
    public void Invalid_public_keys_are_rejected(byte curve)
    {
        var engine = NewEngine();
        int l = EcCurve.FieldLengthOf(curve);
        var (key, hash, sig) = SignRandomHash(engine, curve, l);
        byte[] good = key.PublicPoint.ToArray();
        bool V(byte[] pt, int len) => engine.Verify(curve, pt, 0, (short)len, hash, 0, (short)l, sig, 0, (short)sig.Length);
        Assert.True(V(good, good.Length));

        byte[] offCurve = good.ToArray();
        offCurve[^1] ^= 1;
        Assert.False(V(offCurve, offCurve.Length));

        EcGroup g = engine.GroupOf(curve);
        byte[] xIsP = good.ToArray();
        EcLimbs.ToBytes(xIsP, 1, g.F.P, g.N);              // x = p (≡ 0, and y² = b may not hold, but the range check must reject first)
        Assert.False(V(xIsP, xIsP.Length));
        // x' = x + p would alias x if not range-checked: only possible when x + p < 2^(8L); build it when it fits.
        var xBig = new System.Numerics.BigInteger(good.AsSpan(1, l), isUnsigned: true, isBigEndian: true);
        var pBig = ToBig(g.F.P, g.N);
        var yBig = new System.Numerics.BigInteger(good.AsSpan(1 + l, l), isUnsigned: true, isBigEndian: true);
        byte[] yPlusP = good.ToArray();
        if (yBig + pBig < (System.Numerics.BigInteger.One << (8 * l)))
        {
            (yBig + pBig).ToByteArray(isUnsigned: true, isBigEndian: true).CopyTo(yPlusP, 1 + l);
            Assert.False(V(yPlusP, yPlusP.Length));
        }
        _ = xBig;

        byte[] compressed = new byte[1 + l];
        compressed[0] = (byte)(2 + (good[^1] & 1));
        Array.Copy(good, 1, compressed, 1, l);
        Assert.False(V(compressed, compressed.Length));
        byte[] wrongPrefix = good.ToArray();
        wrongPrefix[0] = 0x06;                                // hybrid form: not accepted
        Assert.False(V(wrongPrefix, wrongPrefix.Length));
        Assert.False(V(good, good.Length - 1));
        byte[] longer = new byte[good.Length + 1];
        good.CopyTo(longer, 0);
        Assert.False(V(longer, longer.Length));
        Assert.False(V(new byte[good.Length], good.Length));  // all zero (no infinity encoding)
        Assert.False(engine.Verify(curve, null!, 0, (short)good.Length, hash, 0, (short)l, sig, 0, (short)sig.Length));
    }

    [Theory]
    [InlineData(EcCurve.P256)]
    [InlineData(EcCurve.P384)]
    public void Signature_values_outside_1_to_n_minus_1_are_rejected(byte curve)
    {
        var engine = NewEngine();
        int l = EcCurve.FieldLengthOf(curve);
        var (key, hash, sig) = SignRandomHash(engine, curve, l);
        EcGroup g = engine.GroupOf(curve);
        var order = ToBig(g.S.Order, g.N);
        bool V(byte[] s) => engine.Verify(curve, key.PublicPoint, 0, key.PublicPointLength, hash, 0, (short)l, s, 0, (short)s.Length);
        Assert.True(V(sig));
        foreach (int half in new[] { 0, 1 })
        {
            foreach (var bad in new[] { System.Numerics.BigInteger.Zero, order, order + 1, (System.Numerics.BigInteger.One << (8 * l)) - 1 })
            {
                byte[] s = sig.ToArray();
                byte[] v = new byte[l];
                byte[] be = bad.ToByteArray(isUnsigned: true, isBigEndian: true);
                be.CopyTo(v, l - be.Length);
                v.CopyTo(s, half * l);
                Assert.False(V(s));
            }
            // r (or s) + n: the same value mod n, must still be rejected (when it fits).
            byte[] t = sig.ToArray();
            var val = new System.Numerics.BigInteger(t.AsSpan(half * l, l), isUnsigned: true, isBigEndian: true) + order;
            if (val < (System.Numerics.BigInteger.One << (8 * l)))
            {
                byte[] be = val.ToByteArray(isUnsigned: true, isBigEndian: true);
                be.CopyTo(t, half * l + l - be.Length);
                Assert.False(V(t));
            }
        }
        Assert.False(engine.Verify(curve, key.PublicPoint, 0, key.PublicPointLength, hash, 0, (short)l, sig, 0, (short)(sig.Length - 1)));
    }

    [Fact]
    public void Verify_never_throws_on_random_data()
    {
        var engine = NewEngine();
        var rng = new Random(3);
        for (int i = 0; i < 300; i++)
        {
            byte curve = (i & 1) == 0 ? EcCurve.P256 : EcCurve.P384;
            int l = EcCurve.FieldLengthOf(curve);
            byte[] point = new byte[rng.Next(0, 2 * l + 3)];
            byte[] hash = new byte[rng.Next(0, 70)];
            byte[] sig = new byte[rng.Next(0, 2 * l + 3)];
            rng.NextBytes(point); rng.NextBytes(hash); rng.NextBytes(sig);
            if (point.Length > 0 && i % 3 == 0) point[0] = 4;
            Assert.False(VerifyWhole(engine, curve, point, hash, sig));
            Assert.False(engine.Verify(curve, point, (short)rng.Next(-2, 3), (short)(2 * l + 1), hash, (short)rng.Next(-2, 3), (short)rng.Next(-1, 70), sig, (short)rng.Next(-2, 3), (short)(2 * l)));
        }
    }

    [Fact]
    public void Caller_bugs_throw_ArgumentException()
    {
        var engine = NewEngine();
        var key = new EcKey(EcCurve.P256);
        byte[] hash = new byte[32];
        byte[] sig = new byte[64];
        Assert.Throws<ArgumentException>(() => engine.Sign(key, hash, 0, 32, sig, 0));   // uninitialised
        Assert.Throws<ArgumentException>(() => engine.Verify(9, new byte[65], 0, 65, hash, 0, 32, sig, 0, 64));
        engine.GenerateKey(key);
        Assert.Throws<ArgumentException>(() => engine.Sign(key, hash, 0, 32, new byte[63], 0));
    }

    [Fact]
    public void GenerateKey_rejects_out_of_range_candidates()
    {
        // First candidates: 0, then n (both outside [1, n−1]), then 1: d must be 1, Q = G.
        byte[] zero = new byte[32];
        byte[] order = Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
        byte[] one = new byte[32];
        one[31] = 1;
        var engine = NewEngine(new ScriptedRandom(zero, order, one));
        var key = new EcKey(EcCurve.P256);
        engine.GenerateKey(key);
        Assert.Equal(one, key.PrivateScalar);
        EcGroup g = engine.GroupOf(EcCurve.P256);
        Assert.Equal(ToBytes(g.Gx, 8), key.PublicPoint[1..33]);
        Assert.Equal(ToBytes(g.Gy, 8), key.PublicPoint[33..]);
    }

    // ---------------------------------------------------------------- resources

    [Fact]
    public void Sign_and_verify_do_not_allocate_after_warm_up()
    {
        var engine = NewEngine();
        var k256 = new EcKey(EcCurve.P256);
        var k384 = new EcKey(EcCurve.P384);
        engine.GenerateKey(k256);
        engine.GenerateKey(k384);
        byte[] hash = new byte[48];
        byte[] sig = new byte[96];
        for (int i = 0; i < 3; i++)
        {
            engine.Sign(k256, hash, 0, 32, sig, 0);
            engine.Verify(EcCurve.P256, k256.PublicPoint, 0, 65, hash, 0, 32, sig, 0, 64);
            engine.Sign(k384, hash, 0, 48, sig, 0);
            engine.Verify(EcCurve.P384, k384.PublicPoint, 0, 97, hash, 0, 48, sig, 0, 96);
            engine.GenerateKey(k256);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            hash[0] = (byte)i;
            engine.Sign(k256, hash, 0, 32, sig, 0);
            Assert.True(engine.Verify(EcCurve.P256, k256.PublicPoint, 0, 65, hash, 0, 32, sig, 0, 64));
            if (i % 10 == 0)
            {
                engine.Sign(k384, hash, 0, 48, sig, 0);
                engine.Verify(EcCurve.P384, k384.PublicPoint, 0, 97, hash, 0, 48, sig, 0, 96);
                engine.GenerateKey(k256);
            }
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

}
