using NanoCard.Hal.Crypto;
using NanoCard.Hal.Crypto.Managed;
using NanoCard.Hal.Host.Crypto;

namespace NanoCard.Hal.Tests;

/// <summary>
/// Through the ICrypto interface, as the card OS calls it: once keys and digests exist, no
/// ManagedCrypto operation allocates (the device has a small heap and no time for GC pauses).
/// </summary>
public class ManagedCryptoAllocationTests
{
    [Fact]
    public void Operations_through_ICrypto_allocate_nothing_after_warm_up()
    {
        ICrypto crypto = new ManagedCrypto(new SystemRandom());
        var p256 = crypto.CreateEcKey(EcCurve.P256);
        crypto.GenerateEcKey(p256);
        var p384 = crypto.CreateEcKey(EcCurve.P384);
        crypto.GenerateEcKey(p384);
        var rsa = crypto.CreateRsaKey();
        var host = new HostCrypto();
        var hostRsa = host.CreateRsaKey();
        host.GenerateRsaKey(hostRsa);
        crypto.ImportRsaKey(rsa, hostRsa.P, 0, hostRsa.Q, 0, hostRsa.PublicExponent);
        var digest = crypto.CreateDigest(HashAlgorithm.Sha384);

        var data = new byte[512];
        new Random(4).NextBytes(data);
        var key = new byte[16];
        var output = new byte[512];
        var signature = new byte[256];
        var point = new byte[97];
        var modulus = new byte[256];
        rsa.GetModulus(modulus, 0);

        void Round()
        {
            crypto.Digest(HashAlgorithm.Sha256, data, 0, 300, output, 0);
            digest.Update(data, 0, 200);
            digest.DoFinal(data, 200, 100, output, 0);
            crypto.AesEcb(true, key, 0, data, 0, 64, output, 0);
            crypto.AesCbc(false, key, 0, data, 0, data, 16, 64, output, 0);
            crypto.AesCmac(key, 0, data, 0, 100, output, 0);
            crypto.SignEcdsa(p256, data, 0, 32, signature, 0);
            p256.GetPublicPoint(point, 0);
            crypto.VerifyEcdsa(EcCurve.P256, point, 0, 65, data, 0, 32, signature, 0, 64);
            crypto.SignEcdsa(p384, data, 0, 48, signature, 0);
            crypto.SignRsaPkcs1(rsa, data, 0, 51, signature, 0);
            crypto.VerifyRsaPkcs1(modulus, 0, rsa.PublicExponent, data, 0, 51, signature, 0, 256);
        }

        for (int i = 0; i < 5; i++)
        {
            Round();
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            Round();
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
