using CsCheck;
using NanoCard.Differential;
using NanoCard.Hal.Crypto;
using NanoCard.Hal.Host.Crypto;

namespace NanoCard.Hal.Tests.Differential;

/// <summary>
/// The bounded differential run of ./test.sh (docs/reliability.md, "Differential crypto"): the
/// managed engine, the .NET engine and the native core (artifacts/native/libnanocard_crypto.so,
/// built by ./test.sh before the tests) on random cases of every kind; the million-case run is
/// <c>dotnet run -c Release --project tools/bench -- diffcrypto</c>.
/// </summary>
public sealed class DifferentialCryptoTests
{
    private static readonly string[] EveryKind =
    [
        "SHA-256", "SHA-384", "HMAC-SHA-256", "HMAC-SHA-384", "AES-128-ECB", "AES-128-CBC", "AES-CMAC",
        "SCP03 KDF (SP 800-108)", "ECDSA P-256", "ECDSA P-384", "RSA-2048 PKCS#1 v1.5",
    ];

    [Fact]
    public void The_three_engines_agree_on_random_cases()
    {
        var campaign = new DifferentialCampaign(new Engines(rsaKeys: 2));
        campaign.Run(3000);
        campaign.RunEveryKind(30);
        Assert.Equal(3000 + 7 * 30, campaign.Tally.Values.Sum());
        Assert.Equal(EveryKind.Order(StringComparer.Ordinal), campaign.Tally.Keys.Order(StringComparer.Ordinal));
        // docs/reliability.md's table of the long run names every kind.
        string doc = File.ReadAllText(Path.Combine(Path.GetDirectoryName(NativeCore.LibraryPath())!, "..", "..", "docs", "reliability.md"));
        Assert.All(EveryKind, kind => Assert.Contains($"| {kind} |", doc, StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrong_engine_is_caught()
    {
        var campaign = new DifferentialCampaign(new Engines(new CmacOffByOne(new HostCrypto()), new HostCrypto(), rsaKeys: 0));
        var error = Assert.Throws<CsCheckException>(() => campaign.Run(3000));
        Assert.Contains("AES-CMAC", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The .NET engine with one bit of every CMAC tag over more than 100 bytes wrong.</summary>
    private sealed class CmacOffByOne(ICrypto inner) : ICrypto
    {
        public IRandom Random => inner.Random;

        public IMessageDigest CreateDigest(byte algorithm) => inner.CreateDigest(algorithm);

        public short Digest(byte algorithm, byte[] input, short inOffset, short inLength, byte[] output, short outOffset) =>
            inner.Digest(algorithm, input, inOffset, inLength, output, outOffset);

        public EcKey CreateEcKey(byte curve) => inner.CreateEcKey(curve);

        public void GenerateEcKey(EcKey key) => inner.GenerateEcKey(key);

        public short SignEcdsa(EcKey key, byte[] hash, short hashOffset, short hashLength, byte[] signature, short sigOffset) =>
            inner.SignEcdsa(key, hash, hashOffset, hashLength, signature, sigOffset);

        public bool VerifyEcdsa(byte curve, byte[] point, short pointOffset, short pointLength, byte[] hash, short hashOffset, short hashLength, byte[] signature, short sigOffset, short sigLength) =>
            inner.VerifyEcdsa(curve, point, pointOffset, pointLength, hash, hashOffset, hashLength, signature, sigOffset, sigLength);

        public RsaKey CreateRsaKey() => inner.CreateRsaKey();

        public void GenerateRsaKey(RsaKey key) => inner.GenerateRsaKey(key);

        public void ImportRsaKey(RsaKey key, byte[] p, short pOffset, byte[] q, short qOffset, int publicExponent) =>
            inner.ImportRsaKey(key, p, pOffset, q, qOffset, publicExponent);

        public short SignRsaPkcs1(RsaKey key, byte[] block, short blockOffset, short blockLength, byte[] signature, short sigOffset) =>
            inner.SignRsaPkcs1(key, block, blockOffset, blockLength, signature, sigOffset);

        public bool VerifyRsaPkcs1(byte[] modulus, short modulusOffset, int publicExponent, byte[] block, short blockOffset, short blockLength, byte[] signature, short sigOffset, short sigLength) =>
            inner.VerifyRsaPkcs1(modulus, modulusOffset, publicExponent, block, blockOffset, blockLength, signature, sigOffset, sigLength);

        public void AesEcb(bool encrypt, byte[] key, short keyOffset, byte[] input, short inOffset, short length, byte[] output, short outOffset) =>
            inner.AesEcb(encrypt, key, keyOffset, input, inOffset, length, output, outOffset);

        public void AesCbc(bool encrypt, byte[] key, short keyOffset, byte[] iv, short ivOffset, byte[] input, short inOffset, short length, byte[] output, short outOffset) =>
            inner.AesCbc(encrypt, key, keyOffset, iv, ivOffset, input, inOffset, length, output, outOffset);

        public void AesCmac(byte[] key, short keyOffset, byte[] input, short inOffset, short length, byte[] mac, short macOffset)
        {
            inner.AesCmac(key, keyOffset, input, inOffset, length, mac, macOffset);
            if (length > 100)
            {
                mac[macOffset + 15] ^= 1;
            }
        }
    }
}
