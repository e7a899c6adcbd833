using System.Security.Cryptography;
using NanoCard.Hal.Crypto;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Os.Files;
using NanoCard.Os.Keys;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Os.Tests;

/// <summary>
/// The card's keys share one set of RAM slots (<see cref="KeySlots"/>, docs/performance.md): each
/// key opens its record when used, so using keys in turn must always sign with the right one, and a
/// power-up must find every key again.
/// </summary>
public sealed class KeySlotTests
{
    private static readonly byte[] DeviceKey = Enumerable.Range(1, SecretSeal.DeviceKeyLength).Select(i => (byte)i).ToArray();
    private readonly RamNvm nvm = new(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize);
    private readonly byte[] scratch = new byte[2048];

    private (RsaPrivateKey[] Rsa, EcPrivateKey[] Ec) PowerUp()
    {
        var crypto = new HostCrypto();
        var store = new CardStore(nvm, StoreLayout.Default(), new SecretSeal(crypto, DeviceKey));
        var df = new DedicatedFile(store, 0x0042, 8);
        RsaPrivateKey[] rsa = [df.CreateRsaKey(0x0001, 1, crypto, AccessRule.Always), df.CreateRsaKey(0x0002, 2, crypto, AccessRule.Always)];
        EcPrivateKey[] ec = [df.CreateEcKey(0x0003, 3, crypto, AccessRule.Always), df.CreateEcKey(0x0004, 4, crypto, AccessRule.Always)];
        return (rsa, ec);
    }

    [Fact]
    public void Keys_used_in_turn_each_sign_with_their_own_key_and_are_found_at_the_next_power_up()
    {
        var (rsa, ec) = PowerUp();
        Assert.All(rsa, k => Assert.False(k.IsInitialized));
        rsa[0].Generate(scratch, 0);
        rsa[1].Generate(scratch, 0);
        ec[0].Generate(EcCurve.P256, scratch, 0);
        ec[1].Generate(EcCurve.P384, scratch, 0);
        byte[][] moduli = rsa.Select(Modulus).ToArray();
        byte[][] points = ec.Select(Point).ToArray();
        Assert.NotEqual(moduli[0], moduli[1]);

        for (int round = 0; round < 2; round++)
        {
            // Alternate kinds and keys, so each use finds the slots holding another key.
            AssertRsaSigns(rsa[0], moduli[0]);
            AssertEcSigns(ec[1], points[1], EcCurve.P384);
            AssertRsaSigns(rsa[1], moduli[1]);
            AssertEcSigns(ec[0], points[0], EcCurve.P256);
            (rsa, ec) = PowerUp();
            Assert.All(rsa, k => Assert.True(k.IsInitialized));
            Assert.Equal(EcCurve.P256, ec[0].Curve);
            Assert.Equal(EcCurve.P384, ec[1].Curve);
        }
    }

    [Fact]
    public void An_erased_key_is_gone_and_the_others_still_sign()
    {
        var (rsa, _) = PowerUp();
        rsa[0].Generate(scratch, 0);
        rsa[1].Generate(scratch, 0);
        byte[] modulus = Modulus(rsa[1]);
        rsa[0].Erase();
        Assert.False(rsa[0].IsInitialized);
        AssertRsaSigns(rsa[1], modulus);
        Assert.False(PowerUp().Rsa[0].IsInitialized);
    }

    private static byte[] Modulus(RsaPrivateKey key)
    {
        byte[] n = new byte[RsaKey.ModulusLength];
        key.GetModulus(n, 0);
        return n;
    }

    private static byte[] Point(EcPrivateKey key)
    {
        byte[] q = new byte[1 + 2 * 48];
        short end = key.GetPublicPoint(q, 0);
        return q[..end];
    }

    private static void AssertRsaSigns(RsaPrivateKey key, byte[] modulus)
    {
        byte[] hash = SHA256.HashData("slots"u8);
        byte[] digestInfo = [.. Convert.FromHexString("3031300d060960864801650304020105000420"), .. hash];
        byte[] signature = new byte[RsaKey.ModulusLength];
        key.Sign(digestInfo, 0, (short)digestInfo.Length, signature, 0);
        using RSA verifier = RSA.Create(new RSAParameters { Modulus = modulus, Exponent = [0x01, 0x00, 0x01] });
        Assert.True(verifier.VerifyHash(hash, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    private static void AssertEcSigns(EcPrivateKey key, byte[] point, byte curve)
    {
        int length = curve == EcCurve.P384 ? 48 : 32;
        byte[] hash = curve == EcCurve.P384 ? SHA384.HashData("slots"u8) : SHA256.HashData("slots"u8);
        byte[] signature = new byte[2 * length];
        key.Sign(hash, 0, (short)hash.Length, signature, 0);
        using ECDsa verifier = ECDsa.Create(new ECParameters
        {
            Curve = curve == EcCurve.P384 ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[1..(1 + length)], Y = point[(1 + length)..] },
        });
        Assert.True(verifier.VerifyHash(hash, signature));
    }
}
